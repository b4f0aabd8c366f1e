package ncverify.impl.model;

/**
 * Element-wise activation applied after a layer's affine map. {@link #LEAKY_RELU} uses the slope
 * stored with the model (default {@link #DEFAULT_LEAKY_SLOPE}).
 */
public enum Activation {
  IDENTITY,
  RELU,
  LEAKY_RELU,
  TANH;

  /** Slope of leaky ReLU on negative inputs unless configured otherwise. */
  public static final double DEFAULT_LEAKY_SLOPE = 0.01;

  double apply(double z, double slope) {
    switch (this) {
      case RELU:
        return z > 0 ? z : 0.0;
      case LEAKY_RELU:
        return z > 0 ? z : slope * z;
      case TANH:
        return Math.tanh(z);
      default:
        return z;
    }
  }

  /** Derivative at pre-activation z with post-activation a. */
  double derivative(double z, double a, double slope) {
    switch (this) {
      case RELU:
        return z > 0 ? 1.0 : 0.0;
      case LEAKY_RELU:
        return z > 0 ? 1.0 : slope;
      case TANH:
        return 1.0 - a * a;
      default:
        return 1.0;
    }
  }
}
