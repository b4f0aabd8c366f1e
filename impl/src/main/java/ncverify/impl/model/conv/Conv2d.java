package ncverify.impl.model.conv;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Activation;
import ncverify.impl.model.Init;
import ncverify.impl.model.Parameter;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.blas.Blas;

/**
 * A 2-D convolution with C_out kernels of size C_in x k x k, stride s and zero padding p, then an
 * element-wise activation: out(o, oy, ox) = sigma(b_o + sum_{c,u,v} K(o, c, u, v) in(c, oy s - p + u,
 * ox s - p + v)), H_out = (H + 2p - k)/s + 1 (floor), as PyTorch's {@code Conv2d} (cross-correlation).
 * Computed as one GEMM on the im2col matrix of the whole batch ({@link Im2col}); a 1 x 1 kernel with
 * stride 1 and no padding multiplies the input directly. The kernel is a C_out x (C_in k^2) matrix,
 * regularized by (lambda/2)||K||^2 like every weight.
 */
final class Conv2d extends ShapedLayer {

  private final int kernel;
  private final int stride;
  private final int pad;
  private final boolean pointwise;
  private final AffineMap map;
  private int cap;
  private double[] cols;

  Conv2d(Blas blas, String name, ImageShape in, int channels, int kernel, int stride, int pad, boolean withBias,
      double decay, Activation act, double slope) {
    super(in, outShape(in, channels, kernel, stride, pad));
    this.kernel = kernel;
    this.stride = stride;
    this.pad = pad;
    this.pointwise = kernel == 1 && stride == 1 && pad == 0;
    this.map = new AffineMap(blas, name, channels, in.channels() * kernel * kernel, withBias, decay, act, slope);
  }

  /** C_out x H_out x W_out, or a one-line error when the settings are invalid or the kernel does not fit. */
  private static ImageShape outShape(ImageShape in, int channels, int kernel, int stride, int pad) {
    if (channels < 1 || kernel < 1 || stride < 1 || pad < 0) {
      throw InvalidInputException.of("convolution with %d channels, kernel %d, stride %d, padding %d: need"
          + " channels, kernel, stride >= 1 and padding >= 0", channels, kernel, stride, pad);
    }
    if (pad >= kernel) {
      throw InvalidInputException.of("padding %d >= kernel %d gives outputs that see only zeros", pad, kernel);
    }
    return Im2col.outShape(in, channels, kernel, stride, pad, "kernel with padding " + pad);
  }

  @Override
  public List<Parameter> parameters() {
    return map.parameters();
  }

  @Override
  public void initialize(Init init, double scale, SplittableRandom rng) {
    map.initialize(init, out.channels() * kernel * kernel, scale, rng);
  }

  @Override
  public void reserve(int b) {
    if (b <= cap) {
      return;
    }
    cap = b;
    map.reserve(out.pixels() * b);
    if (!pointwise) {
      cols = new double[in.channels() * kernel * kernel * out.pixels() * b];
    }
  }

  @Override
  public double[] forward(double[] x, int b) {
    double[] lowered = x;
    if (!pointwise) {
      Im2col.lower(x, in, kernel, stride, pad, out.height(), out.width(), b, cols);
      lowered = cols;
    }
    return map.forward(lowered, out.pixels() * b);
  }

  /** The im2col buffer receives dF/d(cols) once dK is computed, then col2im gives dF/d(in). */
  @Override
  public void backward(double[] x, double[] dOut, int b, double beta, double[] dIn) {
    if (pointwise) {
      map.backward(x, dOut, out.pixels() * b, beta, dIn);
      return;
    }
    map.backward(cols, dOut, out.pixels() * b, beta, dIn == null ? null : cols);
    if (dIn != null) {
      Im2col.raise(cols, in, kernel, stride, pad, out.height(), out.width(), b, dIn);
    }
  }

  @Override
  public double kinkDistance(double[] x, int b) {
    return map.kinkDistance(out.pixels() * b);
  }

  @Override
  public long entriesPerImage() {
    long outs = (long) out.size() * (map.activation() == Activation.IDENTITY ? 1 : 2);
    return outs + (pointwise ? 0 : (long) in.channels() * kernel * kernel * out.pixels());
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "conv%dx%d-%d/s%d/p%d %s", kernel, kernel, out.channels(), stride, pad,
        map.activation().name().toLowerCase(Locale.ROOT));
  }
}
