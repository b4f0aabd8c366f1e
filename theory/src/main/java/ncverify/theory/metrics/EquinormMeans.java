package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Equinorm of the centered class means (docs/theory.md section 1, key {@code equinorm_means}; Papyan et
 * al.'s NC2 equinorm):
 *
 * <pre>
 *   std_k ||mu_k - mu_G|| / mean_k ||mu_k - mu_G||,
 * </pre>
 *
 * with the population standard deviation (divide by K, not K-1). Zero iff all centered means have the
 * same norm.
 */
public final class EquinormMeans {

  private EquinormMeans() {}

  /**
   * @throws InvalidInputException if all centered means are zero
   */
  public static double of(ClassMeans means) {
    DMatrixRMaj mc = means.mcRef();
    int k = mc.numCols;
    double[] norms = new double[k];
    for (int c = 0; c < k; c++) {
      norms[c] = Norms.frobenius(CommonOps_DDRM.extractColumn(mc, c, null));
    }
    double max = 0;
    for (double v : norms) {
      max = Math.max(max, v);
    }
    if (max == 0) {
      throw new InvalidInputException("all class means coincide: equinorm_means is undefined");
    }
    // The ratio is scale-free: normalize by the largest norm so (v - mean)^2 cannot underflow.
    double mean = 0;
    for (int c = 0; c < k; c++) {
      norms[c] /= max;
      mean += norms[c];
    }
    mean /= k;
    double var = 0;
    for (double v : norms) {
      var += (v - mean) * (v - mean);
    }
    return Math.sqrt(var / k) / mean;
  }
}
