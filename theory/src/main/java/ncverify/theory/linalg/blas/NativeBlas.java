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
  /**
   * Held during every call large enough for OpenBLAS to run on all its threads ({@link #THREADED_MULT_ADDS}): two
   * such calls from two Java threads at once (independent computations run side by side, {@code Parallel.both})
   * leave its threads spinning against each other (measured: {@code ncv check} at N = 50,000 took 1.4 s with the
   * calls overlapping and 1.27 s serialized, bench/README.md), and one such call uses all cores anyway. Smaller
   * calls run on the calling thread only and are not serialized (a campaign's tries call them side by side), nor is
   * any call when the library runs one thread per call ({@link #SINGLE_THREADED}, or inside
   * {@link BlasThreads#oneThreadPerCall}).
   */
  private static final Object LOCK = new Object();

  /**
   * Multiply-adds from which OpenBLAS 0.3 runs a call on several threads (its SMP_THRESHOLD_MIN x
   * GEMM_MULTITHREAD_THRESHOLD = 65536 x 4 for a product; used here for every call).
   */
  static final long THREADED_MULT_ADDS = 1L << 18;

  /**
   * Whether the system BLAS runs every call on the calling thread: started with {@code OPENBLAS_NUM_THREADS=1}
   * (read once; OpenBLAS reads it when the library loads). Such calls from different threads run side by side,
   * without {@link #LOCK} (serialized they would leave all but one core idle).
   */
  private static final boolean SINGLE_THREADED = "1".equals(System.getenv("OPENBLAS_NUM_THREADS"));

  /**
   * True while {@link BlasThreads#oneThreadPerCall} has set the library to one thread per call. Kept here, set from
   * there, so that a command that never switches never loads the shim.
   */
  static volatile boolean oneThreadPerCall;

  /** Runs one call into the library, under {@link #LOCK} when it is large enough to be threaded. */
  private static void call(long multAdds, Runnable jni) {
    if (SINGLE_THREADED || multAdds < THREADED_MULT_ADDS || oneThreadPerCall) {
      jni.run();
      return;
    }
    synchronized (LOCK) {
      jni.run();
    }
  }

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
    product(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  /**
   * dsyrk on one triangle, then mirrored. Row-major A (n x k, lda) is column-major A^T (k x n), so
   * A A^T = (A^T)^T A^T is dsyrk with trans = "T"; column-major upper is row-major lower.
   */
  @Override
  public void gram(int n, int k, double alpha, double[] a, int aOff, int lda, double beta, double[] c, int cOff,
      int ldc) {
    if (GemmArgs.checkAndHandleTrivial(false, true, n, n, k, alpha, a, aOff, lda, a, aOff, lda, beta, c, cOff,
        ldc)) {
      return;
    }
    if ((long) aOff + (long) n * lda > a.length || (long) cOff + (long) n * ldc > c.length) {
      product(false, true, n, n, k, alpha, a, aOff, lda, a, aOff, lda, beta, c, cOff, ldc); // see product
      return;
    }
    call((long) n * n * k, () -> blas.dsyrk("U", "T", n, k, alpha, a, aOff, lda, beta, c, cOff, ldc));
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        c[cOff + i * ldc + j] = c[cOff + j * ldc + i];
      }
    }
  }

  /** Rows of L at or below which {@link #trsmLower} calls dtrsm; above, it splits L (most work in dgemm). */
  static final int TRSM_LEAF = 32;

  /**
   * Recursive blocked forward substitution: with L = [L11 0; L21 L22] and B = [B1; B2], X1 = L11^{-1} B1,
   * then X2 = L22^{-1} (B2 - L21 X1), the update through {@link #dgemm}; blocks of at most {@value #TRSM_LEAF}
   * rows through dtrsm. OpenBLAS's dtrsm on 256 rows runs at half its dgemm rate (measured, bench/README.md);
   * the blocked form is backward stable like the unblocked one (Higham, Accuracy and Stability of Numerical
   * Algorithms, 2nd ed., section 13.1).
   */
  @Override
  public void trsmLower(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
    if (m <= TRSM_LEAF || n == 0) {
      leafTrsm(m, n, l, lOff, ldl, b, bOff, ldb);
      return;
    }
    int m1 = m / 2;
    trsmLower(m1, n, l, lOff, ldl, b, bOff, ldb);
    dgemm(false, false, m - m1, n, m1, -1.0, l, lOff + m1 * ldl, ldl, b, bOff, ldb, 1.0, b, bOff + m1 * ldb, ldb);
    trsmLower(m - m1, n, l, lOff + m1 * ldl + m1, ldl, b, bOff + m1 * ldb, ldb);
  }

  /**
   * dtrsm. Row-major L (m x m, ldl) is column-major L^T (upper) and row-major B (m x n, ldb) is column-major
   * B^T (n x m), so L X = B is X^T L^T = B^T: side "R", uplo "U", no transpose, on the n x m column-major B^T.
   * L (at most {@value #TRSM_LEAF} rows here) is copied to a compact m x m array first: netlib checks that an
   * operand extends over whole leading dimensions, which a diagonal block of a larger L does not.
   */
  private void leafTrsm(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
    if (m == 0 || n == 0) {
      return;
    }
    if (ldb < n || (long) bOff + (long) m * ldb > b.length) {
      Blas.super.trsmLower(m, n, l, lOff, ldl, b, bOff, ldb); // see product
      return;
    }
    double[] compact = new double[m * m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(l, lOff + i * ldl, compact, i * m, i + 1);
    }
    call((long) m * m * n, () -> blas.dtrsm("R", "U", "N", "N", n, m, 1.0, compact, 0, m, b, bOff, ldb));
  }

  /**
   * The JNI call. netlib checks that an operand extends over whole leading dimensions (offset + rows ld
   * &lt;= length for a row-major operand), stricter than BLAS itself (offset + (rows - 1) ld + cols): a
   * block in the middle of a wider matrix, e.g. samples i0.. of a d x N feature matrix, fails it. Such an
   * operand's last row is then computed separately from a compact copy of that row (one more call).
   */
  private void product(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff,
      int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
    if (m == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      GemmArgs.scale(0, m, n, beta, c, cOff, ldc);
      return;
    }
    int aRows = transA ? k : m;
    int aCols = transA ? m : k;
    if ((long) aOff + (long) aRows * lda > a.length) {
      double[] last = java.util.Arrays.copyOfRange(a, aOff + (aRows - 1) * lda, aOff + (aRows - 1) * lda + aCols);
      if (transA) { // the last row of A is the last index of k
        product(true, transB, m, n, k - 1, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        int bLast = transB ? bOff + k - 1 : bOff + (k - 1) * ldb;
        product(true, transB, m, n, 1, alpha, last, 0, aCols, b, bLast, ldb, 1.0, c, cOff, ldc);
      } else { // the last row of A is the last row of C
        product(false, transB, m - 1, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        product(false, transB, 1, n, k, alpha, last, 0, aCols, b, bOff, ldb, beta, c, cOff + (m - 1) * ldc, ldc);
      }
      return;
    }
    int bRows = transB ? n : k;
    int bCols = transB ? k : n;
    if ((long) bOff + (long) bRows * ldb > b.length) {
      double[] last = java.util.Arrays.copyOfRange(b, bOff + (bRows - 1) * ldb, bOff + (bRows - 1) * ldb + bCols);
      if (transB) { // the last row of B^T... is the last column of C
        product(transA, true, m, n - 1, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        product(transA, true, m, 1, k, alpha, a, aOff, lda, last, 0, bCols, beta, c, cOff + n - 1, ldc);
      } else { // the last row of B is the last index of k
        product(transA, false, m, n, k - 1, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        int aLast = transA ? aOff + (k - 1) * lda : aOff + k - 1;
        product(transA, false, m, n, 1, alpha, a, aLast, lda, last, 0, bCols, 1.0, c, cOff, ldc);
      }
      return;
    }
    call((long) m * n * k, () -> blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
        alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc));
  }
}
