package ncverify.impl.data;

import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * A synthetic Gaussian mixture: sample i of class y_i is x_i = c_{y_i} + sigma g_i, g_i ~ N(0, I_d).
 *
 * <p>Class centres: when dim >= K they are (separation / sqrt 2) q_k for a random orthonormal set
 * q_0..q_{K-1} (Gram-Schmidt of Gaussian vectors), so every pair of centres is exactly
 * {@code separation} apart; when dim < K they are (separation / sqrt 2) times independent random
 * unit vectors (pairwise distances only about {@code separation}). Samples are generated class by
 * class and then shuffled; everything is a deterministic function of the seed.
 *
 * @param dim input dimension d >= 1
 * @param separation distance scale of the class centres (>= 0)
 * @param noiseStd standard deviation sigma of the isotropic noise (>= 0)
 * @param sizes samples per class (K = sizes.k())
 * @param seed seed of every random draw
 */
public record GaussianMixture(int dim, double separation, double noiseStd, ClassSizes sizes,
                              long seed) {

  public GaussianMixture {
    if (dim < 1) {
      throw InvalidInputException.of("Gaussian mixture needs dim >= 1, got %d", dim);
    }
    requireSeparationAndNoise(separation, noiseStd);
    if (sizes == null) {
      throw new InvalidInputException("Gaussian mixture needs class sizes");
    }
  }

  /** Separation and noise std of a class-mean model: each finite and &gt;= 0 (else a one-line error naming it). */
  static void requireSeparationAndNoise(double separation, double noiseStd) {
    if (!(separation >= 0) || Double.isInfinite(separation)) {
      throw InvalidInputException.of("separation must be finite and >= 0, got %s", separation);
    }
    if (!(noiseStd >= 0) || Double.isInfinite(noiseStd)) {
      throw InvalidInputException.of("noise std must be finite and >= 0, got %s", noiseStd);
    }
  }

  /** The class centres, d x K (column k = centre of class k). */
  public DMatrixRMaj centres() {
    return centres(new SplittableRandom(seed));
  }

  /** Draws the data set (d x N inputs, shuffled labels). */
  public Dataset generate() {
    SplittableRandom rnd = new SplittableRandom(seed);
    DMatrixRMaj c = centres(rnd);
    String name = String.format(java.util.Locale.ROOT, "gmm(d=%d,K=%d,sep=%s,sigma=%s,seed=%d)",
        dim, sizes.k(), separation, noiseStd, seed);
    return sample(c, noiseStd, sizes, rnd, name);
  }

  /**
   * Samples x_i = c_{y_i} + sigma g_i, g_i ~ N(0, I_d), n_k of class k, in an order shuffled by
   * Fisher-Yates, all draws from {@code rnd} (labels first, then the samples in order).
   *
   * @param centres d x K, column k = the centre of class k
   */
  static Dataset sample(DMatrixRMaj centres, double noiseStd, ClassSizes sizes, SplittableRandom rnd, String name) {
    int n = sizes.total();
    int dim = centres.numRows;
    int[] y = sizes.sortedLabels();
    // Fisher-Yates shuffle of the sample order.
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    DMatrixRMaj x = new DMatrixRMaj(dim, n);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < dim; r++) {
        x.data[r * n + i] = centres.data[r * centres.numCols + y[i]] + noiseStd * rnd.nextGaussian();
      }
    }
    return new Dataset(x, y, sizes.k(), name);
  }

  private DMatrixRMaj centres(SplittableRandom rnd) {
    int k = sizes.k();
    double scale = separation / Math.sqrt(2);
    double[][] q = new double[k][dim];
    for (int c = 0; c < k; c++) {
      double norm;
      do {
        for (int r = 0; r < dim; r++) {
          q[c][r] = rnd.nextGaussian();
        }
        if (dim >= k) {
          for (int prev = 0; prev < c; prev++) {
            double dot = 0;
            for (int r = 0; r < dim; r++) {
              dot += q[c][r] * q[prev][r];
            }
            for (int r = 0; r < dim; r++) {
              q[c][r] -= dot * q[prev][r];
            }
          }
        }
        double s = 0;
        for (int r = 0; r < dim; r++) {
          s += q[c][r] * q[c][r];
        }
        norm = Math.sqrt(s);
      } while (norm < 1e-8);
      for (int r = 0; r < dim; r++) {
        q[c][r] /= norm;
      }
    }
    DMatrixRMaj m = new DMatrixRMaj(dim, k);
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < dim; r++) {
        m.set(r, c, scale * q[c][r]);
      }
    }
    return m;
  }
}
