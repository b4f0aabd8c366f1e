package ncverify.impl.model.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Activation;
import ncverify.impl.model.Init;
import ncverify.impl.model.Parameter;
import ncverify.theory.linalg.blas.Blas;

/**
 * The basic residual block of He et al. (2016) without batch normalization:
 * out = sigma(K_2 * sigma(K_1 * x) + S x), K_1 a 3 x 3 convolution with stride s and padding 1, K_2 a
 * 3 x 3 convolution with stride 1 and padding 1, and the skip S the identity when the shape is kept
 * (same channels, s = 1) or else a 1 x 1 convolution with stride s (the projection shortcut).
 * Backward: G = dOut * sigma'(Z) with Z the sum; the branch gets G through K_2 and K_1, the skip gets
 * G (identity) or S^T G (projection), and dF/dx is the sum of both.
 */
final class ResidualBlock implements Layer {

  private final ImageShape in;
  private final Conv2d first;
  private final Conv2d second;
  private final Conv2d projection;
  private final int stride;
  private final Activation act;
  private final double slope;
  private final List<Parameter> params;
  private int cap;
  private double[] hidden;
  private double[] sum;
  private double[] y;
  private double[] dHidden;
  private double[] dBranch;

  /** The convolutions are named {@code name + "a"}, {@code name + "b"} and {@code name + "s"} (projection). */
  ResidualBlock(Blas blas, String name, ImageShape in, int channels, int stride, boolean withBias, double decay,
      Activation act, double slope) {
    this.in = in;
    this.stride = stride;
    this.act = act;
    this.slope = slope;
    this.first = new Conv2d(blas, name + "a", in, channels, 3, stride, 1, withBias, decay, act, slope);
    ImageShape mid = first.outShape();
    this.second = new Conv2d(blas, name + "b", mid, channels, 3, 1, 1, withBias, decay, Activation.IDENTITY, slope);
    boolean identity = channels == in.channels() && stride == 1;
    this.projection = identity ? null
        : new Conv2d(blas, name + "s", in, channels, 1, stride, 0, withBias, decay, Activation.IDENTITY, slope);
    List<Parameter> ps = new ArrayList<>(first.parameters());
    ps.addAll(second.parameters());
    if (projection != null) {
      ps.addAll(projection.parameters());
    }
    this.params = Collections.unmodifiableList(ps);
  }

  /** Whether the skip is a 1 x 1 projection (else the identity). */
  boolean projects() {
    return projection != null;
  }

  @Override
  public ImageShape inShape() {
    return in;
  }

  @Override
  public ImageShape outShape() {
    return second.outShape();
  }

  @Override
  public List<Parameter> parameters() {
    return params;
  }

  @Override
  public void initialize(Init init, double scale, SplittableRandom rng) {
    first.initialize(init, scale, rng);
    second.initialize(init, scale, rng);
    if (projection != null) {
      projection.initialize(init, scale, rng);
    }
  }

  @Override
  public void reserve(int b) {
    if (b <= cap) {
      return;
    }
    cap = b;
    first.reserve(b);
    second.reserve(b);
    if (projection != null) {
      projection.reserve(b);
    }
    int n = outShape().size() * b;
    sum = new double[n];
    y = act == Activation.IDENTITY ? sum : new double[n];
    dHidden = new double[first.outShape().size() * b];
    dBranch = new double[in.size() * b];
  }

  @Override
  public double[] forward(double[] x, int b) {
    hidden = first.forward(x, b);
    double[] branch = second.forward(hidden, b);
    double[] skip = projection == null ? x : projection.forward(x, b);
    int n = outShape().size() * b;
    for (int i = 0; i < n; i++) {
      sum[i] = branch[i] + skip[i];
    }
    if (act != Activation.IDENTITY) {
      act.applyAll(sum, y, n, slope);
    }
    return y;
  }

  @Override
  public void backward(double[] x, double[] dOut, int b, double beta, double[] dIn) {
    int n = outShape().size() * b;
    if (act != Activation.IDENTITY) {
      act.multiplyDerivative(dOut, sum, y, n, slope);
    }
    // the second convolution and the projection are linear: they leave dOut (= G) unchanged
    second.backward(hidden, dOut, b, beta, dHidden);
    if (projection != null) {
      projection.backward(x, dOut, b, beta, dIn);
    } else if (dIn != null) {
      System.arraycopy(dOut, 0, dIn, 0, n);
    }
    first.backward(x, dHidden, b, beta, dIn == null ? null : dBranch);
    if (dIn != null) {
      int m = in.size() * b;
      for (int i = 0; i < m; i++) {
        dIn[i] += dBranch[i];
      }
    }
  }

  @Override
  public double kinkDistance(double[] x, int b) {
    double own = AffineMap.kinkDistance(act, sum, outShape().size() * b);
    return Math.min(own, first.kinkDistance(x, b));
  }

  @Override
  public long entriesPerImage() {
    long own = (long) outShape().size() * (act == Activation.IDENTITY ? 1 : 2) + first.outShape().size() + in.size();
    return own + first.entriesPerImage() + second.entriesPerImage()
        + (projection == null ? 0 : projection.entriesPerImage());
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "res3x3-%d/s%d %s skip %s", outShape().channels(), stride, act.name().toLowerCase(Locale.ROOT), projection == null ? "identity" : "1x1");
  }
}
