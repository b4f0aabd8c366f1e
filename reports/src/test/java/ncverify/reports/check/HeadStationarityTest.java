package ncverify.reports.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * {@link HeadStationarity} against independent computations: the ridge-regression minimizer of a
 * one-layer head (a closed form, so its residual must vanish), and central finite differences of the
 * training objective, written out here, for two- and three-layer heads under MSE and cross-entropy.
 */
class HeadStationarityTest {

  private static final int K = 3;
  private static final int N = 12;

  private static DMatrixRMaj gaussian(int rows, int cols, SplittableRandom rnd) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rnd.nextGaussian();
    }
    return m;
  }

  private static int[] labels() {
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % K;
    }
    return y;
  }

  /** The objective c sum_i l(z_i, y_i) + (lambda/2) sum_l ||W_l||^2, by explicit loops. */
  static double objective(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] y, String loss, double c, double lambda) {
    DMatrixRMaj z = zIn;
    double reg = 0;
    for (DMatrixRMaj w : head) {
      DMatrixRMaj next = new DMatrixRMaj(w.numRows, z.numCols);
      CommonOps_DDRM.mult(w, z, next);
      z = next;
      for (double v : w.data) {
        reg += lambda / 2 * v * v;
      }
    }
    double data = 0;
    for (int i = 0; i < y.length; i++) {
      if (loss.equals("mse")) {
        for (int r = 0; r < z.numRows; r++) {
          double d = z.get(r, i) - (y[i] == r ? 1 : 0);
          data += 0.5 * d * d;
        }
      } else {
        double sum = 0;
        for (int r = 0; r < z.numRows; r++) {
          sum += Math.exp(z.get(r, i));
        }
        data += Math.log(sum) - z.get(y[i], i);
      }
    }
    return c * data + reg;
  }

  @Test
  void ridgeMinimizerOfAOneLayerHeadIsStationaryAndAScaledOneIsNot() {
    SplittableRandom rnd = new SplittableRandom(1);
    DMatrixRMaj h = gaussian(5, N, rnd);
    int[] y = labels();
    double c = 1.0 / N;
    double lambda = 0.05;
    // argmin_W (c/2)||W H - Y||^2 + (lambda/2)||W||^2 = Y H^T (H H^T + (lambda/c) I)^{-1}
    DMatrixRMaj yh = new DMatrixRMaj(K, 5);
    DMatrixRMaj oneHot = new DMatrixRMaj(K, N);
    for (int i = 0; i < N; i++) {
      oneHot.set(y[i], i, 1.0);
    }
    CommonOps_DDRM.multTransB(oneHot, h, yh);
    DMatrixRMaj gram = new DMatrixRMaj(5, 5);
    CommonOps_DDRM.multTransB(h, h, gram);
    for (int j = 0; j < 5; j++) {
      gram.add(j, j, lambda / c);
    }
    CommonOps_DDRM.invert(gram);
    DMatrixRMaj w = new DMatrixRMaj(K, 5);
    CommonOps_DDRM.mult(yh, gram, w);
    List<HeadStationarity.Layer> at = HeadStationarity.measure(List.of(w), h, y, "mse", c, lambda);
    assertThat(HeadStationarity.maxRelative(at)).isLessThan(1e-12);
    DMatrixRMaj twice = w.copy();
    CommonOps_DDRM.scale(2.0, twice);
    assertThat(HeadStationarity.maxRelative(HeadStationarity.measure(List.of(twice), h, y, "mse", c, lambda)))
        .isGreaterThan(0.1);
    // the same minimizer judged with the wrong loss scale (sum instead of mean) is not stationary
    assertThat(HeadStationarity.maxRelative(HeadStationarity.measure(List.of(w), h, y, "mse", 1.0, lambda)))
        .isGreaterThan(0.1);
  }

  @Test
  void residualsAreTheNormsOfFiniteDifferenceGradients() {
    for (String loss : new String[] {"mse", "ce"}) {
      for (int depth = 2; depth <= 3; depth++) {
        SplittableRandom rnd = new SplittableRandom(10L * depth + loss.length());
        DMatrixRMaj zIn = gaussian(4, N, rnd);
        List<DMatrixRMaj> head = depth == 2 ? List.of(gaussian(6, 4, rnd), gaussian(K, 6, rnd))
            : List.of(gaussian(5, 4, rnd), gaussian(6, 5, rnd), gaussian(K, 6, rnd));
        int[] y = labels();
        double c = 0.3;
        double lambda = 0.07;
        List<HeadStationarity.Layer> got = HeadStationarity.measure(head, zIn, y, loss, c, lambda);
        for (int l = 0; l < depth; l++) {
          DMatrixRMaj w = head.get(l);
          double sq = 0;
          double decay = 0;
          for (int i = 0; i < w.data.length; i++) {
            double keep = w.data[i];
            double step = 1e-5;
            w.data[i] = keep + step;
            double up = objective(head, zIn, y, loss, c, lambda);
            w.data[i] = keep - step;
            double down = objective(head, zIn, y, loss, c, lambda);
            w.data[i] = keep;
            double g = (up - down) / (2 * step);
            sq += g * g;
            decay += lambda * lambda * keep * keep;
          }
          HeadStationarity.Layer layer = got.get(l);
          assertThat(layer.index()).isEqualTo(l + 1);
          assertThat(layer.residualNorm()).as("%s depth %d layer %d", loss, depth, l + 1)
              .isCloseTo(Math.sqrt(sq), within(1e-6 * (1 + Math.sqrt(sq))));
          assertThat(layer.decayNorm()).isCloseTo(Math.sqrt(decay), within(1e-12));
        }
      }
    }
  }
}
