package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Bad model specifications are rejected with {@link InvalidInputException}, and {@link
 * ChainModel#evaluate()} gives the argmax disagreement of the logits as train error and the objective
 * computed independently from the logits and the weights (branches that mutation testing found unchecked).
 */
class ChainModelValidationTest {

  private static final double TOL = 1e-12;

  private static DMatrixRMaj x(int d, int n, long seed) {
    return ModelFixtures.gaussian(d, n, new SplittableRandom(seed));
  }

  @Test
  void mlpRejectsBadSpecifications() {
    DMatrixRMaj x = x(3, 4, 1);
    int[] y = {0, 1, 2, 0};
    assertThatThrownBy(() -> Mlp.builder(x, y, 1).build()).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("K >= 2");
    assertThatThrownBy(() -> Mlp.builder(x, new int[] {0, 1, 3, 0}, 3).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 3 at index 2");
    assertThatThrownBy(() -> Mlp.builder(x, new int[] {-1, 1, 2, 0}, 3).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label -1 at index 0");
    assertThatThrownBy(() -> Mlp.builder(x(3, 0, 1), new int[0], 3).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Mlp.builder(x, y, 3).nonlinearWidths(0).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("width of layer 1");
    assertThatThrownBy(() -> Mlp.builder(x, y, 3).lambda(-1e-3).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Mlp.builder(x, y, 3).lambda(Double.POSITIVE_INFINITY).build())
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Mlp.builder(x, y, 3).initScale(0).build())
        .isInstanceOf(InvalidInputException.class);
    DMatrixRMaj bad = x.copy();
    bad.set(2, 3, Double.NaN);
    assertThatThrownBy(() -> Mlp.builder(bad, y, 3).build())
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("(2, 3)");
    // the boundary values are valid: one layer, lambda = 0, width 1
    assertThat(Mlp.builder(x, y, 3).nonlinearWidths(1).lambda(0).build().depth()).isEqualTo(2);
  }

  @Test
  void biasesExistOnlyWhenRequestedAndLayersAreChecked() {
    DMatrixRMaj x = x(3, 4, 2);
    int[] y = {0, 1, 2, 0};
    Mlp with = Mlp.builder(x, y, 3).nonlinearWidths(5).bias(true).seed(3).build();
    Mlp without = Mlp.builder(x, y, 3).nonlinearWidths(5).seed(3).build();
    assertThat(with.bias(1)).isPresent();
    assertThat(with.bias(2).orElseThrow().numRows).isEqualTo(3);
    assertThat(without.bias(1)).isEmpty();
    assertThatThrownBy(() -> with.bias(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> with.bias(3)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void evaluateCountsArgmaxDisagreementsAndAddsTheRegularization() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 40;
    int k = 4;
    int[] y = ModelFixtures.labels(n, k, rng);
    double lambda = 1e-2;
    Mlp m = Mlp.builder(ModelFixtures.gaussian(5, n, rng), y, k).nonlinearWidths(6).lambda(lambda)
        .loss(Loss.mse()).normalization(Normalization.MEAN).seed(11).build();
    Evaluation e = m.evaluate();
    DMatrixRMaj z = m.logits();
    int wrong = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int r = 1; r < k; r++) {
        if (z.get(r, i) > z.get(best, i)) {
          best = r;
        }
      }
      if (best != y[i]) {
        wrong++;
      }
    }
    assertThat(e.trainError()).isCloseTo((double) wrong / n, within(TOL));
    assertThat(wrong).isPositive(); // an untrained model errs, so the count is exercised
    // independent objective: (1/(2N)) ||Z_L - Y||_F^2 from the logits and (lambda/2) sum_l ||W_l||_F^2
    // from the weights, by explicit loops (not the model's loss or regularization code)
    double fit = 0;
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k; r++) {
        double d = z.get(r, i) - (y[i] == r ? 1 : 0);
        fit += d * d;
      }
    }
    double data = fit / (2.0 * n);
    double reg = 0;
    for (int l = 1; l <= m.depth(); l++) {
      for (double w : m.weight(l).data) {
        reg += lambda / 2 * w * w;
      }
    }
    assertThat(reg).isPositive();
    assertThat(e.dataLoss()).isCloseTo(data, within(TOL * (1 + data)));
    assertThat(e.regularization()).isCloseTo(reg, within(TOL * (1 + reg)));
    assertThat(e.objective()).isCloseTo(data + reg, within(TOL * (1 + data + reg)));
  }
}
