package ncverify.reports.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ncverify.reports.campaign.CampaignEngine;
import ncverify.reports.campaign.CampaignEngineProvider;
import ncverify.theory.InvalidInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code --engine spark}: opens a Spark context on {@code --master} ({@code local[N]}, {@code local[*]},
 * {@code spark://host:port}; default {@code local[threads]}), or reuses the master set by
 * {@code spark-submit}. A standalone master is probed with a TCP connect first so an unreachable one
 * fails in seconds with one line instead of Spark's minute of retries.
 */
public final class SparkEngineProvider implements CampaignEngineProvider {

  /** Time allowed to connect to a standalone master. */
  static final int CONNECT_TIMEOUT_MILLIS = 3000;
  private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?");
  private static final Pattern STANDALONE = Pattern.compile("spark://([^:/,]+):([0-9]{1,5})");

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public CampaignEngine open(String master, int threads) {
    SparkConf conf = new SparkConf().setAppName("ncv campaign");
    String m = master != null ? master : conf.get("spark.master", "local[" + threads + "]");
    checkReachable(m);
    conf.setMaster(m).setIfMissing("spark.ui.enabled", "false").setIfMissing("spark.ui.showConsoleProgress", "false")
        .setIfMissing("spark.task.maxFailures", "4");
    if (m.startsWith("local")) {
      // everything runs in this JVM: stay on the loopback interface
      conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    if (m.startsWith("spark://") && !conf.contains("spark.jars")) {
      String jar = ownJar();
      if (jar != null) {
        conf.setJars(new String[] {jar});
      }
    }
    SchedulerLog log = new SchedulerLog(); // before the context: executors can fail while it starts
    JavaSparkContext sc;
    try {
      sc = new JavaSparkContext(conf);
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    sc.setLogLevel("WARN");
    return new SparkEngine(sc, StudySource.registry(), true, log);
  }

  /**
   * Rejects a malformed master and a standalone master nobody listens on.
   *
   * @throws InvalidInputException naming the master and the reason
   */
  static void checkReachable(String master) {
    if (LOCAL.matcher(master).matches() || master.startsWith("yarn") || master.startsWith("k8s://")) {
      return;
    }
    Matcher s = STANDALONE.matcher(master);
    if (!s.matches()) {
      throw InvalidInputException.of("--master '%s' must be local[N], local[*] or spark://host:port", master);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(s.group(1), Integer.parseInt(s.group(2))), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException | IllegalArgumentException e) {
      throw InvalidInputException.of("Spark master %s unreachable: %s", master,
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** The jar this class was loaded from (ncv-spark.jar), shipped to standalone executors; null if none. */
  private static String ownJar() {
    try {
      Path p = Path.of(SparkEngineProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return p.toString().endsWith(".jar") ? p.toString() : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
