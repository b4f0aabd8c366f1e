package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** ||H (I - Pi)|| without forming H (I - Pi) is the Frobenius norm of the explicitly formed deviations. */
class WithinNormTest {

  @Test
  void equalsTheNormOfTheFormedDeviations() {
    Random rnd = new Random(4L);
    for (double scale : new double[] {1.0, 1e-200, 1e200}) {
      DMatrixRMaj h = HeadFixtures.gaussian(6, 500, scale, rnd);
      int[] labels = new int[500];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = i < 3 ? i : rnd.nextInt(3);
      }
      DMatrixRMaj means = JswmQuantities.classMeans(h, labels, 3);
      DMatrixRMaj dev = h.copy();
      for (int i = 0; i < 500; i++) {
        for (int r = 0; r < 6; r++) {
          dev.set(r, i, h.get(r, i) - means.get(r, labels[i]));
        }
      }
      // the one-pass plain sum at ordinary scales (a different rounding than the scaled sums: 1e-14), the scaled
      // sums, bit for bit, where the plain one would underflow or overflow
      double want = Norms.frobenius(dev);
      if (scale == 1.0) {
        assertThat(JswmQuantities.withinNorm(h, labels, 3)).isCloseTo(want, within(1e-14 * want));
      } else {
        assertThat(JswmQuantities.withinNorm(h, labels, 3)).as("scale %s", scale).isEqualTo(want);
      }
    }
    assertThat(JswmQuantities.withinNorm(new DMatrixRMaj(2, 4), new int[] {0, 1, 0, 1}, 2)).isZero();
  }
}
