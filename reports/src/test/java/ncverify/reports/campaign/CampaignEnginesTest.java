package ncverify.reports.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class CampaignEnginesTest {

  /** True in the -Pspark build, where the Spark engine is on the test class path. */
  static boolean sparkBuilt() {
    try {
      Class.forName("org.apache.spark.SparkConf", false, CampaignEnginesTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void localIsTheDefault() {
    try (CampaignEngine e = CampaignEngines.open(null, null, 3)) {
      assertThat(e).isInstanceOf(LocalEngine.class);
      assertThat(e.name()).isEqualTo("local[3]");
    }
    assertThat(CampaignEngines.open("local", null, 1).name()).isEqualTo("local[1]");
  }

  @Test
  void sparkWithoutTheSparkBuildIsOneClearLine() {
    assumeFalse(sparkBuilt(), "the -Pspark build has the Spark engine");
    assertThatThrownBy(() -> CampaignEngines.open("spark", "local[2]", 2)).isInstanceOf(InvalidInputException.class)
        .hasMessage("Spark engine not built: run mvn -Pspark package");
  }

  @Test
  void unknownEngineAndMasterWithoutSparkAreRejected() {
    assertThatThrownBy(() -> CampaignEngines.open("flink", null, 2)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown engine 'flink'");
    assertThatThrownBy(() -> CampaignEngines.open("local", "spark://h:7077", 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs --engine spark");
  }
}
