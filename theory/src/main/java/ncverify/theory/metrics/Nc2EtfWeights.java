package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * NC2 of the classifier against the simplex ETF (docs/theory.md section 1, key {@code nc2_etf_weights}):
 *
 * <pre>
 *   || W W^T / ||W W^T|| - (I_K - 11^T/K) / sqrt(K-1) ||,   W in R^{K x d} (rows w_k, not centered).
 * </pre>
 */
public final class Nc2EtfWeights {

  private Nc2EtfWeights() {}

  /** Of the classifier W (K x d, K >= 2). */
  public static double of(DMatrixRMaj w) {
    if (w.numRows < 2) {
      throw ncverify.theory.InvalidInputException.of("W needs at least 2 rows (classes), got %d", w.numRows);
    }
    ncverify.theory.linalg.Finite.require(w, "W");
    DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numRows);
    CommonOps_DDRM.multTransB(w, w, g);
    return Nc2EtfMeans.ofGram(g, "W W^T");
  }
}
