package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncv campaign --engine spark} wiring through the ServiceLoader (the -Pspark build). */
class SparkCampaignCommandTest {

  @Test
  void unreachableMasterIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun r = CliRun.of("campaign", "--engine", "spark", "--master", "spark://127.0.0.1:" + port, "--quick",
        "--out", dir.resolve("run").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("ncv: Spark master spark://127.0.0.1:" + port + " unreachable")
        .doesNotContain("\n");
  }

  @Test
  void masterWithoutSparkEngineIsRejected(@TempDir Path dir) {
    CliRun r = CliRun.of("campaign", "--master", "local[2]", "--quick", "--out", dir.resolve("run").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--master local[2] needs --engine spark");
  }
}
