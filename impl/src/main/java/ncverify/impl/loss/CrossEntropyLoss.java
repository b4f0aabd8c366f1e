package ncverify.impl.loss;

/**
 * Cross-entropy with the log-sum-exp trick: l(z, y) = m + log sum_k exp(z_k - m) - z_y with
 * m = max_k z_k, gradient softmax(z) - e_y. Summed over samples this is [SELI]'s
 * CE(Z) = sum_i [logsumexp(z_i) - z_{y_i,i}] (docs/theory.md section 2).
 */
public final class CrossEntropyLoss implements Loss {

  static final CrossEntropyLoss INSTANCE = new CrossEntropyLoss();

  private CrossEntropyLoss() {
  }

  @Override
  public String name() {
    return "ce";
  }

  @Override
  public double evaluate(double[] z, int k, int b, int ld, int[] y, double scale, double[] dz) {
    double total = 0;
    for (int j = 0; j < b; j++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < k; r++) {
        m = Math.max(m, z[r * ld + j]);
      }
      double s = 0;
      for (int r = 0; r < k; r++) {
        s += Math.exp(z[r * ld + j] - m);
      }
      double lse = m + Math.log(s);
      total += lse - z[y[j] * ld + j];
      if (dz != null) {
        for (int r = 0; r < k; r++) {
          int idx = r * ld + j;
          double p = Math.exp(z[idx] - lse);
          dz[idx] = scale * (p - (y[j] == r ? 1.0 : 0.0));
        }
      }
    }
    return scale * total;
  }
}
