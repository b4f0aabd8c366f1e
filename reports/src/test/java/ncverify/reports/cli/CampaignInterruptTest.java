package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM running a campaign is terminated (SIGTERM, as Ctrl-C runs the same hooks): partial ledger, incomplete. */
class CampaignInterruptTest {

  private static final int TRIES = 500;
  private static final int WAIT_FOR_LINES = 5;

  @Test
  void terminatedCampaignLeavesAnIncompleteButValidLedger(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        InterruptedCampaignMain.class.getName(), "campaign", "--tries", "" + TRIES, "--threads", "1",
        "--no-figures", "--out", out.toString()).redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int progress = 0;
      String line;
      while (progress < WAIT_FOR_LINES && (line = r.readLine()) != null) {
        if (line.startsWith("[")) {
          progress++;
        }
      }
      assertThat(progress).isEqualTo(WAIT_FOR_LINES);
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    JsonNode n = Json.mapper().readTree(Files.readString(out.resolve("ledger.json")));
    assertThat(n.get("incomplete").asBoolean()).isTrue();
    int run = n.get("summary").get("tries_run").asInt();
    assertThat(run).isBetween(WAIT_FOR_LINES, TRIES - 1);
    assertThat(n.get("claims").get(0).get("tries").asInt()).isEqualTo(run);
    assertThat(Files.readString(out.resolve("ledger.md"))).contains("INCOMPLETE");
  }
}
