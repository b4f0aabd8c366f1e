package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.HaarOrthogonal;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * An exactly balanced linear head with a prescribed product (docs/theory.md section 5, [JSWM]): for
 * A = U S V^T (thin SVD, p = min(K, n) singular values) and hidden widths n_1..n_{L2-1} &gt;= p,
 * W_1 = Q_1 S^{1/L2} V^T, W_j = Q_j S^{1/L2} Q_{j-1}^T, W_{L2} = U S^{1/L2} Q_{L2-1}^T with seeded Haar
 * partial orthogonal Q_j (n_j x p). Then W_{L2} ... W_1 = A and every pair is exactly balanced,
 * W_{j+1}^T W_{j+1} = Q_j S^{2/L2} Q_j^T = W_j W_j^T, up to roundoff. With A = Y Z^+ for features Z of full
 * column rank the head interpolates exactly: the constructed exact cases of the [JSWM] exact-case claims.
 */
public final class BalancedHead {

  private BalancedHead() {
  }

  /**
   * The head W_1..W_{L2} (first layer first) with product {@code a}.
   *
   * @param a the product, K x n
   * @param hiddenWidths n_1..n_{L2-1}, each &gt;= min(K, n); L2 = hiddenWidths.length + 1 &gt;= 2
   * @param seed seed of the orthogonal factors
   */
  public static List<DMatrixRMaj> through(DMatrixRMaj a, int[] hiddenWidths, long seed) {
    int p = Math.min(a.numRows, a.numCols);
    if (hiddenWidths.length < 1) {
      throw new InvalidInputException("a balanced head needs L2 >= 2 layers (at least one hidden width)");
    }
    for (int w : hiddenWidths) {
      if (w < p) {
        throw InvalidInputException.of("hidden width %d is below min(K, n) = %d", w, p);
      }
    }
    int l2 = hiddenWidths.length + 1;
    Svd svd = Svd.thin(a);
    double[] s = svd.s();
    DMatrixRMaj root = new DMatrixRMaj(p, p);
    for (int i = 0; i < p; i++) {
      root.set(i, i, Math.pow(s[i], 1.0 / l2));
    }
    List<DMatrixRMaj> q = new ArrayList<>();
    for (int j = 0; j < hiddenWidths.length; j++) {
      q.add(HaarOrthogonal.partial(hiddenWidths[j], p, seed + 7919L * j));
    }
    List<DMatrixRMaj> head = new ArrayList<>();
    head.add(factor(q.get(0), root, svd.v()));
    for (int j = 1; j < hiddenWidths.length; j++) {
      head.add(factor(q.get(j), root, q.get(j - 1)));
    }
    head.add(factor(svd.u(), root, q.get(q.size() - 1)));
    return head;
  }

  /** left root right^T. */
  private static DMatrixRMaj factor(DMatrixRMaj left, DMatrixRMaj root, DMatrixRMaj right) {
    DMatrixRMaj lr = new DMatrixRMaj(left.numRows, root.numCols);
    CommonOps_DDRM.mult(left, root, lr);
    DMatrixRMaj out = new DMatrixRMaj(left.numRows, right.numRows);
    CommonOps_DDRM.multTransB(lr, right, out);
    return out;
  }
}
