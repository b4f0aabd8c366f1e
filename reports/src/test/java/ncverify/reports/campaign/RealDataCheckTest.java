package ncverify.reports.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import ncverify.impl.data.FashionMnist;
import org.junit.jupiter.api.Test;

class RealDataCheckTest {

  @Test
  @SuppressWarnings("unchecked")
  void judgesTheJswmClaimsOnBothFashionMnistSubsets() {
    assumeTrue(RealDataCheck.available(), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    Map<String, Object> r = RealDataCheck.run(true, 1L);
    assertThat(r).containsOnlyKeys("balanced", "step_R5");
    Map<String, Object> balanced = (Map<String, Object>) r.get("balanced");
    assertThat((int[]) balanced.get("sizes")).hasSize(FashionMnist.K).containsOnly(20);
    Map<String, Object> step = (Map<String, Object>) r.get("step_R5");
    assertThat((int[]) step.get("sizes")).containsExactly(20, 20, 20, 20, 20, 4, 4, 4, 4, 4);
    for (Map<String, Object> sub : List.of(balanced, step)) {
      List<Map<String, Object>> claims = (List<Map<String, Object>>) sub.get("claims");
      assertThat(claims).isNotEmpty().allSatisfy(c -> assertThat((String) c.get("paper")).isEqualTo("[JSWM]"));
      assertThat((Double) sub.get("train_error")).isBetween(0.0, 1.0);
    }
  }

  @Test
  void notInstalledMessageSaysHowToInstall() {
    assertThat(RealDataCheck.NOT_INSTALLED).contains("apt-get install dataset-fashion-mnist", FashionMnist.DEFAULT_DIR);
  }
}
