package ncverify.theory.claims.ufm;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Matrix helpers shared by the geometry claims of the unconstrained features models ([DLN] section 3.7,
 * [DUFM2] section 4.8 of docs/theory.md).
 */
final class UfmMatrices {

  private UfmMatrices() {
  }

  /** Class means Hbar = H Y^T diag(1/n_k) of features H (d x N) with one-hot labels Y (K x N). */
  static DMatrixRMaj classMeans(DMatrixRMaj h, DMatrixRMaj y) {
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, y.numRows);
    CommonOps_DDRM.multTransB(h, y, means);
    for (int c = 0; c < y.numRows; c++) {
      double count = 0;
      for (int i = 0; i < y.numCols; i++) {
        count += y.get(c, i);
      }
      for (int r = 0; r < h.numRows; r++) {
        means.set(r, c, means.get(r, c) / count);
      }
    }
    return means;
  }

  /**
   * c_W = sqrt(sum_m prod_{j != m} ||W_j||_op^2) from the operator norms of W_1..W_M: the Lipschitz constant
   * of (W_1..W_M) -&gt; W_M ... W_1, ||dW|| &lt;= c_W ||(dW_1..dW_M)||.
   */
  static double productLipschitz(double[] op) {
    double sum = 0;
    for (int m = 0; m < op.length; m++) {
      double prod = 1;
      for (int j = 0; j < op.length; j++) {
        prod *= j == m ? 1 : op[j] * op[j];
      }
      sum += prod;
    }
    return Math.sqrt(sum);
  }
}
