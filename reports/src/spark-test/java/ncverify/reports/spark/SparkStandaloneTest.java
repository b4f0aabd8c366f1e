package ncverify.reports.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import ncverify.reports.campaign.EngineFailedException;
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
 * A real standalone cluster on 127.0.0.1 ({@link StandaloneCluster}: a Spark master and two workers, one
 * core each, in child JVMs started from the Spark jars on the test class path), a small campaign through
 * them, its ledger compared with the local engine's; a worker killed mid-run; the master and the workers
 * stopped mid-run. Bounded in time; everything is stopped at the end.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneTest {

  private static final long SEED = 11L;
  private static final int TRIES = 30;
  private static final long START_TIMEOUT_MILLIS = 120_000;

  private static StandaloneCluster cluster;
  private static Process worker2;
  private static String master;
  /** Logs and work folders of the cluster (kept for diagnosis under target/). */
  private static Path dir;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start("spark-standalone-", true);
    master = cluster.master();
    worker2 = cluster.worker(2);
    dir = cluster.dir();
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    cluster.close();
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

  /**
   * The master and the last worker stop while a campaign runs (issue 16: the driver then waited for
   * resources forever): the run ends within a bounded time with {@link EngineFailedException} naming
   * the master, and the tries finished before are delivered (the incomplete ledger).
   */
  @Test
  @Order(3)
  void aMasterStoppingMidRunEndsTheRunWithTheFinishedTries() throws Exception {
    List<Study<?>> studies = List.of(slow());
    int tries = 80;
    Campaign campaign = new Campaign(studies, CampaignSettings.of(SEED, false, 1).withTries(tries), "test");
    JavaSparkContext sc = context(1, "5s");
    try {
      CompletableFuture<Object> run = CompletableFuture.supplyAsync(() -> {
        try {
          return campaign.run(new SparkEngine(sc, new SlowFakes(), false), r -> { });
        } catch (InterruptedException | RuntimeException e) {
          return e;
        }
      });
      long deadline = System.currentTimeMillis() + 60_000;
      while (campaign.snapshot().triesRun() < 5 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      long stopped = System.nanoTime();
      cluster.stopAll(); // the master and the workers (worker 2 is already gone)
      Object outcome = run.get(120, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - stopped) / 1e9;
      System.out.printf(Locale.ROOT, "master stopped: the run ended %.1f s later: %s%n", seconds, outcome);
      assertThat(outcome).isInstanceOf(EngineFailedException.class);
      assertThat(((EngineFailedException) outcome).getMessage())
          .isEqualTo("Spark master " + master + " stopped (Connection refused) and no executor is left");
      CampaignResult partial = campaign.snapshot();
      assertThat(partial.incomplete()).isTrue();
      assertThat(partial.triesRun()).isBetween(5, tries - 1);
    } finally {
      sc.stop();
    }
  }

  /** A context on the cluster, returned once {@code executors} executors registered. */
  private static JavaSparkContext context(int executors) throws InterruptedException {
    return context(executors, "30s");
  }

  /** As {@link #context(int)}, with the {@link ClusterWatch#MASTER_LOST_TIMEOUT} given. */
  private static JavaSparkContext context(int executors, String masterLost) throws InterruptedException {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("SparkStandaloneTest")
        .set(ClusterWatch.MASTER_LOST_TIMEOUT, masterLost)
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
