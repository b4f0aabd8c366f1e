package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Bad parameters of the closed-form geometries are rejected with {@link InvalidInputException}, and
 * the boundary values that are valid are accepted (found by mutation testing: these branches were
 * unchecked).
 */
class GeometryValidationTest {

  @Test
  void deepLinearUfmOptimumRejectsBadDepthAndRegularizers() {
    int[] sizes = {3, 3, 3};
    assertThatCode(() -> DeepLinearUfmOptimum.of(sizes, 1, 1e-3, 1e-3)).doesNotThrowAnyException();
    assertThatThrownBy(() -> DeepLinearUfmOptimum.of(sizes, 0, 1e-3, 1e-3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("depth");
    for (double bad : new double[] {0.0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> DeepLinearUfmOptimum.of(sizes, 2, bad, 1e-3))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda_W");
      assertThatThrownBy(() -> DeepLinearUfmOptimum.of(sizes, 2, 1e-3, bad))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda_H");
    }
  }

  @Test
  void stepImbalanceBoundaries() {
    // valid boundary values: R = 1, n_min = 1, rho * K exactly an integer
    assertThatCode(() -> new StepImbalance(2, 1.0, 0.5, 1)).doesNotThrowAnyException();
    assertThatCode(() -> new StepImbalance(4, 3.0, 0.25, 2)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new StepImbalance(1, 2.0, 0.5, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 0.5, 0.5, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 2.0, 0.0, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 2.0, 1.0, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 2.0, 0.5, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 2.0, 0.3, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rho * K");
    assertThatThrownBy(() -> new StepImbalance(4, 2.5, 0.5, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("R * n_min");
    assertThatThrownBy(() -> new StepImbalance(4, 1e9, 0.5, 10))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("too large");
  }

  @Test
  void deepLinearScalarProblemRejectsBadParameters() {
    assertThatCode(() -> new DeepLinearScalarProblem(1, 0.5)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new DeepLinearScalarProblem(0, 0.5)).isInstanceOf(InvalidInputException.class);
    for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new DeepLinearScalarProblem(2, bad)).isInstanceOf(InvalidInputException.class);
    }
  }
}
