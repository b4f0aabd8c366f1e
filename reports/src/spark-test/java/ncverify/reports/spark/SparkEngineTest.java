package ncverify.reports.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.reports.campaign.Campaign;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.CampaignSettings;
import ncverify.reports.campaign.FakeStudies;
import ncverify.reports.campaign.LocalEngine;
import ncverify.reports.campaign.TryRecord;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark engine on local[2] against the local engine (same seeds, same ledger) and its faults. */
class SparkEngineTest {

  private static final long SEED = 42L;
  private static final int TRIES = 40;

  private static JavaSparkContext sc;

  /** The fake studies, as executors resolve them (named class: stable when serialized). */
  static final class Fakes implements StudySource {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Study<?>> studies() {
      return List.of(FakeStudies.threshold(), FakeStudies.flaky(), crashing());
    }
  }

  /** Only fake.threshold is known on the executors. */
  static final class ThresholdOnly implements StudySource {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Study<?>> studies() {
      return List.of(FakeStudies.threshold());
    }
  }

  /** Study {@code fake.crashing}: throws an Error (not caught by the task) when x is odd. */
  static Study<FakeStudies.Case> crashing() {
    return new Study<>() {
      @Override
      public String id() {
        return "fake.crashing";
      }

      @Override
      public String description() {
        return "throws an Error on odd x";
      }

      @Override
      public List<String> claimIds() {
        return List.of("fake.ok");
      }

      @Override
      public Gen<FakeStudies.Case> cases() {
        return Gen.integers(0, 99).map(FakeStudies.Case::new);
      }

      @Override
      public StudyOutcome run(FakeStudies.Case c, long seed) {
        if (c.x() % 2 == 1) {
          throw new NoClassDefFoundError("simulated executor failure at x = " + c.x());
        }
        return StudyOutcome.of(List.of(), Map.of());
      }
    };
  }

  @BeforeAll
  static void start() {
    sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkEngineTest")
        .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1"));
    sc.setLogLevel("ERROR");
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  private static Campaign campaign(List<Study<?>> studies) {
    return new Campaign(studies, CampaignSettings.of(SEED, false, 2).withTries(TRIES), "test");
  }

  static JsonNode withoutTimings(CampaignResult r) throws IOException {
    ObjectNode n = (ObjectNode) Json.mapper().readTree(Json.write(r.toJsonMap()));
    n.remove("provenance");
    for (JsonNode s : n.get("studies")) {
      ((ObjectNode) s).remove("seconds");
    }
    return n;
  }

  @Test
  void sameSeedsGiveTheSameLedgerAsTheLocalEngine() throws Exception {
    List<Study<?>> studies = List.of(FakeStudies.threshold(), FakeStudies.flaky());
    CampaignResult local = campaign(studies).run(new LocalEngine(2), r -> { });
    CampaignResult spark = campaign(studies).run(new SparkEngine(sc, new Fakes(), false), r -> { });
    assertThat(spark.incomplete()).isFalse();
    assertThat(spark.generatedTriesRun()).isEqualTo(2 * TRIES);
    assertThat(withoutTimings(spark)).isEqualTo(withoutTimings(local));
    // the violated claim was shrunk on the driver to the documented boundary case
    assertThat(Json.write(spark.toJsonMap())).contains("Case[x=500]");
  }

  @Test
  void aStudyUnknownOnTheExecutorsIsReportedPerTryAndTheRestContinues() throws Exception {
    List<Study<?>> studies = List.of(FakeStudies.threshold(), FakeStudies.flaky());
    CampaignResult local = campaign(List.of(FakeStudies.threshold())).run(new LocalEngine(1), r -> { });
    CampaignResult spark = campaign(studies).run(new SparkEngine(sc, new ThresholdOnly(), false), r -> { });
    assertThat(spark.generatedTriesRun()).isEqualTo(2 * TRIES);
    List<TryRecord> flaky = spark.records().stream().filter(t -> t.studyId().equals("fake.flaky")).toList();
    assertThat(flaky).hasSize(TRIES).allSatisfy(t -> assertThat(t.error())
        .contains("failed on task fake.flaky", "study seed", "not registered on this executor"));
    assertThat(withoutTimings(spark).get("claims").get(0)).isEqualTo(withoutTimings(local).get("claims").get(0));
  }

  @Test
  void anErrorInOneTaskIsRecordedWithItsSeedsAndTheRestContinues() throws Exception {
    CampaignResult spark = campaign(List.of(crashing(), FakeStudies.threshold()))
        .run(new SparkEngine(sc, new Fakes(), false), r -> { });
    List<TryRecord> crashed = spark.records().stream().filter(t -> t.studyId().equals("fake.crashing")
        && t.failedWithError()).toList();
    assertThat(crashed).isNotEmpty().allSatisfy(t -> {
      assertThat(t.error()).contains("NoClassDefFoundError: simulated executor failure", "fake.crashing",
          "tries " + t.tryIndex() + ".." + t.tryIndex());
      assertThat(t.caseSeed()).isNotZero();
    });
    assertThat(spark.records().stream().filter(t -> t.studyId().equals("fake.threshold") && !t.targeted()))
        .hasSize(TRIES).noneMatch(TryRecord::failedWithError);
  }

  @Test
  void anUnreachableMasterIsOneLine() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String master = "spark://127.0.0.1:" + port;
    assertThatThrownBy(() -> SparkEngineProvider.checkReachable(master)).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("Spark master " + master + " unreachable");
    assertThatThrownBy(() -> SparkEngineProvider.checkReachable("mesos://x")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("must be local[N]");
    SparkEngineProvider.checkReachable("local[2]");
    SparkEngineProvider.checkReachable("local[*]");
  }
}
