package ncverify.theory.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Data-parallel loops over fixed chunks for the passes over large feature matrices (class means,
 * projections, distances). The chunk boundaries depend only on the problem size and the chunk length,
 * never on the number of threads, and every chunk writes its own outputs: results are bit-for-bit the
 * same on 1 or 64 threads. The pool has one daemon thread per processor (system property
 * {@value #PROPERTY} overrides).
 */
public final class Parallel {

  /** System property with the number of threads of the pool. */
  public static final String PROPERTY = "ncverify.threads";

  private static final ForkJoinPool POOL = new ForkJoinPool(threadCount(), pool -> {
    var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    t.setDaemon(true);
    t.setName("ncverify-parallel-" + t.getPoolIndex());
    return t;
  }, null, false);

  /** The body of a chunked loop: handles indices from (inclusive) to to (exclusive). */
  @FunctionalInterface
  public interface Chunk {
    void run(int from, int to);
  }

  private Parallel() {}

  private static int threadCount() {
    Integer forced = Integer.getInteger(PROPERTY);
    return forced != null && forced >= 1 ? forced : Runtime.getRuntime().availableProcessors();
  }

  /** Number of threads of the pool. */
  public static int threads() {
    return POOL.getParallelism();
  }

  /**
   * Runs {@code body} on [0, n) cut into consecutive chunks of {@code chunk} indices (the last may be
   * shorter), in parallel when there is more than one chunk; returns when all are done. An exception
   * of a chunk is rethrown.
   */
  public static void forChunks(int n, int chunk, Chunk body) {
    if (n <= 0) {
      return;
    }
    int size = Math.max(1, chunk);
    int chunks = (n + size - 1) / size;
    if (chunks == 1 || POOL.getParallelism() == 1) {
      for (int c = 0; c < chunks; c++) {
        body.run(c * size, Math.min(n, (c + 1) * size));
      }
      return;
    }
    List<ForkJoinTask<?>> tasks = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = c * size;
      int to = Math.min(n, from + size);
      tasks.add(ForkJoinTask.adapt(() -> body.run(from, to)));
    }
    if (ForkJoinTask.inForkJoinPool()) {
      ForkJoinTask.invokeAll(tasks);
    } else {
      POOL.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
    }
  }
}
