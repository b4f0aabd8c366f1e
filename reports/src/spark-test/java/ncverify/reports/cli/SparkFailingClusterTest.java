package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import ncverify.reports.json.Json;
import ncverify.reports.spark.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a standalone cluster whose executors cannot start (workers without SPARK_SCALA_VERSION or
 * build directories: every executor fails with "Cannot find any build directories", and the master
 * removes the application after 10 failures). {@code ncv campaign --engine spark} used to end with an
 * internal error (a Java exception, exit 1, no ledger) or wait forever; it now ends within the test's
 * bound with one line naming the cause, exit code 2 and the finished tries as an incomplete ledger.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SparkFailingClusterTest {

  @Test
  void executorsThatCannotStartEndTheCampaignWithOneLineAndAnIncompleteLedger(@TempDir Path out) throws Exception {
    try (StandaloneCluster cluster = StandaloneCluster.start("spark-broken-", false)) {
      long t0 = System.nanoTime();
      CliRun r = CliRun.of("campaign", "--engine", "spark", "--master", cluster.master(), "--quick", "--only",
          "dln.deep-linear-ufm", "--no-figures", "--out", out.toString());
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("broken cluster: exit %d after %.1f s: %s%n", r.code(), seconds, r.err().strip());
      assertThat(r.code()).as(r.err()).isEqualTo(Ncv.EXIT_USER_ERROR);
      assertThat(r.err().strip()).doesNotContain("\n")
          .startsWith("ncv: the Spark master " + cluster.master() + " removed the application (FAILED)")
          .contains("Cannot find any build directories", "incomplete ledger in " + out)
          .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)\\b");
      JsonNode ledger = Json.mapper().readTree(out.resolve("ledger.json").toFile());
      assertThat(ledger.get("incomplete").asBoolean()).isTrue();
      assertThat(ledger.get("summary").get("tries_run").asInt()).isZero();
    }
  }
}
