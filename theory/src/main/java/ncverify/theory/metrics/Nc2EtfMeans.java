package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * NC2 against the simplex ETF (THEORY.md section 1, key {@code nc2_etf_means}; the geometry of
 * cross-entropy with bias, [SELI] balanced case):
 *
 * <pre>
 *   || Mc^T Mc / ||Mc^T Mc|| - (I_K - 11^T/K) / sqrt(K-1) ||     (Frobenius; ||I_K - 11^T/K|| = sqrt(K-1)).
 * </pre>
 *
 * Zero iff the centered means form a simplex ETF up to scale and rotation.
 */
public final class Nc2EtfMeans {

  private Nc2EtfMeans() {}

  /** Of the centered class means Mc. */
  public static double of(ClassMeans means) {
    return ofGram(gramOfColumns(means.mcRef()), "Mc^T Mc");
  }

  /** The distance of a K x K Gram matrix G to the simplex-ETF Gram (I - 11^T/K)/sqrt(K-1), after G/||G||. */
  static double ofGram(DMatrixRMaj gram, String name) {
    int k = gram.numRows;
    double norm = Norms.frobenius(gram);
    if (norm == 0) {
      throw InvalidInputException.of("%s is zero: the ETF distance is undefined", name);
    }
    double scale = 1.0 / Math.sqrt(k - 1.0);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double etf = ((i == j ? 1.0 : 0.0) - 1.0 / k) * scale;
        double diff = gram.get(i, j) / norm - etf;
        sum += diff * diff;
      }
    }
    return Math.sqrt(sum);
  }

  /** M^T M. */
  static DMatrixRMaj gramOfColumns(DMatrixRMaj m) {
    DMatrixRMaj g = new DMatrixRMaj(m.numCols, m.numCols);
    CommonOps_DDRM.multTransA(m, m, g);
    return g;
  }
}
