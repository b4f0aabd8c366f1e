package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestClassMean} estimates the distances with one product and sums only the candidates'
 * distances directly: it must choose exactly what the argmin of the direct sums of squared differences
 * (lowest index on ties) chooses, also where the estimate is useless: a large common offset (cancellation
 * in ||h||^2 - 2 mu^T h + ||mu||^2), means a roundoff apart, duplicated means, samples on the means.
 */
class NearestClassMeanTest extends MetricsTestSupport {

  /** The definition: argmin_k sum_a (h_a - mu_ka)^2, summed over a in order, ties to the lowest index. */
  private static int[] direct(DMatrixRMaj h, DMatrixRMaj mbar) {
    int[] out = new int[h.numCols];
    for (int i = 0; i < h.numCols; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < mbar.numCols; c++) {
        double dist = 0;
        for (int a = 0; a < h.numRows; a++) {
          double diff = h.get(a, i) - mbar.get(a, c);
          dist += diff * diff;
        }
        if (dist < best) {
          best = dist;
          out[i] = c;
        }
      }
    }
    return out;
  }

  @Test
  void equalsTheDirectArgminOnHardCases() {
    int d = 24;
    int k = 6;
    for (double offset : new double[] {0.0, 1e3, 1e7}) {
      DMatrixRMaj mbar = gaussian(d, k, rnd);
      for (int a = 0; a < d; a++) {
        for (int c = 0; c < k; c++) {
          mbar.set(a, c, offset + mbar.get(a, c));
        }
        mbar.set(a, 3, mbar.get(a, 2) + 1e-13 * offset); // classes 2 and 3 a roundoff apart
        mbar.set(a, 5, mbar.get(a, 1)); // class 5 duplicates class 1: ties go to 1
      }
      int n = 3000;
      DMatrixRMaj h = new DMatrixRMaj(d, n);
      for (int i = 0; i < n; i++) {
        int c = i % k;
        double noise = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 1e-9 : 0.7; // on the mean, a hair off, far off
        for (int a = 0; a < d; a++) {
          h.set(a, i, mbar.get(a, c) + noise * rnd.nextGaussian());
        }
      }
      for (int i = 0; i < n; i += 7) { // midpoints of two means: exact geometric ties
        for (int a = 0; a < d; a++) {
          h.set(a, i, 0.5 * (mbar.get(a, 0) + mbar.get(a, 4)));
        }
      }
      assertThat(NearestClassMean.classify(h, mbar)).as("offset %s", offset).containsExactly(direct(h, mbar));
    }
  }

  @Test
  void hugeAndTinyScalesFallBackToTheDirectSums() {
    for (double scale : new double[] {1e160, 1e-170}) {
      DMatrixRMaj mbar = gaussian(5, 3, rnd);
      DMatrixRMaj h = gaussian(5, 400, rnd);
      for (int i = 0; i < mbar.data.length; i++) {
        mbar.data[i] *= scale;
      }
      for (int i = 0; i < h.data.length; i++) {
        h.data[i] *= scale;
      }
      assertThat(NearestClassMean.classify(h, mbar)).as("scale %s", scale).containsExactly(direct(h, mbar));
    }
  }
}
