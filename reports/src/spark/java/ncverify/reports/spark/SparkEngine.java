package ncverify.reports.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import ncverify.properties.study.Study;
import ncverify.reports.campaign.CampaignEngine;
import ncverify.reports.campaign.CampaignTask;
import ncverify.reports.campaign.EngineFailedException;
import ncverify.reports.campaign.TryRecord;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Runs campaign tasks as a Spark RDD: {@code parallelize(tasks)} with one partition per task (tasks
 * are long and uneven: trained networks), {@code map} to the tries' records on the executors,
 * {@code collect} in task order on the driver. Finished tries stream back through an accumulator while
 * the job runs (progress, and the finished tries of a failed run). Spark retries a task whose executor
 * is lost; a job that still fails, or a cluster that cannot run it ({@link ClusterWatch}: application
 * removed by the master, no executor, master gone), ends the run with {@link EngineFailedException}
 * naming the cause. Cancelling cancels the job.
 */
public final class SparkEngine implements CampaignEngine {

  /** How often the driver polls the job, streams finished tries and asks the {@link ClusterWatch}. */
  static final long POLL_MILLIS = 200;
  /** At most this many partitions (tasks beyond it share partitions). */
  static final int MAX_PARTITIONS = 10_000;

  private final JavaSparkContext sc;
  private final StudySource source;
  private final boolean owned;
  private final SchedulerLog log;

  /**
   * @param sc the Spark context (closed by {@link #close()} when {@code owned})
   * @param source how executors find the studies
   * @param owned whether this engine stops {@code sc} when closed
   */
  public SparkEngine(JavaSparkContext sc, StudySource source, boolean owned) {
    this(sc, source, owned, new SchedulerLog());
  }

  /** As above, with the scheduler's messages read since {@code log} was opened (before the context started). */
  SparkEngine(JavaSparkContext sc, StudySource source, boolean owned, SchedulerLog log) {
    this.sc = sc;
    this.source = source;
    this.owned = owned;
    this.log = log;
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
    return run(tasks, onDone, cancelled, new ClusterWatch(sc, log, System.currentTimeMillis()));
  }

  private List<TryRecord> run(List<CampaignTask> tasks, Consumer<List<TryRecord>> onDone, BooleanSupplier cancelled,
      ClusterWatch watch) throws InterruptedException {
    int slices = Math.min(tasks.size(), MAX_PARTITIONS);
    Streamed streamed = new Streamed(onDone);
    JavaFutureAction<List<ArrayList<TryRecord>>> job;
    CollectionAccumulator<TryRecord> finished;
    try {
      finished = sc.sc().collectionAccumulator("ncv finished tries");
      sc.setJobGroup("ncv-campaign", "ncv campaign: " + tasks.size() + " tasks", true);
      job = sc.parallelize(new ArrayList<>(tasks), slices).map(new RunTasks(source, finished)).collectAsync();
    } catch (RuntimeException e) {
      if (sc.sc().isStopped()) { // the master removed the application before the job started
        throw new EngineFailedException(watch.ended(), e);
      }
      throw e;
    }
    List<ArrayList<TryRecord>> perTask;
    while (true) {
      if (cancelled.getAsBoolean()) {
        job.cancel(true);
        return List.of();
      }
      try {
        perTask = job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        break;
      } catch (TimeoutException stillRunning) {
        streamed.deliver(finished.value());
        String failure = watch.failure(System.currentTimeMillis());
        if (failure != null) {
          job.cancel(true);
          streamed.deliver(finished.value());
          throw new EngineFailedException(failure);
        }
      } catch (ExecutionException e) {
        streamed.deliver(finished.value());
        if (sc.sc().isStopped()) {
          throw new EngineFailedException(watch.ended(), e);
        }
        Throwable c = e.getCause() == null ? e : e.getCause();
        String msg = c.getMessage() == null ? "no message" : SchedulerLog.plain(c.getMessage());
        throw new EngineFailedException("Spark job failed on " + sc.master() + ": " + msg, c);
      }
    }
    List<TryRecord> out = new ArrayList<>();
    for (List<TryRecord> records : perTask) {
      streamed.deliver(records);
      out.addAll(records);
    }
    return out;
  }

  /**
   * Delivers each finished try once to {@code onDone}, as it arrives: from the accumulator while the job
   * runs (so a failed run still has its finished tries), then from the job's result.
   */
  private static final class Streamed {
    private final Consumer<List<TryRecord>> onDone;
    private final Set<String> delivered = new HashSet<>();

    Streamed(Consumer<List<TryRecord>> onDone) {
      this.onDone = onDone;
    }

    void deliver(List<TryRecord> records) {
      List<TryRecord> fresh = new ArrayList<>();
      for (TryRecord r : records) {
        if (delivered.add(r.studyId() + "#" + r.tryIndex())) {
          fresh.add(r);
        }
      }
      if (!fresh.isEmpty()) {
        onDone.accept(fresh);
      }
    }
  }

  /** How long {@link #close()} waits for Spark to stop (a lost master can hold its shutdown). */
  static final long STOP_WAIT_MILLIS = 30_000;

  @Override
  public void close() {
    log.close();
    if (owned) {
      Thread stop = new Thread(sc::stop, "ncv-spark-stop");
      stop.setDaemon(true);
      stop.start();
      try {
        stop.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
