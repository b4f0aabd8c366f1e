package ncverify.theory.linalg.blas;

import ncverify.theory.InvalidInputException;

/**
 * Argument checks shared by every {@link Blas} backend, so that all of them reject the same bad calls
 * with the same message instead of reading outside an array or returning a silently wrong product.
 *
 * <p>A row-major operand with {@code rows} rows and {@code cols} columns stored at {@code off} with row
 * stride {@code ld} needs {@code ld >= max(1, cols)} and {@code off + (rows - 1) ld + cols <= length}.
 */
final class GemmArgs {

  private GemmArgs() {
  }

  static void check(boolean transA, boolean transB, int m, int n, int k,
                    double alpha, double[] a, int aOff, int lda,
                    double[] b, int bOff, int ldb,
                    double beta, double[] c, int cOff, int ldc) {
    if (m < 0 || n < 0 || k < 0) {
      throw InvalidInputException.of("dgemm: negative dimension m=%d n=%d k=%d", m, n, k);
    }
    if (!Double.isFinite(alpha) || !Double.isFinite(beta)) {
      throw InvalidInputException.of("dgemm: alpha=%s and beta=%s must be finite", alpha, beta);
    }
    operand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
    operand("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
    operand("C", c, cOff, ldc, m, n);
  }

  private static void operand(String name, double[] x, int off, int ld, int rows, int cols) {
    if (x == null) {
      throw InvalidInputException.of("dgemm: matrix %s is null", name);
    }
    if (off < 0) {
      throw InvalidInputException.of("dgemm: offset of %s is negative (%d)", name, off);
    }
    if (ld < Math.max(1, cols)) {
      throw InvalidInputException.of("dgemm: leading dimension of %s is %d < max(1, %d columns)",
          name, ld, cols);
    }
    if (rows > 0 && cols > 0) {
      long end = off + (long) (rows - 1) * ld + cols;
      if (end > x.length) {
        throw InvalidInputException.of(
            "dgemm: %s (%d x %d, offset %d, ld %d) needs %d elements but the array has %d",
            name, rows, cols, off, ld, end, x.length);
      }
    }
  }

  /**
   * Checks the arguments and handles the cases with no product to compute (an empty C, k = 0 or
   * alpha = 0: C = beta C). Returns true when the call is complete, false when the backend must
   * still add alpha op(A) op(B).
   */
  static boolean checkAndHandleTrivial(boolean transA, boolean transB, int m, int n, int k,
      double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
      double beta, double[] c, int cOff, int ldc) {
    check(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    if (m == 0 || n == 0) {
      return true;
    }
    if (k == 0 || alpha == 0) {
      scale(0, m, n, beta, c, cOff, ldc);
      return true;
    }
    return false;
  }

  /** C = beta C on the m x n block (beta = 0 overwrites, so NaN in C is ignored as in BLAS). */
  static void scale(int rowFrom, int rowTo, int n, double beta, double[] c, int cOff, int ldc) {
    if (beta == 1) {
      return;
    }
    for (int i = rowFrom; i < rowTo; i++) {
      int r = cOff + i * ldc;
      if (beta == 0) {
        java.util.Arrays.fill(c, r, r + n, 0.0);
      } else {
        for (int j = 0; j < n; j++) {
          c[r + j] *= beta;
        }
      }
    }
  }
}
