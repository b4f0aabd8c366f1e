package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;

/**
 * NC2 against the orthogonal frame (docs/theory.md section 1, key {@code nc2_ortho_means}; MSE without
 * bias, [DLN] balanced, [DUFM]):
 *
 * <pre>
 *   || Mbar^T Mbar / ||Mbar^T Mbar|| - I_K / sqrt(K) ||     (uncentered means).
 * </pre>
 *
 * Zero iff the class means are orthogonal with equal norms.
 */
public final class Nc2OrthoMeans {

  private Nc2OrthoMeans() {}

  /** Of the uncentered class means Mbar. */
  public static double of(ClassMeans means) {
    DMatrixRMaj g = Nc2EtfMeans.gramOfColumns(means.mbarRef());
    int k = g.numRows;
    double norm = Norms.frobenius(g);
    if (norm == 0) {
      throw new InvalidInputException("all class means are zero: nc2_ortho_means is undefined");
    }
    double target = 1.0 / Math.sqrt(k);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double diff = g.get(i, j) / norm - (i == j ? target : 0.0);
        sum += diff * diff;
      }
    }
    return Math.sqrt(sum);
  }
}
