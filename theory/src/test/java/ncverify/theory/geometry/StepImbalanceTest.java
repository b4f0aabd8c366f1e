package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class StepImbalanceTest {

  private static final double TOL = 1e-10;

  @Test
  void closedFormSingularValuesMatchTheSvd() {
    StepImbalance[] cases = {
        new StepImbalance(4, 10, 0.5, 5),
        new StepImbalance(10, 5, 0.3, 2),
        new StepImbalance(6, 2.5, 1.0 / 3, 4),
        new StepImbalance(5, 1, 0.4, 3),
        new StepImbalance(2, 100, 0.5, 1),
        new StepImbalance(8, 3, 0.875, 2),
    };
    for (StepImbalance step : cases) {
      double[] closed = step.singularValues();
      double[] svd = SelMatrix.of(step.classSizes()).singularValues();
      assertThat(closed).hasSize(step.k());
      for (int i = 0; i < step.k(); i++) {
        assertThat(Math.abs(closed[i] - svd[i])).as("%s sv %d", step, i).isLessThan(TOL * (1 + svd[0]));
      }
    }
  }

  @Test
  void classSizesPutMajoritiesFirst() {
    StepImbalance step = new StepImbalance(4, 10, 0.5, 5);
    assertThat(step.classSizes()).containsExactly(50, 50, 5, 5);
    assertThat(step.numMinority()).isEqualTo(2);
    assertThat(step.geometry().selMatrix().numSamples()).isEqualTo(110);
  }

  @Test
  void badInputThrows() {
    assertThatThrownBy(() -> new StepImbalance(4, 10, 0.3, 5)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an integer");
    assertThatThrownBy(() -> new StepImbalance(4, 0.5, 0.5, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 10, 0.5, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(1, 10, 0.5, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 10, 0, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 10, 1, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, 2.5, 0.5, 3)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new StepImbalance(4, Double.NaN, 0.5, 3)).isInstanceOf(InvalidInputException.class);
  }
}
