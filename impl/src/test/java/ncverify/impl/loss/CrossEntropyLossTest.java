package ncverify.impl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {

  private static final double TOL = 1e-12;

  @Test
  void equalsNaiveLogSoftmaxOnModerateLogits() {
    SplittableRandom rng = new SplittableRandom(1);
    int k = 4;
    int b = 5;
    double[] z = new double[k * b];
    for (int i = 0; i < z.length; i++) {
      z[i] = 3 * rng.nextGaussian();
    }
    int[] y = {0, 3, 1, 2, 3};
    double expected = 0;
    for (int j = 0; j < b; j++) {
      double s = 0;
      for (int r = 0; r < k; r++) {
        s += Math.exp(z[r * b + j]);
      }
      expected += -Math.log(Math.exp(z[y[j] * b + j]) / s);
    }
    double[] dz = new double[k * b];
    assertThat(Loss.crossEntropy().evaluate(z, k, b, b, y, 1.0, dz)).isCloseTo(expected, within(TOL));
    for (int j = 0; j < b; j++) {
      double colSum = 0;
      for (int r = 0; r < k; r++) {
        colSum += dz[r * b + j];
      }
      assertThat(colSum).as("softmax - e_y sums to 0").isCloseTo(0.0, within(TOL));
    }
  }

  @Test
  void stableForHugeLogits() {
    double[] z = {1000.0, 0.0, -1000.0, 1000.0};
    int[] y = {1, 0};
    double[] dz = new double[4];
    // column 0: logits (1000, -1000), label 1 -> loss 2000; column 1: (0, 1000), label 0 -> 1000.
    double v = Loss.crossEntropy().evaluate(z, 2, 2, 2, y, 0.5, dz);
    assertThat(v).isCloseTo(0.5 * 3000.0, within(1e-9));
    assertThat(dz).containsExactly(0.5, -0.5, -0.5, 0.5);
  }

  @Test
  void uniformLogitsGiveLogK() {
    int k = 7;
    double[] z = new double[k];
    assertThat(Loss.crossEntropy().evaluate(z, k, 1, 1, new int[] {3}, 1.0, null))
        .isCloseTo(Math.log(k), within(TOL));
  }
}
