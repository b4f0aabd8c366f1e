package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * NC2 against the simplex ETF (docs/theory.md section 1, key {@code nc2_etf_means}; the geometry of
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

  /**
   * M^T M up to a positive power-of-two factor: M is first scaled exactly by 2^-e with 2^e the order
   * of its largest entry, so the Gram neither overflows nor underflows. Only for scale-free callers
   * (normalized distances, cosines).
   */
  static DMatrixRMaj gramOfColumns(DMatrixRMaj m) {
    double max = 0;
    for (int i = 0; i < m.getNumElements(); i++) {
      max = Math.max(max, Math.abs(m.data[i]));
    }
    DMatrixRMaj scaled = m;
    if (max > 0 && Double.isFinite(max)) {
      scaled = m.copy();
      CommonOps_DDRM.scale(Math.scalb(1.0, -Math.getExponent(max)), scaled);
    }
    DMatrixRMaj g = new DMatrixRMaj(m.numCols, m.numCols);
    CommonOps_DDRM.multTransA(scaled, scaled, g);
    return g;
  }
}
