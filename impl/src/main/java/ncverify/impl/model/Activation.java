package ncverify.impl.model;

/**
 * Element-wise activation sigma applied after a layer's affine map: identity z, ReLU max(z, 0),
 * leaky ReLU (z > 0 ? z : a z) with the slope a stored with the model (default
 * {@link #DEFAULT_LEAKY_SLOPE}), tanh. Derivatives at the kink z = 0 are taken from the left
 * (0 for ReLU, a for leaky ReLU).
 */
public enum Activation {
  IDENTITY,
  RELU,
  LEAKY_RELU,
  TANH;

  /** Slope of leaky ReLU on negative inputs unless configured otherwise. */
  public static final double DEFAULT_LEAKY_SLOPE = 0.01;

  /** a[i] = sigma(z[i]) for i < len (one loop per activation, no per-element dispatch). */
  public void applyAll(double[] z, double[] a, int len, double slope) {
    switch (this) {
      case RELU:
        for (int i = 0; i < len; i++) {
          a[i] = z[i] > 0 ? z[i] : 0.0;
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < len; i++) {
          a[i] = z[i] > 0 ? z[i] : slope * z[i];
        }
        break;
      case TANH:
        for (int i = 0; i < len; i++) {
          a[i] = Math.tanh(z[i]);
        }
        break;
      default:
        if (a != z) {
          System.arraycopy(z, 0, a, 0, len);
        }
    }
  }

  /** d[i] *= sigma'(z[i]) for i < len (a = sigma(z)). */
  public void multiplyDerivative(double[] d, double[] z, double[] a, int len, double slope) {
    switch (this) {
      case RELU:
        for (int i = 0; i < len; i++) {
          d[i] = z[i] > 0 ? d[i] : 0.0;
        }
        break;
      case LEAKY_RELU:
        for (int i = 0; i < len; i++) {
          d[i] = z[i] > 0 ? d[i] : slope * d[i];
        }
        break;
      case TANH:
        for (int i = 0; i < len; i++) {
          d[i] *= 1.0 - a[i] * a[i];
        }
        break;
      default:
        break;
    }
  }
}
