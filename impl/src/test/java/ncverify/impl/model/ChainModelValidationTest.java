package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Bad model specifications are rejected with {@link InvalidInputException} and {@link
 * ChainModel#evaluate()}'s train error is the argmax disagreement of the logits (branches that mutation
 * testing found unchecked).
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
    Mlp m = Mlp.builder(ModelFixtures.gaussian(5, n, rng), y, k).nonlinearWidths(6).lambda(1e-2)
        .seed(11).build();
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
    assertThat(e.regularization()).isPositive();
    assertThat(e.objective()).isCloseTo(e.dataLoss() + e.regularization(), within(TOL * (1 + e.objective())));
  }
}
