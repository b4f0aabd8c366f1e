package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Equiangularity of the centered class means (docs/theory.md section 1, key {@code equiangularity_means};
 * Papyan et al.'s NC2 equiangularity):
 *
 * <pre>
 *   std_{k < l} cos(mu_k - mu_G, mu_l - mu_G),
 * </pre>
 *
 * the population standard deviation over the K(K-1)/2 pairs (0 for K = 2). Zero iff all pairwise angles
 * are equal.
 */
public final class EquiangularityMeans {

  private EquiangularityMeans() {}

  /**
   * @throws InvalidInputException if a centered class mean is zero (cosine undefined)
   */
  public static double of(ClassMeans means) {
    DMatrixRMaj g = Nc2EtfMeans.gramOfColumns(means.mcRef());
    int k = g.numRows;
    for (int c = 0; c < k; c++) {
      if (g.get(c, c) == 0) {
        throw InvalidInputException.of(
            "centered class mean %d is zero: equiangularity_means is undefined", c);
      }
    }
    int pairs = k * (k - 1) / 2;
    double[] cos = new double[pairs];
    int p = 0;
    for (int i = 0; i < k; i++) {
      for (int j = i + 1; j < k; j++) {
        cos[p++] = g.get(i, j) / (Math.sqrt(g.get(i, i)) * Math.sqrt(g.get(j, j)));
      }
    }
    double mean = 0;
    for (double v : cos) {
      mean += v;
    }
    mean /= pairs;
    double var = 0;
    for (double v : cos) {
      var += (v - mean) * (v - mean);
    }
    return Math.sqrt(var / pairs);
  }
}
