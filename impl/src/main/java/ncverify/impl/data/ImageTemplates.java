package ncverify.impl.data;

import java.util.Locale;
import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Synthetic images: Gaussian class templates with noise. Template t_k of class k is a C x H x W image
 * of N(0, 1) pixels smoothed by a 3 x 3 box filter in each channel (zero outside the image), so that
 * neighbouring pixels are correlated as in real images, then scaled to the norm
 * ||t_k|| = separation / sqrt 2 (independent templates of d >> K pixels are nearly orthogonal, so
 * classes are about {@code separation} apart, as the centres of {@link GaussianMixture}); sample i of
 * class y_i is x_i = t_{y_i} + sigma g_i with g_i ~ N(0, I_d) pixel noise. Samples are shuffled;
 * everything is a deterministic function of the seed.
 *
 * @param shape C x H x W of every image
 * @param separation distance scale of the templates (>= 0)
 * @param noiseStd pixel noise standard deviation sigma (>= 0)
 * @param sizes samples per class
 * @param seed seed of every random draw
 */
public record ImageTemplates(ImageShape shape, double separation, double noiseStd, ClassSizes sizes, long seed) {

  public ImageTemplates {
    if (shape == null || sizes == null) {
      throw new InvalidInputException("image templates need an image shape and class sizes");
    }
    GaussianMixture.requireSeparationAndNoise(separation, noiseStd);
  }

  /** The class templates, d x K (column k = t_k, d = C H W in channel-major order). */
  public DMatrixRMaj templates() {
    return templates(new SplittableRandom(seed));
  }

  /** Draws the images (d x N, columns = images) with shuffled labels. */
  public Dataset generate() {
    SplittableRandom rnd = new SplittableRandom(seed);
    DMatrixRMaj t = templates(rnd);
    String name = String.format(Locale.ROOT, "image-templates(%s,K=%d,sep=%s,sigma=%s,seed=%d)", shape, sizes.k(),
        separation, noiseStd, seed);
    return GaussianMixture.sample(t, noiseStd, sizes, rnd, name);
  }

  private DMatrixRMaj templates(SplittableRandom rnd) {
    int k = sizes.k();
    int d = shape.size();
    int h = shape.height();
    int w = shape.width();
    DMatrixRMaj m = new DMatrixRMaj(d, k);
    double[] raw = new double[d];
    for (int c = 0; c < k; c++) {
      double sq;
      do {
        for (int r = 0; r < d; r++) {
          raw[r] = rnd.nextGaussian();
        }
        sq = 0;
        for (int ch = 0; ch < shape.channels(); ch++) {
          for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
              double s = 0;
              for (int dy = Math.max(0, y - 1); dy <= Math.min(h - 1, y + 1); dy++) {
                for (int dx = Math.max(0, x - 1); dx <= Math.min(w - 1, x + 1); dx++) {
                  s += raw[(ch * h + dy) * w + dx];
                }
              }
              m.set((ch * h + y) * w + x, c, s / 9.0);
              sq += s * s / 81.0;
            }
          }
        }
      } while (sq < 1e-16);
      double scale = separation / Math.sqrt(2) / Math.sqrt(sq);
      for (int r = 0; r < d; r++) {
        m.set(r, c, m.get(r, c) * scale);
      }
    }
    return m;
  }
}
