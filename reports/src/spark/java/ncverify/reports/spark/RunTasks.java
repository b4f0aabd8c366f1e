package ncverify.reports.spark;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ncverify.properties.study.Study;
import ncverify.reports.campaign.CampaignTask;
import ncverify.reports.campaign.TryRecord;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The executor side: runs one {@link CampaignTask} on the study its id names. A try that throws is
 * already recorded by the task itself; anything escaping the task (study unknown on this executor, an
 * {@link Error}) becomes an error record for every try of the block, naming study, seeds and host, so
 * the rest of the campaign continues.
 */
final class RunTasks implements Function<CampaignTask, ArrayList<TryRecord>> {

  private static final long serialVersionUID = 1L;
  /** Studies per source class, resolved once per executor JVM (sources are stateless: keyed by class). */
  private static final Map<Class<?>, Map<String, Study<?>>> CACHE = new ConcurrentHashMap<>();

  private final StudySource source;
  private final CollectionAccumulator<TryRecord> finished;

  /**
   * @param source how this executor finds the studies
   * @param finished where the records also go, so the driver sees them as each task ends (or null)
   */
  RunTasks(StudySource source, CollectionAccumulator<TryRecord> finished) {
    this.source = source;
    this.finished = finished;
  }

  @Override
  public ArrayList<TryRecord> call(CampaignTask task) {
    ArrayList<TryRecord> records = records(task);
    if (finished != null) {
      records.forEach(finished::add);
    }
    return records;
  }

  private ArrayList<TryRecord> records(CampaignTask task) {
    try {
      Study<?> study = studies().get(task.studyId());
      if (study == null) {
        throw new IllegalStateException("study '" + task.studyId() + "' is not registered on this executor");
      }
      return new ArrayList<>(task.run(study));
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      return failed(task, e);
    }
  }

  private Map<String, Study<?>> studies() {
    return CACHE.computeIfAbsent(source.getClass(), k -> {
      Map<String, Study<?>> byId = new ConcurrentHashMap<>();
      source.studies().forEach(st -> byId.put(st.id(), st));
      return byId;
    });
  }

  /** One error record per try of {@code task}, with the seeds that reproduce it. */
  static ArrayList<TryRecord> failed(CampaignTask task, Throwable e) {
    String msg = e.getMessage() == null ? "" : ": " + e.getMessage().strip().split("\\R", 2)[0];
    String what = task.climb() != null ? "targeted search on " + task.climb().claimId()
        : "tries " + task.firstTry() + ".." + (task.firstTry() + task.count() - 1);
    String error = "executor " + host() + " failed on task " + task.studyId() + " " + what + " (study seed "
        + task.studySeed() + "): " + e.getClass().getSimpleName() + msg;
    return new ArrayList<>(task.failedRecords(error));
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
