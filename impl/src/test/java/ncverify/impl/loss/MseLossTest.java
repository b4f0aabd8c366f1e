package ncverify.impl.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MseLossTest {

  private static final double TOL = 1e-14;

  @Test
  void halfSquaredDistanceToOneHot() {
    // K = 2, B = 2 (row-major K x B): columns (1, 2) label 0 and (3, 4) label 1.
    double[] z = {1, 3, 2, 4};
    int[] y = {0, 1};
    double[] dz = new double[4];
    // (1/2)[(0^2 + 2^2) + (3^2 + 3^2)] = 11
    assertThat(Loss.mse().evaluate(z, 2, 2, 2, y, 1.0, dz)).isCloseTo(11.0, within(TOL));
    assertThat(dz).containsExactly(0, 3, 2, 3);
  }

  @Test
  void normalizationScalesToFullDataEstimates() {
    assertThat(Normalization.SUM.scale(10, 10)).isEqualTo(1.0);
    assertThat(Normalization.SUM.scale(10, 5)).isEqualTo(2.0);
    assertThat(Normalization.MEAN.scale(10, 10)).isEqualTo(0.1);
    assertThat(Normalization.MEAN.scale(10, 4)).isEqualTo(0.25);
  }
}
