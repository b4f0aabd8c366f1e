package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncv campaign --engine}: on the default class path Spark is absent and never loaded. */
class CampaignEngineOptionTest {

  @Test
  void engineSparkOnTheDefaultBuildSaysHowToBuildIt(@TempDir Path dir) {
    assumeFalse(ncverify.reports.campaign.CampaignEnginesTestAccess.sparkBuilt(), "-Pspark build");
    CliRun r = CliRun.of("campaign", "--engine", "spark", "--master", "local[2]", "--quick", "--out",
        dir.resolve("run").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ncv: Spark engine not built: run mvn -Pspark package");
    assertThat(dir.resolve("run")).doesNotExist();
  }
}
