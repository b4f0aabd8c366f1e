package ncverify.impl.model.conv;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Init;
import ncverify.impl.model.Parameter;
import ncverify.theory.InvalidInputException;

/**
 * Max or average pooling over k x k windows with stride s, per channel, no padding:
 * out(c, oy, ox) = max (or mean) of in(c, oy s + u, ox s + v) over 0 <= u, v < k, with
 * H_out = (H - k)/s + 1 (floor; trailing rows and columns that no window covers are dropped, as in
 * PyTorch's {@code MaxPool2d}/{@code AvgPool2d}). The gradient of the max goes to the first maximal
 * entry of the window (row-major), that of the mean to every entry with weight 1/k^2. No parameters.
 */
final class Pool2d extends ShapedLayer {

  private final ConvArchitecture.Pooling kind;
  private final int size;
  private final int stride;
  private int cap;
  private double[] y;
  private int[] argmax;

  Pool2d(ConvArchitecture.Pooling kind, ImageShape in, int size, int stride) {
    super(in, outShape(in, size, stride));
    this.kind = kind;
    this.size = size;
    this.stride = stride;
  }

  private static ImageShape outShape(ImageShape in, int size, int stride) {
    if (size < 1 || stride < 1) {
      throw InvalidInputException.of("pooling window %d and stride %d, need both >= 1", size, stride);
    }
    return Im2col.outShape(in, in.channels(), size, stride, 0, "pooling window");
  }

  @Override
  public List<Parameter> parameters() {
    return List.of();
  }

  @Override
  public void initialize(Init init, double scale, SplittableRandom rng) {
    // no parameters
  }

  @Override
  public void reserve(int b) {
    if (b <= cap) {
      return;
    }
    cap = b;
    y = new double[out.size() * b];
    argmax = kind == ConvArchitecture.Pooling.MAX ? new int[out.size() * b] : null;
  }

  @Override
  public double[] forward(double[] x, int b) {
    if (kind == ConvArchitecture.Pooling.MAX) {
      sweep(x, y, b, FORWARD_MAX);
    } else {
      Arrays.fill(y, 0, out.size() * b, 0.0);
      sweep(x, y, b, FORWARD_AVG);
    }
    return y;
  }

  /**
   * The max's gradient goes to the recorded argmax; when the windows tile the input exactly (stride =
   * size, no rows or columns dropped) every input entry is in exactly one window, so dIn is written
   * once per entry instead of zeroed and scattered into.
   */
  @Override
  public void backward(double[] x, double[] dOut, int b, double beta, double[] dIn) {
    if (dIn == null) {
      return;
    }
    if (kind == ConvArchitecture.Pooling.AVG || stride != size || out.height() * stride != in.height()
        || out.width() * stride != in.width()) {
      Arrays.fill(dIn, 0, in.size() * b, 0.0);
    }
    sweep(dIn, dOut, b, kind == ConvArchitecture.Pooling.MAX ? BACKWARD_MAX : BACKWARD_AVG);
  }

  private static final int FORWARD_MAX = 0;
  private static final int FORWARD_AVG = 1;
  private static final int BACKWARD_MAX = 2;
  private static final int BACKWARD_AVG = 3;

  /**
   * Visits every (window, position in the window) pair once, with the run of b images: forward
   * max / mean into the pooled array p, or backward from the pooled gradient p into the input
   * gradient x (max: the recorded argmax gets dOut, the others of a non-overlapping window 0; mean:
   * every position gets dOut / k^2 added).
   */
  private void sweep(double[] x, double[] p, int b, int mode) {
    int h = in.height();
    int w = in.width();
    double inv = 1.0 / (size * size);
    boolean overlap = stride < size;
    for (int c = 0; c < in.channels(); c++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          int at = ((c * out.height() + oy) * out.width() + ox) * b;
          for (int u = 0; u < size; u++) {
            for (int v = 0; v < size; v++) {
              int src = ((c * h + oy * stride + u) * w + ox * stride + v) * b;
              boolean first = u == 0 && v == 0;
              switch (mode) {
                case FORWARD_MAX:
                  if (first) {
                    System.arraycopy(x, src, p, at, b);
                    Arrays.fill(argmax, at, at + b, src);
                  } else {
                    for (int j = 0; j < b; j++) {
                      if (x[src + j] > p[at + j]) {
                        p[at + j] = x[src + j];
                        argmax[at + j] = src;
                      }
                    }
                  }
                  break;
                case FORWARD_AVG:
                  for (int j = 0; j < b; j++) {
                    p[at + j] += inv * x[src + j];
                  }
                  break;
                case BACKWARD_MAX:
                  for (int j = 0; j < b; j++) {
                    double g = argmax[at + j] == src ? p[at + j] : 0.0;
                    if (overlap) {
                      x[src + j] += g;
                    } else {
                      x[src + j] = g;
                    }
                  }
                  break;
                default:
                  for (int j = 0; j < b; j++) {
                    x[src + j] += inv * p[at + j];
                  }
              }
            }
          }
        }
      }
    }
  }

  /**
   * The smallest gap between the largest and the second largest entry of a max-pooling window;
   * windows whose two largest entries are both exactly 0 are skipped: these are dead ReLU units, which
   * stay at 0 under small perturbations when their pre-activations are away from 0 (the ReLU part of
   * the distance), so the maximum stays 0 and its derivative 0.
   */
  @Override
  public double kinkDistance(double[] x, int b) {
    if (kind != ConvArchitecture.Pooling.MAX || size * size == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double best = Double.POSITIVE_INFINITY;
    int h = in.height();
    int w = in.width();
    for (int c = 0; c < in.channels(); c++) {
      for (int oy = 0; oy < out.height(); oy++) {
        for (int ox = 0; ox < out.width(); ox++) {
          for (int j = 0; j < b; j++) {
            double top = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int u = 0; u < size; u++) {
              for (int v = 0; v < size; v++) {
                double e = x[((c * h + oy * stride + u) * w + ox * stride + v) * b + j];
                if (e > top) {
                  second = top;
                  top = e;
                } else if (e > second) {
                  second = e;
                }
              }
            }
            if (top != 0 || second != 0) {
              best = Math.min(best, top - second);
            }
          }
        }
      }
    }
    return best;
  }

  @Override
  public long entriesPerImage() {
    return (long) out.size() * (kind == ConvArchitecture.Pooling.MAX ? 2 : 1);
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "%spool%d/s%d", kind.name().toLowerCase(Locale.ROOT), size, stride);
  }
}
