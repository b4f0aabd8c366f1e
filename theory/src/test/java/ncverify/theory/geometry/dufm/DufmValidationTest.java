package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Bad parameters of the deep-UFM objects are rejected with {@link InvalidInputException}; valid
 * boundary values are accepted (found by mutation testing: these branches were unchecked).
 */
class DufmValidationTest {

  @Test
  void parametersRejectBadShapesAndRegularizers() {
    assertThatCode(() -> DufmParameters.uniform(2, 1, 1, 1e-3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> DufmParameters.uniform(3, 0, 2, 1e-3)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("depth");
    assertThatThrownBy(() -> DufmParameters.uniform(3, 2, 0, 1e-3)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("samples per class");
    assertThatThrownBy(() -> new DufmParameters(3, 2, 2, null, 1e-3)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DufmParameters(3, 2, 2, new double[] {1e-3}, 1e-3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected 2");
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> DufmParameters.uniform(3, 2, 2, bad)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> DufmParameters.of(3, 2, 2, 1e-3, 1e-3, bad))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda_H");
      assertThatThrownBy(() -> DufmParameters.of(3, 2, 2, 1e-3, bad, 1e-3))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda_2");
    }
  }

  @Test
  void ofTakesOneOrLPlusOneRegularizers() {
    DufmParameters p = DufmParameters.of(3, 2, 4, 1e-3, 2e-3, 3e-3);
    assertThat(p.lambdas()).containsExactly(1e-3, 2e-3);
    assertThat(p.lambdaH()).isEqualTo(3e-3);
    DufmParameters u = DufmParameters.of(3, 2, 4, 5e-3);
    assertThat(u.lambdas()).containsExactly(5e-3, 5e-3);
    assertThat(u.lambdaH()).isEqualTo(5e-3);
    assertThatThrownBy(() -> DufmParameters.of(3, 2, 4)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DufmParameters.of(3, 2, 4, 1e-3, 1e-3)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected 1 or L + 1 = 3");
  }

  @Test
  void parametersEqualityIsByValue() {
    DufmParameters a = DufmParameters.of(3, 2, 4, 1e-3, 2e-3, 3e-3);
    DufmParameters b = DufmParameters.of(3, 2, 4, 1e-3, 2e-3, 3e-3);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(DufmParameters.of(3, 2, 4, 1e-3, 2e-3, 4e-3));
    assertThat(a).isNotEqualTo(DufmParameters.of(3, 2, 5, 1e-3, 2e-3, 3e-3));
  }

  @Test
  void objectiveRejectsBadLabelsAndClassCounts() {
    double[] lambdas = {1e-3, 1e-3};
    assertThatCode(() -> new DeepUfmObjective(new int[] {0, 1}, 2, lambdas, 1e-3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 0}, 1, lambdas, 1e-3))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepUfmObjective(new int[0], 2, lambdas, 1e-3))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 2}, 2, lambdas, 1e-3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 2 at index 1");
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {-1, 1}, 2, lambdas, 1e-3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label -1 at index 0");
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 1}, 2, new double[] {0.0}, 1e-3))
        .isInstanceOf(InvalidInputException.class);
  }
}
