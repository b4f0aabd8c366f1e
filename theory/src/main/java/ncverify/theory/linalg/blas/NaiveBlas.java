package ncverify.theory.linalg.blas;

/**
 * Reference triple-loop {@link Blas}: slow, obviously correct, used as the oracle in backend tests.
 */
public final class NaiveBlas implements Blas {

  @Override
  public String name() {
    return "naive-java";
  }

  @Override
  public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                    double alpha, double[] a, int aOff, int lda,
                    double[] b, int bOff, int ldb,
                    double beta, double[] c, int cOff, int ldc) {
    GemmArgs.check(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          s += av * bv;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = alpha * s + (beta == 0 ? 0 : beta * c[ci]);
      }
    }
  }
}
