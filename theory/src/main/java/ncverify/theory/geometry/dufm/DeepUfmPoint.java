package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * An explicit point of the L-DUFM [DUFM] (docs/theory.md section 4): free features H_1 (d_1 x N, columns
 * are samples) and weights W_1..W_L (W_l is d_{l+1} x d_l, W_L is K x d_L). Matrices are copied in
 * and out, so the point is immutable.
 *
 * @param h1 the free features H_1
 * @param weights W_1..W_L in order
 */
public record DeepUfmPoint(DMatrixRMaj h1, List<DMatrixRMaj> weights) {

  public DeepUfmPoint {
    if (h1 == null || weights == null || weights.isEmpty()) {
      throw InvalidInputException.of("a DUFM point needs H_1 and at least one weight matrix");
    }
    h1 = h1.copy();
    List<DMatrixRMaj> copies = new ArrayList<>(weights.size());
    int rows = h1.numRows;
    for (int l = 0; l < weights.size(); l++) {
      DMatrixRMaj w = weights.get(l);
      if (w.numCols != rows) {
        throw InvalidInputException.of("W_%d has %d columns but layer %d has width %d",
            l + 1, w.numCols, l + 1, rows);
      }
      rows = w.numRows;
      copies.add(w.copy());
    }
    weights = List.copyOf(copies);
  }

  @Override
  public DMatrixRMaj h1() {
    return h1.copy();
  }

  @Override
  public List<DMatrixRMaj> weights() {
    List<DMatrixRMaj> out = new ArrayList<>(weights.size());
    for (DMatrixRMaj w : weights) {
      out.add(w.copy());
    }
    return out;
  }

  /** W_l for l in 1..L (a copy). */
  public DMatrixRMaj weight(int l) {
    return weights.get(l - 1).copy();
  }

  /** L, the number of weight matrices. */
  public int depth() {
    return weights.size();
  }

  /** N, the number of samples (columns of H_1). */
  public int numSamples() {
    return h1.numCols;
  }

  /** Widths d_1..d_L followed by the output dimension K. */
  public int[] widths() {
    int[] d = new int[weights.size() + 1];
    d[0] = h1.numRows;
    for (int l = 0; l < weights.size(); l++) {
      d[l + 1] = weights.get(l).numRows;
    }
    return d;
  }

  /**
   * The matrices as they go to disk: "H1" as N x d_1 (one row per sample, docs/theory.md section 0) and
   * "W1".."WL" as stored (d_{l+1} x d_l), in that order.
   */
  public Map<String, DMatrixRMaj> toNamedMatrices() {
    Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
    out.put("H1", CommonOps_DDRM.transpose(h1, null));
    for (int l = 0; l < weights.size(); l++) {
      out.put("W" + (l + 1), weights.get(l).copy());
    }
    return out;
  }

  /** Internal read-only access without copying. */
  DMatrixRMaj h1View() {
    return h1;
  }

  DMatrixRMaj weightView(int l) {
    return weights.get(l - 1);
  }
}
