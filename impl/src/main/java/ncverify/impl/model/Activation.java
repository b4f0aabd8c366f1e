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
