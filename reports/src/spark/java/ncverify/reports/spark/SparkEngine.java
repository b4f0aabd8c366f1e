package ncverify.reports.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import ncverify.properties.study.Study;
import ncverify.reports.campaign.CampaignEngine;
import ncverify.reports.campaign.CampaignTask;
import ncverify.reports.campaign.TryRecord;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs campaign tasks as a Spark RDD: {@code parallelize(tasks)} with one partition per task (tasks
 * are long and uneven: trained networks), {@code map} to the tries' records on the executors,
 * {@code collect} in task order on the driver. Spark retries a task whose executor is lost; a job that
 * still fails throws (no partial ledger is presented as complete). Cancelling cancels the job.
 */
public final class SparkEngine implements CampaignEngine {

  /** At most this many partitions (tasks beyond it share partitions). */
  static final int MAX_PARTITIONS = 10_000;

  private final JavaSparkContext sc;
  private final StudySource source;
  private final boolean owned;

  /**
   * @param sc the Spark context (closed by {@link #close()} when {@code owned})
   * @param source how executors find the studies
   * @param owned whether this engine stops {@code sc} when closed
   */
  public SparkEngine(JavaSparkContext sc, StudySource source, boolean owned) {
    this.sc = sc;
    this.source = source;
    this.owned = owned;
  }

  @Override
  public String name() {
    return "spark " + sc.master();
  }

  @Override
  public List<TryRecord> run(List<CampaignTask> tasks, Map<String, Study<?>> studies, Consumer<List<TryRecord>> onDone,
      BooleanSupplier cancelled) throws InterruptedException {
    if (tasks.isEmpty()) {
      return List.of();
    }
    int slices = Math.min(tasks.size(), MAX_PARTITIONS);
    sc.setJobGroup("ncv-campaign", "ncv campaign: " + tasks.size() + " tasks", true);
    JavaFutureAction<List<ArrayList<TryRecord>>> job = sc.parallelize(new ArrayList<>(tasks), slices)
        .map(new RunTasks(source)).collectAsync();
    List<ArrayList<TryRecord>> perTask;
    while (true) {
      if (cancelled.getAsBoolean()) {
        job.cancel(true);
        return List.of();
      }
      try {
        perTask = job.get(200, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException stillRunning) {
        // poll the cancel flag again
      } catch (ExecutionException e) {
        Throwable c = e.getCause() == null ? e : e.getCause();
        String msg = c.getMessage() == null ? c.toString() : c.getMessage().strip().split("\\R", 2)[0];
        throw new IllegalStateException("Spark job failed (" + sc.master() + "): " + msg, c);
      }
    }
    List<TryRecord> out = new ArrayList<>();
    for (List<TryRecord> records : perTask) {
      onDone.accept(records);
      out.addAll(records);
    }
    return out;
  }

  @Override
  public void close() {
    if (owned) {
      sc.stop();
    }
  }
}
