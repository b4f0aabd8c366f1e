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
}
