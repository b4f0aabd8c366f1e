package ncverify.impl.model.conv;

import java.util.Arrays;
import ncverify.impl.data.ImageShape;
import ncverify.theory.InvalidInputException;

/**
 * The im2col lowering of a k x k convolution with stride s and zero padding p on the batch layout of
 * {@link Layer}: for an input C x H x W x B, the matrix cols has C k^2 rows, row (c k + u) k + v, and
 * H_out W_out B columns, column (oy W_out + ox) B + j, with entry in(c, oy s - p + u, ox s - p + v, j)
 * (0 outside the image), H_out = (H + 2p - k)/s + 1 (floor). The convolution is then the product
 * K cols with the kernel K of size C_out x C k^2, whose result is already the C_out x H_out x W_out x B
 * output. col2im is the adjoint: it adds every entry of a cols matrix back to the input position it
 * came from. Runs of B contiguous entries are copied at a time.
 */
final class Im2col {

  private Im2col() {
  }

  /** Output side (n + 2 pad - k) / stride + 1, or 0 when the kernel does not fit. */
  static int outSize(int n, int k, int stride, int pad) {
    int span = n + 2 * pad - k;
    return span < 0 ? 0 : span / stride + 1;
  }

  /**
   * The output shape {@code channels} x H_out x W_out of k x k windows with stride and padding on an
   * input, or a one-line error naming {@code what} when no window fits.
   */
  static ImageShape outShape(ImageShape in, int channels, int k, int stride, int pad, String what) {
    int outH = outSize(in.height(), k, stride, pad);
    int outW = outSize(in.width(), k, stride, pad);
    if (outH < 1 || outW < 1) {
      throw InvalidInputException.of("a %dx%d %s does not fit the %s input", k, k, what, in);
    }
    return new ImageShape(channels, outH, outW);
  }

  /** Writes cols (C k^2 x H_out W_out b) from in (C x H x W x b). */
  static void lower(double[] in, ImageShape s, int k, int stride, int pad, int outH, int outW, int b,
      double[] cols) {
    walk(in, s, k, stride, pad, outH, outW, b, cols, false);
  }

  /** The adjoint of {@link #lower}: dIn (C x H x W x b) = col2im(dCols), overwriting dIn. */
  static void raise(double[] dCols, ImageShape s, int k, int stride, int pad, int outH, int outW, int b,
      double[] dIn) {
    Arrays.fill(dIn, 0, s.size() * b, 0.0);
    walk(dIn, s, k, stride, pad, outH, outW, b, dCols, true);
  }

  /**
   * Visits every (row, column run) pair of the lowering once: forward copies the image run into cols
   * (zeros outside the image); adjoint adds the cols run into the image (nothing outside).
   */
  private static void walk(double[] image, ImageShape s, int k, int stride, int pad, int outH, int outW, int b,
      double[] cols, boolean adjoint) {
    int h = s.height();
    int w = s.width();
    int rowLen = outH * outW * b;
    for (int c = 0; c < s.channels(); c++) {
      for (int u = 0; u < k; u++) {
        for (int v = 0; v < k; v++) {
          int row = ((c * k + u) * k + v) * rowLen;
          for (int oy = 0; oy < outH; oy++) {
            int iy = oy * stride - pad + u;
            int at = row + oy * outW * b;
            if (iy < 0 || iy >= h) {
              if (!adjoint) {
                Arrays.fill(cols, at, at + outW * b, 0.0);
              }
              continue;
            }
            int imageRow = (c * h + iy) * w;
            for (int ox = 0; ox < outW; ox++, at += b) {
              int ix = ox * stride - pad + v;
              boolean inside = ix >= 0 && ix < w;
              if (adjoint && inside) {
                int dst = (imageRow + ix) * b;
                for (int j = 0; j < b; j++) {
                  image[dst + j] += cols[at + j];
                }
              } else if (inside) {
                System.arraycopy(image, (imageRow + ix) * b, cols, at, b);
              } else if (!adjoint) {
                Arrays.fill(cols, at, at + b, 0.0);
              }
            }
          }
        }
      }
    }
  }
}
