package ncverify.theory.metrics;

import ncverify.theory.linalg.Products;
import org.ejml.data.DMatrixRMaj;

/**
 * Logits W H + b 1^T (docs/theory.md section 0) and their argmax, shared by NC4, the train error and the fit
 * error: the product W H (K x N) is formed once.
 */
public final class Logits {

  private Logits() {}

  /** The bias-free product W H (K x N), through the fast backend ({@link Products}). */
  public static DMatrixRMaj product(DMatrixRMaj w, DMatrixRMaj h) {
    if (w.numCols != h.numRows) {
      throw ncverify.theory.InvalidInputException.of(
          "W has %d columns but features have dimension %d", w.numCols, h.numRows);
    }
    return Products.mult(w, h);
  }

  /**
   * argmax_k (Z_{k,i} + b_k) for every column i of Z (K x N); {@code bias} may be null (zero). Ties go
   * to the lowest index.
   */
  public static int[] argmax(DMatrixRMaj z, double[] bias) {
    int k = z.numRows;
    int n = z.numCols;
    int[] out = new int[n];
    double[] best = new double[n];
    double b0 = bias == null ? 0 : bias[0];
    for (int i = 0; i < n; i++) {
      best[i] = z.data[i] + b0;
    }
    for (int c = 1; c < k; c++) {
      double bc = bias == null ? 0 : bias[c];
      int row = c * n;
      for (int i = 0; i < n; i++) {
        double v = z.data[row + i] + bc;
        if (v > best[i]) {
          best[i] = v;
          out[i] = c;
        }
      }
    }
    return out;
  }

  /** Fraction of positions where {@code a} and {@code b} differ. */
  static double disagreement(int[] a, int[] b) {
    int diff = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        diff++;
      }
    }
    return (double) diff / a.length;
  }
}
