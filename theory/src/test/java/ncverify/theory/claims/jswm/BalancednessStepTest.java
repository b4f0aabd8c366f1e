package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The scale of the [JSWM] Thm 4.4 identity (docs/theory.md section 5), computed independently: ||A^T A||_F
 * = ||A A^T||_F (both are sqrt(sum sigma_i^4)), so each Gram norm is formed here from the other Gram,
 * with plain loops. Found by mutation testing: the scale was only used as a tolerance, never asserted,
 * so its eta^2 and (1 - eta lambda)^2 weights could change unnoticed.
 */
class BalancednessStepTest {

  private static final double TOL = 1e-12;
  private static final double ETA = 0.2;
  private static final double LAMBDA = 0.5;

  /** ||A A^T||_F by explicit sums. */
  private static double gramOfRowsNorm(DMatrixRMaj a) {
    double sum = 0;
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numRows; j++) {
        double g = 0;
        for (int k = 0; k < a.numCols; k++) {
          g += a.get(i, k) * a.get(j, k);
        }
        sum += g * g;
      }
    }
    return Math.sqrt(sum);
  }

  /** ||A^T A||_F by explicit sums. */
  private static double gramOfColumnsNorm(DMatrixRMaj a) {
    double sum = 0;
    for (int i = 0; i < a.numCols; i++) {
      for (int j = 0; j < a.numCols; j++) {
        double g = 0;
        for (int k = 0; k < a.numRows; k++) {
          g += a.get(k, i) * a.get(k, j);
        }
        sum += g * g;
      }
    }
    return Math.sqrt(sum);
  }

  /** ||W_{l+1}^T W_{l+1}|| + ||W_l W_l^T||, each through the Gram of the other side. */
  private static double pairGrams(DMatrixRMaj wl, DMatrixRMaj wNext) {
    return gramOfRowsNorm(wNext) + gramOfColumnsNorm(wl);
  }

  @Test
  void scaleWeighsTheBeforeAndGradientGramsByTheStepFactors() {
    Random rnd = new Random(11);
    DMatrixRMaj wl = HeadFixtures.gaussian(4, 5, 0.7, rnd);
    DMatrixRMaj wNext = HeadFixtures.gaussian(3, 4, 1.3, rnd);
    DMatrixRMaj gl = HeadFixtures.gaussian(4, 5, 2.0, rnd);
    DMatrixRMaj gNext = HeadFixtures.gaussian(3, 4, 0.4, rnd);
    DMatrixRMaj wlAfter = HeadFixtures.gaussian(4, 5, 0.5, rnd);
    DMatrixRMaj wNextAfter = HeadFixtures.gaussian(3, 4, 0.9, rnd);

    BalancednessStep s = BalancednessStep.of(wl, wNext, gl, gNext, wlAfter, wNextAfter, ETA, LAMBDA);

    double decay = (1 - ETA * LAMBDA) * (1 - ETA * LAMBDA); // 0.81
    double expected = pairGrams(wlAfter, wNextAfter) + decay * pairGrams(wl, wNext)
        + ETA * ETA * pairGrams(gl, gNext);
    assertThat(s.scale()).isCloseTo(expected, offset(TOL * expected));
  }

  @Test
  void withoutAStepTheScaleIsTheGramsBeforeAndAfter() {
    // eta = 0: decay 1, no gradient term; the scale is the Grams of both pairs, whatever the gradients.
    Random rnd = new Random(12);
    DMatrixRMaj wl = HeadFixtures.gaussian(3, 3, 1.0, rnd);
    DMatrixRMaj wNext = HeadFixtures.gaussian(2, 3, 1.0, rnd);
    DMatrixRMaj g = HeadFixtures.gaussian(3, 3, 5.0, rnd);
    DMatrixRMaj gNext = HeadFixtures.gaussian(2, 3, 5.0, rnd);
    BalancednessStep s = BalancednessStep.of(wl, wNext, g, gNext, wl, wNext, 0.0, LAMBDA);
    assertThat(s.scale()).isCloseTo(2 * pairGrams(wl, wNext), offset(TOL * s.scale()));
    assertThat(s.residual()).isEqualTo(0.0);
  }
}
