package ncverify.theory.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Products against a wide feature matrix H (d x N, row-major, N large) that walk H row by row over
 * blocks of {@link #BLOCK} columns, so every access to H is contiguous and the extra memory is
 * O(m x BLOCK) whatever N is. No copy of H is made.
 */
public final class WideProducts {

  /** Number of columns (samples) processed together. */
  public static final int BLOCK = 256;

  private WideProducts() {}

  /**
   * {@code out[j * width + b] = sum_a At[j * d + a] * (H[a, i0 + b] - C[a, labels[i0 + b]])} for
   * {@code j < m}, {@code b < width}: the block {@code A^T (H - C Y)} restricted to columns
   * {@code i0 .. i0+width-1}, where {@code At} is A^T (m x d, row-major) and C is d x K (pass
   * {@code null} for C to project H itself).
   */
  public static void projectBlock(double[] at, int m, DMatrixRMaj h, DMatrixRMaj c, int[] labels,
      int i0, int width, double[] out, double[] scratch) {
    int d = h.numRows;
    int n = h.numCols;
    java.util.Arrays.fill(out, 0, m * width, 0.0);
    double[] hd = h.data;
    for (int a = 0; a < d; a++) {
      int row = a * n + i0;
      if (c == null) {
        System.arraycopy(hd, row, scratch, 0, width);
      } else {
        int crow = a * c.numCols;
        double[] cd = c.data;
        for (int b = 0; b < width; b++) {
          scratch[b] = hd[row + b] - cd[crow + labels[i0 + b]];
        }
      }
      for (int j = 0; j < m; j++) {
        double coef = at[j * d + a];
        if (coef == 0) {
          continue;
        }
        int o = j * width;
        for (int b = 0; b < width; b++) {
          out[o + b] += coef * scratch[b];
        }
      }
    }
  }

  /**
   * {@code out[k * width + b] = ||h_{i0+b} - c_k||^2} for every column c_k of C (d x K) and
   * {@code b < width}, computed as a sum of squared differences (no expansion, so no cancellation).
   */
  public static void squaredDistancesBlock(DMatrixRMaj h, DMatrixRMaj c, int i0, int width,
      double[] out) {
    squaredDistancesBlock(h.data, i0, h.numCols, h.numRows, c, width, out);
  }

  /**
   * As {@link #squaredDistancesBlock(DMatrixRMaj, DMatrixRMaj, int, int, double[])} for a d x width block
   * whose entry (a, b) is {@code h[off + a ld + b]}.
   */
  public static void squaredDistancesBlock(double[] h, int off, int ld, int d, DMatrixRMaj c, int width,
      double[] out) {
    int k = c.numCols;
    java.util.Arrays.fill(out, 0, k * width, 0.0);
    double[] cd = c.data;
    for (int a = 0; a < d; a++) {
      int row = off + a * ld;
      for (int q = 0; q < k; q++) {
        double mean = cd[a * k + q];
        int o = q * width;
        for (int b = 0; b < width; b++) {
          double diff = h[row + b] - mean;
          out[o + b] += diff * diff;
        }
      }
    }
  }
}
