package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Initialization scales (closed forms) and batch-range checks of the models (unchecked per PIT). */
class InitAndBatchTest {

  @Test
  void initStandardDeviations() {
    assertThat(Init.HE.std(10, 8, 1.0)).isEqualTo(Math.sqrt(2.0 / 8));
    assertThat(Init.GLOROT.std(10, 8, 1.0)).isEqualTo(Math.sqrt(2.0 / 18));
    assertThat(Init.LECUN.std(10, 8, 2.0)).isEqualTo(2.0 * Math.sqrt(1.0 / 8));
    assertThat(Init.HE.std(10, 8, 3.0)).isEqualTo(3.0 * Math.sqrt(2.0 / 8));
  }

  @Test
  void mlpWeightsHaveTheRequestedScale() {
    // One 200 x 100 layer initialized with HE and scale 0.5: entry std 0.5 sqrt(2/100) = 0.0707;
    // the sample std of 20,000 Gaussian entries is within 3% of it with overwhelming probability.
    SplittableRandom rng = new SplittableRandom(1);
    int n = 4;
    DMatrixRMaj x = ModelFixtures.gaussian(100, n, rng);
    Mlp m = Mlp.builder(x, new int[] {0, 1, 0, 1}, 2).nonlinearWidths(200).init(Init.HE).initScale(0.5)
        .seed(9).build();
    DMatrixRMaj w = m.weight(1);
    double sum = 0;
    double sq = 0;
    for (double v : w.data) {
      sum += v;
      sq += v * v;
    }
    int count = w.data.length;
    double std = Math.sqrt(sq / count - (sum / count) * (sum / count));
    assertThat(std).isCloseTo(0.5 * Math.sqrt(2.0 / 100), within(0.03 * 0.5 * Math.sqrt(2.0 / 100)));
  }

  /**
   * Valid batches give the batch loss N/B sum_{i in batch} (1/2)||z_i - e_{y_i}||^2 (MSE, SUM
   * normalization) of exactly the selected samples, computed here from the logits; invalid ranges are
   * rejected.
   */
  @Test
  void batchRangesAreChecked() {
    SplittableRandom rng = new SplittableRandom(2);
    int[] y = {0, 1, 2, 0, 1, 2};
    Mlp m = Mlp.builder(ModelFixtures.gaussian(3, 6, rng), y, 3).seed(1).build();
    double[] perSample = perSampleMse(m.logits(), y);
    assertThat(m.lossAndGradient(null, 0, 6)).isCloseTo(batchLoss(perSample, 0, 1, 2, 3, 4, 5), within(1e-12));
    assertThat(m.lossAndGradient(null, 5, 1)).isCloseTo(batchLoss(perSample, 5), within(1e-12));
    assertThat(m.lossAndGradient(null, 2, 3)).isCloseTo(batchLoss(perSample, 2, 3, 4), within(1e-12));
    assertThatThrownBy(() -> m.lossAndGradient(null, 0, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> m.lossAndGradient(null, 0, 7)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> m.lossAndGradient(null, 6, 1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> m.lossAndGradient(null, -1, 2)).isInstanceOf(InvalidInputException.class);
    int[] idx = {5, 1, 3};
    assertThat(m.lossAndGradient(idx, 1, 2)).isCloseTo(batchLoss(perSample, 1, 3), within(1e-12));
    assertThat(m.lossAndGradient(idx, 0, 3)).isCloseTo(batchLoss(perSample, 5, 1, 3), within(1e-12));
    assertThatThrownBy(() -> m.lossAndGradient(idx, 2, 2)).isInstanceOf(InvalidInputException.class);
  }

  /** (1/2)||z_i - e_{y_i}||^2 per sample, from logits K x N. */
  private static double[] perSampleMse(DMatrixRMaj z, int[] y) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      for (int r = 0; r < z.numRows; r++) {
        double d = z.get(r, i) - (y[i] == r ? 1 : 0);
        out[i] += 0.5 * d * d;
      }
    }
    return out;
  }

  /** The SUM-normalized batch estimate (N/B) sum over the batch. */
  private static double batchLoss(double[] perSample, int... batch) {
    double s = 0;
    for (int i : batch) {
      s += perSample[i];
    }
    return (double) perSample.length / batch.length * s;
  }
}
