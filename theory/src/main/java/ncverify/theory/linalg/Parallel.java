package ncverify.theory.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Data-parallel loops over fixed chunks for the passes over large feature matrices (class means,
 * projections, distances). The chunk boundaries depend only on the problem size and the chunk length,
 * never on the number of threads, and every chunk writes its own outputs: results are bit-for-bit the
 * same on 1 or 64 threads. The pool has one daemon thread per processor (system property
 * {@value #PROPERTY} overrides). {@link #both} runs two independent computations at the same time (task
 * parallelism, e.g. a single-threaded decomposition next to a pass over the data).
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

  /** Runs the first computation of {@link #both}; cached daemon threads, apart from the chunk pool. */
  private static final ExecutorService SIDE = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ncverify-side");
    t.setDaemon(true);
    return t;
  });

  /** The results of {@link #both}. */
  public record Pair<A, B>(A first, B second) {}

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

  /**
   * Computes {@code first} (on another thread) and {@code second} (on this one) at the same time and
   * returns both results; one after the other when the pool has one thread. The two must be independent
   * (no shared mutable state): each result is then the same as when run alone. Failures read as in the
   * sequential order: an exception of {@code first} is rethrown (unwrapped) in preference to one of
   * {@code second}.
   */
  public static <A, B> Pair<A, B> both(Supplier<A> first, Supplier<B> second) {
    if (threads() == 1) {
      A a = first.get();
      return new Pair<>(a, second.get());
    }
    Future<A> pending = SIDE.submit(first::get);
    B b = null;
    RuntimeException failed = null;
    try {
      b = second.get();
    } catch (RuntimeException e) {
      failed = e;
    }
    A a;
    try {
      a = pending.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a concurrent computation", e);
    }
    if (failed != null) {
      throw failed;
    }
    return new Pair<>(a, b);
  }
}
