package ncverify.impl.loss;

/**
 * Squared error to one-hot targets: l(z, y) = (1/2) ||z - e_y||^2, gradient z - e_y. Summed over
 * samples this is (1/2)||Z - Y||^2 ([JSWM] section 5); with {@link Normalization#MEAN} it is
 * (1/(2N))||Z - Y||^2 ([DLN] section 3, [DUFM] section 4).
 */
public final class MseLoss implements Loss {

  static final MseLoss INSTANCE = new MseLoss();

  private MseLoss() {
  }

  @Override
  public String name() {
    return "mse";
  }

  @Override
  public double evaluate(double[] z, int k, int b, int ld, int[] y, double scale, double[] dz) {
    double sum = 0;
    for (int r = 0; r < k; r++) {
      int row = r * ld;
      for (int j = 0; j < b; j++) {
        double e = z[row + j] - (y[j] == r ? 1.0 : 0.0);
        sum += e * e;
        if (dz != null) {
          dz[row + j] = scale * e;
        }
      }
    }
    return 0.5 * scale * sum;
  }
}
