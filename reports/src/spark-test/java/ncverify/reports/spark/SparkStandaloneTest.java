package ncverify.reports.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.reports.campaign.Campaign;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.CampaignSettings;
import ncverify.reports.campaign.FakeStudies;
import ncverify.reports.campaign.LocalEngine;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone cluster on 127.0.0.1: a Spark master and two workers (one core each) in child JVMs
 * started from the Spark jars on the test class path, a small campaign through them, its ledger compared
 * with the local engine's. Bounded in time; everything is stopped at the end.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneTest {

  private static final long SEED = 11L;
  private static final int TRIES = 30;
  private static final long START_TIMEOUT_MILLIS = 120_000;

  /** Logs and work folders of the cluster (kept for diagnosis under target/). */
  private static Path dir;

  private static final List<Process> processes = new ArrayList<>();
  private static Process worker2;
  private static String master;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process start(String name, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    for (String p : List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
        "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
        "sun.nio.cs", "sun.security.action", "sun.util.calendar")) {
      cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** SPARK_HOME/jars for the workers' executor command: the test class path's jars, linked. */
  private static void sparkHome() throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && Files.isRegularFile(p)) {
        Path link = jars.resolve(p.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, p.toAbsolutePath());
        }
      }
    }
  }

  @BeforeAll
  static void startCluster() throws Exception {
    dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "spark-standalone-").toAbsolutePath();
    sparkHome();
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
        "--webui-port", "" + freePort());
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (!listening(port)) {
      assertThat(System.currentTimeMillis()).as("master did not start, see %s", dir.resolve("master.log"))
          .isLessThan(deadline);
      Thread.sleep(250);
    }
    for (int w = 1; w <= 2; w++) {
      Path work = Files.createDirectories(dir.resolve("work" + w));
      Process p = start("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
          "--memory", "1g", "--webui-port", "" + freePort(), "--work-dir", work.toString(), master);
      if (w == 2) {
        worker2 = p;
      }
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** Study {@code fake.slow}: fake.threshold's claims, each try sleeping {@link #SLOW_MILLIS}. */
  static Study<FakeStudies.Case> slow() {
    Study<FakeStudies.Case> t = FakeStudies.threshold();
    return new Study<>() {
      @Override
      public String id() {
        return "fake.slow";
      }

      @Override
      public String description() {
        return "fake.threshold, slowly";
      }

      @Override
      public List<String> claimIds() {
        return t.claimIds();
      }

      @Override
      public Gen<FakeStudies.Case> cases() {
        return t.cases();
      }

      @Override
      public StudyOutcome run(FakeStudies.Case c, long seed) {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return t.run(c, seed);
      }
    };
  }

  static final long SLOW_MILLIS = 150;

  /** The slow study, as executors resolve it. */
  static final class SlowFakes implements StudySource {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Study<?>> studies() {
      return List.of(slow());
    }
  }

  @Test
  @Order(1)
  void aCampaignThroughTwoWorkersGivesTheLocalLedger() throws Exception {
    List<Study<?>> studies = List.of(FakeStudies.threshold(), FakeStudies.flaky());
    CampaignSettings settings = CampaignSettings.of(SEED, false, 2).withTries(TRIES);
    CampaignResult local = new Campaign(studies, settings, "test").run(new LocalEngine(2), r -> { });
    JavaSparkContext sc = context(2);
    try {
      long t0 = System.nanoTime();
      CampaignResult spark = new Campaign(studies, settings, "test").run(new SparkEngine(sc, new SparkEngineTest.Fakes(),
          false), r -> { });
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "standalone (2 workers x 1 core): %d tries in %.2f s = %.1f tries/s%n",
          spark.generatedTriesRun(), seconds, spark.generatedTriesRun() / seconds);
      assertThat(spark.incomplete()).isFalse();
      assertThat(SparkEngineTest.withoutTimings(spark)).isEqualTo(SparkEngineTest.withoutTimings(local));
    } finally {
      sc.stop();
    }
  }

  @Test
  @Order(2)
  void aWorkerKilledMidRunLosesNoTry() throws Exception {
    List<Study<?>> studies = List.of(slow());
    CampaignSettings settings = CampaignSettings.of(SEED, false, 2).withTries(TRIES);
    CampaignResult local = new Campaign(studies, settings, "test").run(new LocalEngine(2), r -> { });
    JavaSparkContext sc = context(2);
    try {
      CompletableFuture<CampaignResult> run = CompletableFuture.supplyAsync(() -> {
        try {
          return new Campaign(studies, settings, "test").run(new SparkEngine(sc, new SlowFakes(), false), r -> { });
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(TRIES * SLOW_MILLIS / 4); // about a quarter of the tries done
      worker2.destroyForcibly().waitFor();
      CampaignResult spark = run.get(180, TimeUnit.SECONDS);
      assertThat(spark.incomplete()).isFalse();
      assertThat(spark.generatedTriesRun()).isEqualTo(TRIES);
      assertThat(SparkEngineTest.withoutTimings(spark)).isEqualTo(SparkEngineTest.withoutTimings(local));
    } finally {
      sc.stop();
    }
  }

  /** A context on the cluster, returned once {@code executors} executors registered. */
  private static JavaSparkContext context(int executors) throws InterruptedException {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("SparkStandaloneTest")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "512m")
        .set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
    JavaSparkContext sc = new JavaSparkContext(conf);
    sc.setLogLevel("ERROR");
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (sc.sc().getExecutorMemoryStatus().size() < executors + 1) { // the driver counts too
      if (System.currentTimeMillis() > deadline) {
        sc.stop();
        throw new AssertionError("executors did not register, see " + dir);
      }
      Thread.sleep(250);
    }
    return sc;
  }
}
