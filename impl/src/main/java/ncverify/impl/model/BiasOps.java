package ncverify.impl.model;

/**
 * The two bias operations of every layer Z = W X + b 1^T on a rows x cols block (row-major, leading
 * dimension cols): adding b to every column, and the bias gradient db = G 1 (row sums of G).
 */
public final class BiasOps {

  private BiasOps() {
  }

  /** z[r, j] += b[r] for r < rows, j < cols. */
  public static void addToColumns(double[] z, double[] b, int rows, int cols) {
    for (int r = 0; r < rows; r++) {
      double br = b[r];
      int row = r * cols;
      for (int j = 0; j < cols; j++) {
        z[row + j] += br;
      }
    }
  }

  /** g[r] = beta g[r] + sum_j dz[r, j] for r < rows (beta = 0 overwrites, 1 accumulates). */
  public static void rowSums(double[] dz, int rows, int cols, double beta, double[] g) {
    for (int r = 0; r < rows; r++) {
      double s = 0;
      int row = r * cols;
      for (int j = 0; j < cols; j++) {
        s += dz[row + j];
      }
      g[r] = beta * g[r] + s;
    }
  }
}
