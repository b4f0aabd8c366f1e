package ncverify.impl.loss;

/**
 * A per-sample data-fit loss l(z_i, y_i) on logits z_i (a column of Z, K x B row-major) with label
 * y_i. Implementations never allocate and accept {@code dz == null} to skip the gradient.
 */
public interface Loss {

  /** Short name for reports ({@code "mse"}, {@code "ce"}). */
  String name();

  /**
   * Returns scale * sum_{j < b} l(z_j, y_j) and, if {@code dz != null}, writes
   * dz = scale * dl/dz (same K x b row-major layout, leading dimension {@code ld}).
   *
   * @param z logits, K x b, row-major with leading dimension {@code ld} (>= b)
   * @param y labels of the b columns, in 0..K-1
   */
  double evaluate(double[] z, int k, int b, int ld, int[] y, double scale, double[] dz);

  /** Squared error (1/2)||z - e_y||^2 to the one-hot target. */
  static Loss mse() {
    return MseLoss.INSTANCE;
  }

  /** Cross-entropy logsumexp(z) - z_y. */
  static Loss crossEntropy() {
    return CrossEntropyLoss.INSTANCE;
  }
}
