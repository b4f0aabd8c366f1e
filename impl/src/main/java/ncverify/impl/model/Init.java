package ncverify.impl.model;

/**
 * Gaussian weight initialization for a layer W (fan_out x fan_in), entries N(0, (scale * s)^2) with
 * s^2 = 2/fan_in (He), 2/(fan_in + fan_out) (Glorot) or 1/fan_in (LeCun).
 */
public enum Init {
  HE,
  GLOROT,
  LECUN;

  /** The standard deviation of each entry for a layer fan_out x fan_in and a scale factor. */
  public double std(int fanOut, int fanIn, double scale) {
    switch (this) {
      case HE:
        return scale * Math.sqrt(2.0 / fanIn);
      case GLOROT:
        return scale * Math.sqrt(2.0 / (fanIn + fanOut));
      default:
        return scale * Math.sqrt(1.0 / fanIn);
    }
  }
}
