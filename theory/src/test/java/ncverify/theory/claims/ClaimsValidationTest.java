package ncverify.theory.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Boundary behaviour of the claim framework's value types ({@link Relation}, {@link ConclusionCheck},
 * {@link Measurement}); branches that mutation testing found unchecked.
 */
class ClaimsValidationTest {

  @Test
  void relationsAtTheBoundary() {
    assertThat(Relation.LESS.test(1.0, 1.0)).isFalse();
    assertThat(Relation.AT_MOST.test(1.0, 1.0)).isTrue();
    assertThat(Relation.GREATER.test(1.0, 1.0)).isFalse();
    assertThat(Relation.AT_LEAST.test(1.0, 1.0)).isTrue();
    assertThat(Relation.EQUAL.test(1.0, 1.0)).isTrue();
    assertThat(Relation.EQUAL.test(1.0, Math.nextUp(1.0))).isFalse();
    assertThat(Relation.LESS.isStrict()).isTrue();
    assertThat(Relation.GREATER.isStrict()).isTrue();
    assertThat(Relation.AT_MOST.isStrict()).isFalse();
    assertThat(Relation.EQUAL.isStrict()).isFalse();
    assertThat(Relation.AT_LEAST.symbol()).isEqualTo(">=");
    assertThat(Relation.LESS.symbol()).isEqualTo("<");
  }

  @Test
  void conclusionChecks() {
    // non-strict: holds within the tolerance, strict: needs a positive margin and ignores the tolerance
    assertThat(ConclusionCheck.of("a", 1.0 + 1e-12, Relation.AT_MOST, 1.0, 1e-9).holds()).isTrue();
    assertThat(ConclusionCheck.of("a", 1.0 + 1e-6, Relation.AT_MOST, 1.0, 1e-9).holds()).isFalse();
    ConclusionCheck strict = ConclusionCheck.of("a", 1.0, Relation.LESS, 1.0, 1e-9);
    assertThat(strict.holds()).isFalse();
    assertThat(strict.tolerance()).isZero();
    assertThat(ConclusionCheck.of("b", 3.0, Relation.AT_LEAST, 1.0, 0).margin()).isEqualTo(2.0);
    // inf <= inf holds with margin 0
    ConclusionCheck inf = ConclusionCheck.of("c", Double.POSITIVE_INFINITY, Relation.AT_MOST,
        Double.POSITIVE_INFINITY, 0);
    assertThat(inf.holds()).isTrue();
    assertThat(inf.margin()).isZero();
    assertThat(ConclusionCheck.of("d", 1.0, Relation.AT_MOST, 2.0, 0.0).holds()).isTrue();
    assertThatThrownBy(() -> ConclusionCheck.of("e", 1.0, Relation.AT_MOST, 2.0, -1e-9))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ConclusionCheck.of("e", 1.0, Relation.AT_MOST, 2.0, Double.NaN))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ConclusionCheck.of("f", Double.NaN, Relation.AT_MOST, 2.0, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ConclusionCheck.of("f", 1.0, Relation.AT_MOST, Double.NaN, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ConclusionCheck.of("g", 1.0, Relation.EQUAL, 1.0, 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void compositeConclusionReportsTheBindingPart() {
    ConclusionCheck loose = ConclusionCheck.of("loose", 0.0, Relation.AT_MOST, 10.0, 0);
    ConclusionCheck tight = ConclusionCheck.of("tight", 9.0, Relation.AT_MOST, 10.0, 0);
    ConclusionCheck failing = ConclusionCheck.of("failing", 11.0, Relation.AT_MOST, 10.0, 0);
    ConclusionCheck ok = ConclusionCheck.allOf("ok", List.of(loose, tight));
    assertThat(ok.holds()).isTrue();
    assertThat(ok.measured()).isEqualTo(9.0);
    assertThat(ok.parts()).hasSize(2);
    ConclusionCheck bad = ConclusionCheck.allOf("bad", List.of(loose, failing, tight));
    assertThat(bad.holds()).isFalse();
    assertThat(bad.measured()).isEqualTo(11.0);
    assertThatThrownBy(() -> ConclusionCheck.allOf("none", List.of()))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void roundoffIgnoresInfiniteOperands() {
    assertThat(ConclusionCheck.roundoff(1e-3, 1e-6, 2.0, -3.0)).isEqualTo(1e-3 * 5.0 + 1e-6);
    assertThat(ConclusionCheck.roundoff(1e-3, 1e-6, Double.POSITIVE_INFINITY, 2.0)).isEqualTo(1e-3 * 2.0 + 1e-6);
    assertThat(ConclusionCheck.roundoff(1e-3, 1e-6, 2.0, Double.NEGATIVE_INFINITY)).isEqualTo(1e-3 * 2.0 + 1e-6);
  }

  @Test
  void measurementAccessors() {
    Measurement m = Measurement.builder().put("a", 3.0).put("b", 2.5).flag("yes", true)
        .matrix("M", new DMatrixRMaj(new double[][] {{1, 2}})).build();
    assertThat(m.getInt("a")).isEqualTo(3);
    assertThat(m.get("yes")).isEqualTo(1.0);
    assertThat(m.has("a")).isTrue();
    assertThat(m.has("z")).isFalse();
    assertThat(m.names()).containsExactly("a", "b", "yes");
    assertThat(m.quantities()).containsEntry("b", 2.5);
    assertThat(m.toString()).contains("a=3.0").contains("matrices=[M]");
    assertThatThrownBy(() -> m.getInt("b")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Measurement.builder().put("big", 3e9).build().getInt("big"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Measurement.builder().put("max", Integer.MAX_VALUE).build().getInt("max")).isEqualTo(Integer.MAX_VALUE);
    Measurement copy = Measurement.builder().putAll(m).put("c", 1.0).build();
    assertThat(copy.get("a")).isEqualTo(3.0);
    assertThat(copy.matrix("M").get(0, 1)).isEqualTo(2.0);
    Measurement rebuilt = m.toBuilder().put("d", 4.0).build();
    assertThat(rebuilt.get("b")).isEqualTo(2.5);
    assertThat(rebuilt.matrix("M").get(0, 0)).isEqualTo(1.0);
    assertThatThrownBy(() -> Measurement.builder().put(" ", 1.0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Measurement.builder().put(null, 1.0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Measurement.builder().put("n", Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThat(Measurement.builder().put("a", 1).build().toString()).doesNotContain("matrices");
  }
}
