package ncverify.theory.metrics;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Shared test fixtures: a seeded {@link Random}, named tolerances, and independent constructions of
 * the reference geometries (simplex ETF, orthogonal frames, random rotations) written without the
 * code under test.
 */
abstract class MetricsTestSupport {

  /** Seed of every randomized test (the CI seed if given). */
  static final long SEED = Long.getLong("ncverify.seed", 20261125L);
  /** Agreement of two computations of the same quantity (relative). */
  static final double TOL = 1e-9;
  /** A quantity that is exactly zero in exact arithmetic, on O(1)-scaled data. */
  static final double ZERO_TOL = 1e-10;

  final Random rnd = new Random(SEED);

  static DMatrixRMaj gaussian(int rows, int cols, Random r) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = r.nextGaussian();
    }
    return m;
  }

  /** Orthonormalizes the columns of {@code a} in place by modified Gram-Schmidt (twice, for accuracy). */
  static DMatrixRMaj gramSchmidt(DMatrixRMaj a) {
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < a.numCols; j++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < a.numRows; i++) {
            dot += a.get(i, j) * a.get(i, p);
          }
          for (int i = 0; i < a.numRows; i++) {
            a.set(i, j, a.get(i, j) - dot * a.get(i, p));
          }
        }
        double norm = 0;
        for (int i = 0; i < a.numRows; i++) {
          norm += a.get(i, j) * a.get(i, j);
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < a.numRows; i++) {
          a.set(i, j, a.get(i, j) / norm);
        }
      }
    }
    return a;
  }

  /** A random n x n orthogonal matrix. */
  static DMatrixRMaj randomOrthogonal(int n, Random r) {
    return gramSchmidt(gaussian(n, n, r));
  }

  /** A random n x k matrix with orthonormal columns (k <= n). */
  static DMatrixRMaj randomStiefel(int n, int k, Random r) {
    return gramSchmidt(gaussian(n, k, r));
  }

  static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < b.numCols; j++) {
        double s = 0;
        for (int p = 0; p < a.numCols; p++) {
          s += a.get(i, p) * b.get(p, j);
        }
        c.set(i, j, s);
      }
    }
    return c;
  }

  static DMatrixRMaj transpose(DMatrixRMaj a) {
    DMatrixRMaj t = new DMatrixRMaj(a.numCols, a.numRows);
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        t.set(j, i, a.get(i, j));
      }
    }
    return t;
  }

  static DMatrixRMaj scale(double c, DMatrixRMaj a) {
    DMatrixRMaj out = a.copy();
    for (int i = 0; i < out.data.length; i++) {
      out.data[i] *= c;
    }
    return out;
  }

  /** The K x K matrix sqrt(K/(K-1)) (I - 11^T/K): its columns are a simplex ETF of unit vectors in R^K. */
  static DMatrixRMaj simplexInR(int k) {
    DMatrixRMaj m = new DMatrixRMaj(k, k);
    double c = Math.sqrt(k / (k - 1.0));
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m.set(i, j, c * ((i == j ? 1.0 : 0.0) - 1.0 / k));
      }
    }
    return m;
  }

  /**
   * A simplex ETF of K unit vectors in R^d (d >= K-1) as the columns of a d x K matrix, randomly
   * rotated. For d >= K the K x K simplex is embedded and rotated by a random d x d orthogonal matrix;
   * for d = K-1 it is expressed in an orthonormal basis of the complement of the all-ones vector.
   */
  static DMatrixRMaj simplexEtf(int k, int d, Random r) {
    DMatrixRMaj s = simplexInR(k);
    if (d >= k) {
      DMatrixRMaj embedded = new DMatrixRMaj(d, k);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          embedded.set(i, j, s.get(i, j));
        }
      }
      return mult(randomOrthogonal(d, r), embedded);
    }
    if (d != k - 1) {
      throw new IllegalArgumentException("a simplex ETF of K vectors needs d >= K-1");
    }
    // basis of 1-complement: Gram-Schmidt on e_1 - 1/K, ..., e_{K-1} - 1/K
    DMatrixRMaj b = new DMatrixRMaj(k, k - 1);
    for (int j = 0; j < k - 1; j++) {
      for (int i = 0; i < k; i++) {
        b.set(i, j, (i == j ? 1.0 : 0.0) - 1.0 / k);
      }
    }
    gramSchmidt(b);
    return mult(randomOrthogonal(k - 1, r), mult(transpose(b), s));
  }

  /** Labels with class sizes {@code sizes}, shuffled. */
  static int[] labels(int[] sizes, Random r) {
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    int[] y = new int[n];
    int p = 0;
    for (int k = 0; k < sizes.length; k++) {
      for (int i = 0; i < sizes[k]; i++) {
        y[p++] = k;
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    return y;
  }

  /** Random imbalanced class sizes in [min, max]. */
  static int[] sizes(int k, int min, int max, Random r) {
    int[] s = new int[k];
    for (int i = 0; i < k; i++) {
      s[i] = min + r.nextInt(max - min + 1);
    }
    return s;
  }

  /** Features h_i = means[:, y_i] + noise * gaussian (d x N). */
  static DMatrixRMaj around(DMatrixRMaj means, int[] y, double noise, Random r) {
    int d = means.numRows;
    DMatrixRMaj h = new DMatrixRMaj(d, y.length);
    for (int i = 0; i < y.length; i++) {
      for (int a = 0; a < d; a++) {
        h.set(a, i, means.get(a, y[i]) + noise * r.nextGaussian());
      }
    }
    return h;
  }

  /** Random labeled features: K classes of imbalanced sizes around random means, noise level 0.5. */
  static LabeledFeatures randomFeatures(int k, int d, Random r) {
    int[] y = labels(sizes(k, 2, 12, r), r);
    DMatrixRMaj means = gaussian(d, k, r);
    return new LabeledFeatures(around(means, y, 0.5, r), y, k);
  }

  static double relDiff(double a, double b) {
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }
}
