package ncverify.impl.data;

import ncverify.theory.InvalidInputException;

/**
 * The shape C x H x W (channels, height, width) of one image. An image is stored as a column of
 * d = C H W entries in channel-major order, entry (c, y, x) at row (c H + y) W + x, the order in
 * which PyTorch flattens a C x H x W tensor; a data set of N images is the d x N matrix X of
 * docs/theory.md section 0.
 *
 * @param channels C >= 1
 * @param height H >= 1
 * @param width W >= 1
 */
public record ImageShape(int channels, int height, int width) {

  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw InvalidInputException.of("image shape %d x %d x %d, every dimension must be >= 1", channels, height,
          width);
    }
    if ((long) channels * height * width > Integer.MAX_VALUE) {
      throw InvalidInputException.of("image shape %d x %d x %d has more than %d entries", channels, height, width,
          Integer.MAX_VALUE);
    }
  }

  /** A flat vector of n entries seen as n x 1 x 1 (the input or output of a dense layer). */
  public static ImageShape flat(int n) {
    return new ImageShape(n, 1, 1);
  }

  /** d = C H W. */
  public int size() {
    return channels * height * width;
  }

  /** Pixels per channel, H W. */
  public int pixels() {
    return height * width;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
