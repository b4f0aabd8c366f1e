package ncverify.theory.linalg.blas;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link Blas} through JNI into the system BLAS (OpenBLAS when the Debian package
 * {@code libopenblas0-pthread} provides {@code libblas.so.3}), via {@code dev.ludovic.netlib}.
 *
 * <p>Fortran BLAS is column-major, and a row-major m x n matrix with row stride ld is the same
 * memory as its column-major n x m transpose with leading dimension ld. So the row-major product
 * C = alpha op(A) op(B) + beta C is computed as the column-major product
 * C^T = alpha op(B)^T op(A)^T + beta C^T: operands swapped, m and n swapped, transpose flags and
 * leading dimensions unchanged.
 */
public final class NativeBlas implements Blas {

  /** Held strongly so that the level set in {@link #load()} is not lost to garbage collection. */
  private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");

  private final NativeBLAS blas;

  private NativeBlas(NativeBLAS blas) {
    this.blas = blas;
  }

  /**
   * The native backend, or empty when no system BLAS can be loaded. Never throws, and keeps the
   * netlib loader quiet (its logger is raised to SEVERE unless the user configured a level).
   */
  public static Optional<NativeBlas> load() {
    if (NETLIB_LOG.getLevel() == null) {
      NETLIB_LOG.setLevel(Level.SEVERE);
    }
    try {
      return Optional.of(new NativeBlas(NativeBLAS.getInstance()));
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "native-" + blas.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                    double alpha, double[] a, int aOff, int lda,
                    double[] b, int bOff, int ldb,
                    double beta, double[] c, int cOff, int ldc) {
    if (GemmArgs.checkAndHandleTrivial(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff,
        ldc)) {
      return;
    }
    blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
        alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
  }
}
