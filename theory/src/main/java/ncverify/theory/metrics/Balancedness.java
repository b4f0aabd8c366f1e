package ncverify.theory.metrics;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Finite;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Balancedness of consecutive linear layers W_1..W_L, W_l in R^{n_l x n_{l-1}} (docs/theory.md section 1,
 * key {@code balancedness}; the invariant W_{l+1}^T W_{l+1} = W_l W_l^T of gradient flow / weight decay
 * in [DLN] and [DUFM]): for each l = 1..L-1,
 *
 * <pre>
 *   abs = ||W_{l+1}^T W_{l+1} - W_l W_l^T||_F,  rel = abs / ||W_l W_l^T||_F,
 *   op  = ||W_{l+1}^T W_{l+1} - W_l W_l^T||_op.
 * </pre>
 *
 * Cost O(n_l^3) per pair (the Gram matrices and the SVD behind the op norm).
 */
public final class Balancedness {

  private Balancedness() {}

  /**
   * One {@link BalancednessPair} per consecutive pair (empty for fewer than two layers).
   *
   * @throws InvalidInputException if W_{l+1} does not have n_l columns, an entry is not finite, or a
   *     layer W_l (l < L) is zero (rel undefined)
   */
  public static List<BalancednessPair> of(List<DMatrixRMaj> layers) {
    requireChain(layers);
    List<BalancednessPair> out = new ArrayList<>();
    for (int l = 0; l + 1 < layers.size(); l++) {
      out.add(pair(layers.get(l), layers.get(l + 1), l + 1));
    }
    return List.copyOf(out);
  }

  /** The balancedness of (W_l, W_{l+1}) = (lower, upper); {@code index} is l (1-based) for messages. */
  public static BalancednessPair pair(DMatrixRMaj lower, DMatrixRMaj upper, int index) {
    if (upper.numCols != lower.numRows) {
      throw InvalidInputException.of("layer %d is %dx%d but layer %d has %d rows: shapes do not chain",
          index + 1, upper.numRows, upper.numCols, index, lower.numRows);
    }
    int n = lower.numRows;
    DMatrixRMaj top = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransA(upper, upper, top);
    DMatrixRMaj bottom = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransB(lower, lower, bottom);
    double bottomNorm = Norms.frobenius(bottom);
    if (bottomNorm == 0) {
      throw InvalidInputException.of("layer %d is zero: relative balancedness is undefined", index);
    }
    DMatrixRMaj diff = new DMatrixRMaj(n, n);
    CommonOps_DDRM.subtract(top, bottom, diff);
    double abs = Norms.frobenius(diff);
    return new BalancednessPair(abs, abs / bottomNorm, Norms.op(diff));
  }

  /** Layers must be non-null, finite, and chain: W_{l+1} has as many columns as W_l has rows. */
  public static void requireChain(List<DMatrixRMaj> layers) {
    if (layers == null) {
      throw new InvalidInputException("layer list is null");
    }
    for (int l = 0; l < layers.size(); l++) {
      DMatrixRMaj w = layers.get(l);
      if (w == null) {
        throw InvalidInputException.of("layer %d is null", l + 1);
      }
      Finite.require(w, "layer " + (l + 1));
      if (l > 0 && w.numCols != layers.get(l - 1).numRows) {
        throw InvalidInputException.of("layer %d is %dx%d but layer %d has %d rows: shapes do not chain",
            l + 1, w.numRows, w.numCols, l, layers.get(l - 1).numRows);
      }
    }
  }
}
