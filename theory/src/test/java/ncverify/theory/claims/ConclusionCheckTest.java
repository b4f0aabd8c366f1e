package ncverify.theory.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConclusionCheckTest {

  @Test
  void marginIsSignedInTheClaimsDirection() {
    ConclusionCheck upper = ConclusionCheck.of("x <= 2", 3.0, Relation.AT_MOST, 2.0, 0.0);
    assertThat(upper.margin()).isEqualTo(-1.0);
    assertThat(upper.holds()).isFalse();
    ConclusionCheck lower = ConclusionCheck.of("x >= 2", 3.0, Relation.AT_LEAST, 2.0, 0.0);
    assertThat(lower.margin()).isEqualTo(1.0);
    assertThat(lower.holds()).isTrue();
  }

  @Test
  void toleranceAbsorbsRoundoffButNotStrictness() {
    assertThat(ConclusionCheck.of("x <= 1", 1.0 + 1e-13, Relation.AT_MOST, 1.0, 1e-12).holds()).isTrue();
    assertThat(ConclusionCheck.of("x <= 1", 1.0 + 1e-11, Relation.AT_MOST, 1.0, 1e-12).holds()).isFalse();
    assertThat(ConclusionCheck.of("x < 1", 1.0, Relation.LESS, 1.0, 1e-3).holds()).isFalse();
    assertThat(ConclusionCheck.of("x < 1", 1.0, Relation.LESS, 1.0, 1e-3).tolerance()).isZero();
  }

  @Test
  void infiniteBoundsAndNaN() {
    assertThat(ConclusionCheck.of("x <= inf", 5.0, Relation.AT_MOST, Double.POSITIVE_INFINITY, 0).holds()).isTrue();
    assertThatThrownBy(() -> ConclusionCheck.of("x <= 1", Double.NaN, Relation.AT_MOST, 1.0, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("x <= 1");
    assertThatThrownBy(() -> ConclusionCheck.of("x == 1", 1, Relation.EQUAL, 1.0, 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void compositeReportsTheBindingPart() {
    ConclusionCheck a = ConclusionCheck.of("a", 1.0, Relation.AT_MOST, 3.0, 0.0);
    ConclusionCheck b = ConclusionCheck.of("b", 1.0, Relation.AT_MOST, 1.5, 0.0);
    ConclusionCheck bad = ConclusionCheck.of("c", 4.0, Relation.AT_MOST, 2.0, 0.0);
    ConclusionCheck ok = ConclusionCheck.allOf("a and b", List.of(a, b));
    assertThat(ok.holds()).isTrue();
    assertThat(ok.margin()).isEqualTo(0.5);
    ConclusionCheck fails = ConclusionCheck.allOf("a, c and b", List.of(a, bad, b));
    assertThat(fails.holds()).isFalse();
    assertThat(fails.measured()).isEqualTo(4.0);
    assertThat(fails.margin()).isEqualTo(-2.0);
    assertThat(fails.parts()).hasSize(3);
  }
}
