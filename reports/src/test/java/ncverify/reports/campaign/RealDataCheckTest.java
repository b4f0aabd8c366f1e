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
  void judgesTheJswmClaimsOnBothFashionMnistSubsetsWithAnMlpAndACnn() {
    assumeTrue(RealDataCheck.available(), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    Map<String, Object> r = RealDataCheck.run(true, 1L);
    assertThat(r).containsOnlyKeys("balanced", "step_R5", "cnn_balanced", "cnn_step_R5");
    Map<String, Object> balanced = (Map<String, Object>) r.get("balanced");
    assertThat((int[]) balanced.get("sizes")).hasSize(FashionMnist.K).containsOnly(20);
    Map<String, Object> step = (Map<String, Object>) r.get("step_R5");
    assertThat((int[]) step.get("sizes")).containsExactly(20, 20, 20, 20, 20, 4, 4, 4, 4, 4);
    Map<String, Object> cnnBalanced = (Map<String, Object>) r.get("cnn_balanced");
    Map<String, Object> cnnStep = (Map<String, Object>) r.get("cnn_step_R5");
    assertThat(balanced.get("backbone")).isEqualTo("mlp");
    assertThat(cnnBalanced.get("backbone")).isEqualTo("cnn");
    assertThat((int[]) cnnStep.get("sizes")).containsExactly((int[]) step.get("sizes"));
    // the CNN fits both quick subsets (measured train error 0 on both)
    for (Map<String, Object> sub : List.of(balanced, step, cnnBalanced, cnnStep)) {
      List<Map<String, Object>> claims = (List<Map<String, Object>>) sub.get("claims");
      assertThat(claims).isNotEmpty().allSatisfy(c -> assertThat((String) c.get("paper")).isEqualTo("[JSWM]"));
      // training worked: chance level is 0.9 with K = 10 (measured 0.12 balanced, 0.04 step_R5 in --quick)
      assertThat((Double) sub.get("train_error")).isLessThan(0.25);
      // verdicts: none violated, several judged (not vacuous), and the summary counts the verdicts
      long holds = claims.stream().filter(c -> c.get("verdict").equals("HOLDS")).count();
      long violated = claims.stream().filter(c -> c.get("verdict").equals("VIOLATED")).count();
      assertThat(violated).as("%s", claims).isZero();
      // critical-point balancedness (the trainer's own gradients) and Prop 5.3 apply to both; the theorem-level
      // NC1/NC2/NC3 claims need eps1 < sqrt(n_min), which the quick run does not reach (eps1 5.2 > 4.5 balanced,
      // 2.5 > 2 step_R5, issue 13), so they are NOT_APPLICABLE here
      assertThat(holds).as("claims applicable and holding").isGreaterThanOrEqualTo(2);
      assertThat((String) sub.get("summary")).startsWith(holds + " hold, 0 violated, " + (claims.size() - holds)
          + " not applicable");
    }
    // the measurement is of the subset's own labels: n_max - n_min is 0 on the balanced subset and
    // 20 - 4 = 16 on the step subset, where the balanced-class NC1 bound does not apply
    Map<String, Object> nc1Balanced = claim(balanced, "jswm.thm3.1.nc1");
    Map<String, Object> nc1Step = claim(step, "jswm.thm3.1.nc1");
    assertThat(balancedClasses(nc1Balanced).get("value")).isEqualTo(0.0);
    assertThat(balancedClasses(nc1Balanced).get("holds")).isEqualTo(true);
    assertThat(balancedClasses(nc1Step).get("value")).isEqualTo(16.0);
    assertThat(nc1Step.get("verdict")).isEqualTo("NOT_APPLICABLE");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> claim(Map<String, Object> subset, String id) {
    return ((List<Map<String, Object>>) subset.get("claims")).stream().filter(c -> c.get("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not judged"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> balancedClasses(Map<String, Object> claim) {
    Map<String, Object> as = (Map<String, Object>) claim.get("assumptions");
    return (Map<String, Object>) as.entrySet().stream().filter(e -> e.getKey().startsWith("balanced classes"))
        .findFirst().orElseThrow(() -> new AssertionError("no balanced-classes assumption in " + as.keySet()))
        .getValue();
  }

  @Test
  void notInstalledMessageSaysHowToInstall() {
    assertThat(RealDataCheck.NOT_INSTALLED).contains("apt-get install dataset-fashion-mnist", FashionMnist.DEFAULT_DIR);
  }
}
