package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Boundary values and bad parameters of {@link ClassSizes} and {@link GaussianMixture} (branches that
 * mutation testing found unchecked): the smallest valid values are accepted, the largest invalid ones
 * rejected with {@link InvalidInputException}.
 */
class DataValidationTest {

  @Test
  void classSizesBoundaries() {
    assertThat(ClassSizes.of(1, 1).total()).isEqualTo(2);
    assertThatThrownBy(() -> ClassSizes.of((int[]) null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.of(Integer.MAX_VALUE, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceeds");
    assertThat(ClassSizes.of(Integer.MAX_VALUE - 1, 1).total()).isEqualTo(Integer.MAX_VALUE);
    // STEP: R = 1 and n_min = 1 are valid; rho must be strictly inside (0, 1)
    assertThat(ClassSizes.step(2, 1, 0.5, 1).toArray()).containsExactly(1, 1);
    assertThatThrownBy(() -> ClassSizes.step(1, 2, 0.5, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.step(4, 2, 1.0, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.step(4, 2, 0.5, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.step(4, Double.POSITIVE_INFINITY, 0.5, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.step(4, 1e10, 0.5, 1))
        .isInstanceOf(InvalidInputException.class);
    // long tail: n_max = 1 and ratio = 1 are valid
    assertThat(ClassSizes.longTail(2, 1, 1).toArray()).containsExactly(1, 1);
    assertThatThrownBy(() -> ClassSizes.longTail(1, 5, 2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.longTail(3, 0, 2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.longTail(3, 5, Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.longTail(3, 5, Double.NaN)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void classSizesAccessorsAndValueSemantics() {
    ClassSizes s = ClassSizes.of(2, 1, 3);
    assertThat(s.k()).isEqualTo(3);
    assertThat(s.size(0)).isEqualTo(2);
    assertThat(s.size(2)).isEqualTo(3);
    assertThatThrownBy(() -> s.size(3)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> s.size(-1)).isInstanceOf(InvalidInputException.class);
    assertThat(s).isEqualTo(ClassSizes.of(2, 1, 3)).hasSameHashCodeAs(ClassSizes.of(2, 1, 3));
    assertThat(s).isNotEqualTo(ClassSizes.of(2, 3, 1)).isNotEqualTo("ClassSizes[2, 1, 3]");
    assertThat(s.toString()).isEqualTo("ClassSizes[2, 1, 3]");
    assertThat(ClassSizes.count(new int[] {1, 0, 1, 2}, 3).toArray()).containsExactly(1, 2, 1);
    assertThatThrownBy(() -> ClassSizes.count(new int[] {-1, 0}, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label -1 at index 0");
  }

  @Test
  void gaussianMixtureBoundaries() {
    ClassSizes s = ClassSizes.balanced(3, 2);
    assertThatCode(() -> new GaussianMixture(1, 0, 0, s, 1)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new GaussianMixture(2, -1e-9, 1, s, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GaussianMixture(2, Double.POSITIVE_INFINITY, 1, s, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GaussianMixture(2, 1, Double.NaN, s, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GaussianMixture(2, 1, Double.POSITIVE_INFINITY, s, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GaussianMixture(2, 1, 1, null, 1)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void centresAreOrthogonalAlreadyWhenDimEqualsK() {
    // d = K is the smallest dimension with room for K orthonormal directions scaled by sep / sqrt 2,
    // so every pair of centres is exactly sep apart.
    double sep = 2.0;
    int k = 5;
    DMatrixRMaj c = new GaussianMixture(k, sep, 1, ClassSizes.balanced(k, 1), 17).centres();
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        double sq = 0;
        for (int r = 0; r < k; r++) {
          double diff = c.get(r, i) - c.get(r, j);
          sq += diff * diff;
        }
        assertThat(Math.sqrt(sq)).isCloseTo(sep, within(1e-12));
      }
    }
  }
}
