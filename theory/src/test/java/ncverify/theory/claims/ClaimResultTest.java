package ncverify.theory.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClaimResultTest {

  /** A toy claim x <= y when flag = 1. */
  private static final Claim TOY = new AbstractClaim("toy.claim", Paper.JSWM, "Thm 0 (toy)", "x <= y",
      List.of("x", "y", "flag")) {
    @Override
    public List<AssumptionCheck> assumptions(Measurement m) {
      return List.of(AssumptionCheck.flag("flag set", m.get("flag") == 1.0));
    }

    @Override
    public ConclusionCheck conclusion(Measurement m) {
      return atMost("x <= y", m.get("x"), m.get("y"));
    }
  };

  private static Measurement m(double x, double y, boolean flag) {
    return Measurement.builder().put("x", x).put("y", y).flag("flag", flag).build();
  }

  @Test
  void verdicts() {
    assertThat(TOY.evaluate(m(1, 2, true)).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(TOY.evaluate(m(3, 2, true)).verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(TOY.evaluate(m(3, 2, false)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(TOY.citation()).isEqualTo("[JSWM] Thm 0 (toy)");
  }

  @Test
  void missingQuantityFailsBeforeAnyJudgement() {
    Measurement partial = Measurement.builder().put("x", 1).put("flag", 1).build();
    assertThatThrownBy(() -> TOY.evaluate(partial)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'y'");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonMapHasTheDocumentedShape() {
    Map<String, Object> json = TOY.evaluate(m(3, 2, true)).toJsonMap();
    assertThat(json).containsOnlyKeys("id", "paper", "theorem", "verdict", "assumptions", "conclusion");
    assertThat(json).containsEntry("id", "toy.claim").containsEntry("paper", "[JSWM]")
        .containsEntry("theorem", "Thm 0 (toy)").containsEntry("verdict", "VIOLATED");
    Map<String, Object> assumptions = (Map<String, Object>) json.get("assumptions");
    assertThat((Map<String, Object>) assumptions.get("flag set")).containsEntry("value", 1.0)
        .containsEntry("threshold", 1.0).containsEntry("holds", true);
    Map<String, Object> conclusion = (Map<String, Object>) json.get("conclusion");
    assertThat(conclusion).containsEntry("value", 3.0).containsEntry("bound", 2.0).containsEntry("margin", -1.0)
        .containsEntry("holds", false);
    Map<String, Object> na = TOY.evaluate(m(3, 2, false)).toJsonMap();
    assertThat(na).containsEntry("verdict", "NOT_APPLICABLE").containsEntry("conclusion", null);
  }
}
