package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import ncverify.properties.study.Study;

/**
 * Runs campaign tasks on a fixed thread pool. Results come back per task as they finish (for the
 * progress bar and partial ledgers) and, at the end, in task order, so the merged result does not
 * depend on the number of threads. Tasks not yet started when {@code cancelled} turns true are skipped.
 */
public final class LocalEngine implements CampaignEngine {

  private final int threads;

  public LocalEngine(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads " + threads + " must be at least 1");
    }
    this.threads = threads;
  }

  @Override
  public String name() {
    return "local[" + threads + "]";
  }

  /**
   * Runs every task; {@code onDone} receives each task's records (from worker threads, so it must be
   * thread-safe). Returns the records of the tasks that ran, in task order.
   */
  @Override
  public List<TryRecord> run(List<CampaignTask> tasks, Map<String, Study<?>> studies, Consumer<List<TryRecord>> onDone,
      BooleanSupplier cancelled) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "campaign-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<List<TryRecord>>> futures = new ArrayList<>();
      for (CampaignTask task : tasks) {
        Study<?> study = studies.get(task.studyId());
        if (study == null) {
          throw new IllegalArgumentException("no study '" + task.studyId() + "'");
        }
        futures.add(pool.submit(() -> {
          if (cancelled.getAsBoolean()) {
            return List.<TryRecord>of();
          }
          List<TryRecord> records = task.run(study);
          onDone.accept(records);
          return records;
        }));
      }
      List<TryRecord> out = new ArrayList<>();
      for (Future<List<TryRecord>> f : futures) {
        try {
          out.addAll(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a campaign task crashed: " + e.getCause(), e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
