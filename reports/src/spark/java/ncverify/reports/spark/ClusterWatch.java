package ncverify.reports.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver's watchdog over a cluster run, so that a campaign on a cluster that cannot run it fails
 * within a bounded time with one line naming the cause instead of waiting forever (Spark's scheduler
 * waits for resources without end). {@link #failure(long)} is polled by {@link SparkEngine} while the
 * job runs and names the first of:
 *
 * <ul>
 *   <li>the application ended (the master removed it, e.g. after {@code spark.deploy.maxExecutorRetries}
 *       executors failed to start, or the context was stopped), with the reasons the scheduler gave;
 *   <li>a standalone master that has not accepted a connection for {@link #MASTER_LOST_TIMEOUT} while
 *       no executor is left (running executors finish the job without a master, so a master alone
 *       going away is not a failure);
 *   <li>no executor registered for {@link #EXECUTOR_WAIT_TIMEOUT} (executors that cannot start, or
 *       all of them lost and none replaced).
 * </ul>
 *
 * Local masters ({@code local[N]}) run in this JVM and are never watched for executors. Both timeouts
 * are Spark settings ({@code --conf} of spark-submit, or {@code -D} in {@code NCV_JAVA_OPTS}).
 */
final class ClusterWatch {

  /** Setting: how long the job may run without any registered executor (default 120 s). */
  static final String EXECUTOR_WAIT_TIMEOUT = "spark.ncv.executorWaitTimeout";
  /** Setting: how long an unreachable standalone master is tolerated once no executor is left (default 30 s). */
  static final String MASTER_LOST_TIMEOUT = "spark.ncv.masterLostTimeout";
  /** Time between two connection probes of a standalone master. */
  static final long PROBE_INTERVAL_MILLIS = 3000;
  private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+):([0-9]{1,5})");

  private final JavaSparkContext sc;
  private final SchedulerLog log;
  private final String master;
  private final InetSocketAddress masterAddress;
  private final long executorWaitMillis;
  private final long masterLostMillis;
  private long lastExecutorSeen;
  private long lastProbe;
  private long masterDownSince = -1;
  private String masterProblem;

  /** Starts watching {@code sc} at time {@code now} (milliseconds), reading the scheduler's reasons in {@code log}. */
  ClusterWatch(JavaSparkContext sc, SchedulerLog log, long now) {
    this.sc = sc;
    this.master = sc.master();
    Matcher m = STANDALONE.matcher(master);
    this.masterAddress = m.matches() ? new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))) : null;
    this.executorWaitMillis = sc.getConf().getTimeAsMs(EXECUTOR_WAIT_TIMEOUT, "120s");
    this.masterLostMillis = sc.getConf().getTimeAsMs(MASTER_LOST_TIMEOUT, "30s");
    this.log = log;
    this.lastExecutorSeen = now;
  }

  /** The cause of a run that cannot finish, one line; null while the cluster can still run it. */
  String failure(long now) {
    if (sc.sc().isStopped()) {
      return ended();
    }
    if (master.startsWith("local")) {
      return null;
    }
    int executors = sc.sc().statusTracker().getExecutorInfos().length - 1; // the driver is listed too
    if (executors > 0) {
      lastExecutorSeen = now;
      return null;
    }
    if (masterAddress != null && now - lastProbe >= PROBE_INTERVAL_MILLIS) {
      lastProbe = now;
      masterProblem = probe();
      masterDownSince = masterProblem == null ? -1 : masterDownSince < 0 ? now : masterDownSince;
    }
    if (masterDownSince >= 0 && now - masterDownSince >= masterLostMillis) {
      return String.format(Locale.ROOT, "Spark master %s stopped (%s) and no executor is left%s", master,
          masterProblem, executorDetail());
    }
    if (now - lastExecutorSeen >= executorWaitMillis) {
      return String.format(Locale.ROOT, "no Spark executor ran on %s for %d s%s", master,
          TimeUnit.MILLISECONDS.toSeconds(now - lastExecutorSeen), executorDetail());
    }
    return null;
  }

  /** The cause once the context has stopped under the job. */
  String ended() {
    String killed = log.killedReason();
    if (killed != null && killed.startsWith("Master removed our application")) {
      return "the Spark master " + master + " removed the application (" + killed.replaceFirst(
          "^Master removed our application: ?", "") + ")" + executorDetail();
    }
    return "the Spark application on " + master + " ended before the campaign finished"
        + (killed == null ? "" : " (" + killed + ")") + executorDetail();
  }

  private String executorDetail() {
    String failures = log.executorFailures();
    return failures == null ? "" : ": " + failures;
  }

  /** null when the master accepts a connection, else the reason. */
  private String probe() {
    try (Socket s = new Socket()) {
      s.connect(masterAddress, SparkEngineProvider.CONNECT_TIMEOUT_MILLIS);
      return null;
    } catch (IOException e) {
      return e.getMessage() == null ? "no connection" : e.getMessage();
    }
  }
}
