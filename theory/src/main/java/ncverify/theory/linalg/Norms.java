package ncverify.theory.linalg;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix norms of docs/theory.md section 0: the Frobenius norm {@code ||A|| = sqrt(sum_ij A_ij^2)}, the
 * operator (spectral) norm {@code ||A||_op = s_max(A)} and the normalized distance
 * {@code ndist(A, B) = || A/||A|| - B/||B|| ||} used by NC2 and NC3.
 */
public final class Norms {

  private Norms() {}

  /** Frobenius norm {@code sqrt(sum_ij A_ij^2)}, computed with scaling so it neither overflows nor underflows. */
  public static double frobenius(DMatrixRMaj a) {
    double scale = 0;
    int n = a.getNumElements();
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(a.data[i]));
    }
    if (scale == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double v = a.data[i] / scale;
      sum += v * v;
    }
    return scale * Math.sqrt(sum);
  }

  /**
   * A plain (unscaled) sum of squares at least this large lost nothing to underflow that matters, and one that is
   * finite did not overflow; below it or not finite, the scaled sums are used.
   */
  public static final double PLAIN_SUM_MIN = 1e-280;

  /** Entries per parallel chunk of {@link #squaredFrobenius} (fixed: the same value for any thread count). */
  private static final int CHUNK = 1 << 16;

  /**
   * {@code ||A||^2 = sum_ij A_ij^2} in one pass over {@code a}, in parallel chunks of fixed length (a large
   * matrix, e.g. features of N samples); equal to {@code frobenius(a)^2} up to the order of the summation.
   * When the plain sum could have overflowed or underflowed (not finite, or below 1e-280), the scaled
   * {@link #frobenius} is used instead.
   */
  public static double squaredFrobenius(DMatrixRMaj a) {
    int n = a.getNumElements();
    double[] part = new double[(n + CHUNK - 1) / CHUNK];
    Parallel.forChunks(n, CHUNK, (from, to) -> { // four interleaved partial sums: independent chains of additions
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = from;
      for (; i + 3 < to; i += 4) {
        s0 += a.data[i] * a.data[i];
        s1 += a.data[i + 1] * a.data[i + 1];
        s2 += a.data[i + 2] * a.data[i + 2];
        s3 += a.data[i + 3] * a.data[i + 3];
      }
      for (; i < to; i++) {
        s0 += a.data[i] * a.data[i];
      }
      part[from / CHUNK] = (s0 + s1) + (s2 + s3);
    });
    double sum = 0;
    for (double p : part) {
      sum += p;
    }
    if (Double.isFinite(sum) && sum >= PLAIN_SUM_MIN) {
      return sum;
    }
    double f = frobenius(a);
    return f * f;
  }

  /** Operator (spectral) norm: the largest singular value of {@code a}; 0 for an empty or zero matrix. */
  public static double op(DMatrixRMaj a) {
    double[] s = Svd.singularValues(a);
    return s.length == 0 ? 0 : s[0];
  }

  /**
   * {@code ndist(A, B) = || A/||A|| - B/||B|| ||} (Frobenius), in [0, 2].
   *
   * @throws InvalidInputException if the shapes differ or either matrix is zero (the direction of a
   *     zero matrix is undefined)
   */
  public static double ndist(DMatrixRMaj a, DMatrixRMaj b, String nameA, String nameB) {
    if (a.numRows != b.numRows || a.numCols != b.numCols) {
      throw InvalidInputException.of("ndist(%s, %s): shapes %dx%d and %dx%d differ",
          nameA, nameB, a.numRows, a.numCols, b.numRows, b.numCols);
    }
    double na = frobenius(a);
    double nb = frobenius(b);
    if (na == 0) {
      throw InvalidInputException.of("ndist(%s, %s) is undefined: %s is zero", nameA, nameB, nameA);
    }
    if (nb == 0) {
      throw InvalidInputException.of("ndist(%s, %s) is undefined: %s is zero", nameA, nameB, nameB);
    }
    double sum = 0;
    for (int i = 0; i < a.getNumElements(); i++) {
      double d = a.data[i] / na - b.data[i] / nb;
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  /** {@link #ndist(DMatrixRMaj, DMatrixRMaj, String, String)} with the names "A" and "B". */
  public static double ndist(DMatrixRMaj a, DMatrixRMaj b) {
    return ndist(a, b, "A", "B");
  }
}
