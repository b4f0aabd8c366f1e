package ncverify.theory.linalg.blas;

/**
 * The one interface through which heavy matrix products go. All matrices are dense, row-major
 * {@code double[]} with an offset and a leading dimension (row stride), as in CBLAS row-major.
 *
 * <p>{@code C = alpha * op(A) * op(B) + beta * C}, with op(A) m x k, op(B) k x n, C m x n.
 */
public interface Blas {

  /** A short name for reports ({@code "openblas-jni"}, {@code "java"}, ...). */
  String name();

  void dgemm(boolean transA, boolean transB, int m, int n, int k,
             double alpha, double[] a, int aOff, int lda,
             double[] b, int bOff, int ldb,
             double beta, double[] c, int cOff, int ldc);

  /**
   * The Gram matrix {@code C = alpha A A^T + beta C} of an n x k row-major A (both triangles of the n x n
   * C are written); a backend may compute one triangle and mirror it (half the work of {@link #dgemm}).
   * C must be symmetric on entry when beta is not 0.
   */
  default void gram(int n, int k, double alpha, double[] a, int aOff, int lda, double beta, double[] c, int cOff,
      int ldc) {
    dgemm(false, true, n, n, k, alpha, a, aOff, lda, a, aOff, lda, beta, c, cOff, ldc);
  }

  /**
   * The triangular solve {@code B := L^{-1} B} in place, L m x m lower triangular with a non-zero diagonal (its
   * strict upper triangle is not read), B m x n (dtrsm, side left, lower, no transpose). This default is row
   * forward substitution, b_i := (b_i - sum_{j &lt; i} l_ij b_j) / l_ii, each row of B a vector operation; a
   * backend may call an optimized dtrsm (half the work of the product with an explicit L^{-1}, and backward
   * stable, which a product with a computed inverse is not).
   */
  default void trsmLower(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
    for (int i = 0; i < m; i++) {
      int bi = bOff + i * ldb;
      int li = lOff + i * ldl;
      for (int j = 0; j < i; j++) {
        double lij = l[li + j];
        if (lij != 0.0) {
          int bj = bOff + j * ldb;
          for (int t = 0; t < n; t++) {
            b[bi + t] -= lij * b[bj + t];
          }
        }
      }
      double lii = l[li + i];
      for (int t = 0; t < n; t++) {
        b[bi + t] /= lii;
      }
    }
  }
}
