package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ncv campaign --engine}: on the default class path Spark is absent and never loaded. */
class CampaignEngineOptionTest {

  private static boolean sparkBuilt() {
    try {
      Class.forName("org.apache.spark.SparkConf", false, CampaignEngineOptionTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void engineSparkOnTheDefaultBuildSaysHowToBuildIt(@TempDir Path dir) {
    assumeFalse(sparkBuilt(), "the -Pspark build has the Spark engine");
    CliRun r = CliRun.of("campaign", "--engine", "spark", "--master", "local[2]", "--quick", "--out",
        dir.resolve("run").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ncv: Spark engine not built: run mvn -Pspark package");
    assertThat(dir.resolve("run")).doesNotExist();
  }
}
