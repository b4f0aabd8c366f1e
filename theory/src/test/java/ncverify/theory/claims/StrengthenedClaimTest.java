package ncverify.theory.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class StrengthenedClaimTest {

  /** x <= bound, applicable when flag = 1. */
  private static final class UpperClaim extends AbstractClaim {
    UpperClaim() {
      super("test.upper", Paper.JSWM, "Thm 0", "x <= b", List.of("x", "b", "flag"));
    }

    @Override
    public List<AssumptionCheck> assumptions(Measurement m) {
      return List.of(AssumptionCheck.of("flag", m.get("flag"), Relation.EQUAL, 1.0));
    }

    @Override
    public ConclusionCheck conclusion(Measurement m) {
      return ConclusionCheck.allOf("x <= b and x >= b/10", List.of(atMost("x <= b", m.get("x"), m.get("b")),
          atLeast("x >= b/10", m.get("x"), m.get("b") / 10)));
    }
  }

  private static Measurement m(double x, double b) {
    return Measurement.builder().put("x", x).put("b", b).put("flag", 1).build();
  }

  @Test
  void aBoundWithinAFactorTwoIsViolatedByTheStrengthenedVersionOnly() {
    Claim c = new UpperClaim();
    assertThat(c.evaluate(m(0.6, 1.0)).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(c.strengthened(2).evaluate(m(0.6, 1.0)).verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(c.strengthened(2).evaluate(m(0.4, 1.0)).verdict()).isEqualTo(Verdict.HOLDS);
    // the lower-bound part moves up: b/10 * 2 = 0.2 > 0.15
    assertThat(c.strengthened(2).evaluate(m(0.15, 1.0)).verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(c.strengthened(2).kind()).isEqualTo(ClaimKind.THEOREM);
    assertThat(c.strengthened(2).id()).isEqualTo("test.upper");
  }

  @Test
  void negativeBoundsMoveTowardsTheStrongSide() {
    ConclusionCheck upper = ConclusionCheck.of("x <= -1", -1.5, Relation.AT_MOST, -1.0, 0);
    assertThat(StrengthenedClaim.strengthen(upper, 2).bound()).isEqualTo(-2.0);
    ConclusionCheck lower = ConclusionCheck.of("x >= -1", -0.7, Relation.AT_LEAST, -1.0, 0);
    assertThat(StrengthenedClaim.strengthen(lower, 2).bound()).isEqualTo(-0.5);
    ConclusionCheck zero = ConclusionCheck.of("x <= 0", -1, Relation.AT_MOST, 0.0, 0);
    assertThat(StrengthenedClaim.strengthen(zero, 2).bound()).isEqualTo(0.0);
  }

  @Test
  void factorMustExceedOne() {
    assertThatThrownBy(() -> new StrengthenedClaim(new UpperClaim(), 1.0)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void tightnessIsMeasuredOverBoundForUpperAndBoundOverMeasuredForLowerBounds() {
    assertThat(ConclusionCheck.of("u", 0.25, Relation.AT_MOST, 1.0, 0).tightness()).isEqualTo(0.25);
    assertThat(ConclusionCheck.of("l", 4.0, Relation.AT_LEAST, 1.0, 0).tightness()).isEqualTo(0.25);
    assertThat(ConclusionCheck.of("l", 0.5, Relation.AT_LEAST, 1.0, 0).tightness()).isEqualTo(2.0);
    assertThat(ConclusionCheck.of("u", 1.0, Relation.AT_MOST, 0.0, 0).tightness()).isNaN();
    assertThat(ConclusionCheck.of("u", 1.0, Relation.AT_MOST, Double.POSITIVE_INFINITY, 0).tightness()).isNaN();
    ConclusionCheck both = ConclusionCheck.allOf("both", List.of(ConclusionCheck.of("u", 0.25, Relation.AT_MOST, 1.0, 0),
        ConclusionCheck.of("l", 2.0, Relation.AT_LEAST, 1.0, 0)));
    assertThat(both.tightness()).isEqualTo(0.5);
  }
}
