package ncverify.theory.linalg.blas;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Pure-Java, cache-blocked, multi-threaded {@link Blas}: the fallback when no native BLAS loads.
 *
 * <p>C = alpha op(A) op(B) + beta C is cut into tiles of {@value #MC} rows x {@value #NC} columns of
 * C; each tile is one task, owned by exactly one thread. op(B) is packed once into contiguous
 * {@value #KC} x {@value #NC} panels, and for each k-panel the task packs alpha op(A) into a
 * contiguous {@value #MC} x {@value #KC} block and updates its C rows, two at a time, with a 4-way
 * unrolled AXPY over the columns (a loop the JIT vectorizes; about 15 GFLOP/s per core on an
 * AVX-512 machine). Each element c_ij is therefore summed in one fixed order
 * (k-panels ascending, within a panel groups of four products p, p+1, p+2, p+3), which depends
 * only on the block sizes, never on the thread count: the result is bit-for-bit the same for 1 or
 * 64 threads.
 */
public final class BlockedJavaBlas implements Blas {

  /** Rows of C per task. */
  static final int MC = 64;
  /** Depth (k) of one packed panel. */
  static final int KC = 128;
  /** Columns of C per task; a KC x NC panel of B (256 KiB) stays in L2. */
  static final int NC = 256;
  /** Below this many multiply-adds the product runs on the calling thread. */
  private static final long PARALLEL_THRESHOLD = 64L * 64 * 64;

  private final int threads;
  private final ForkJoinPool pool;

  /** A backend using every available processor. */
  public BlockedJavaBlas() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * A backend using {@code threads} worker threads (1 = run on the calling thread only). Each
   * instance owns a ForkJoinPool of daemon threads: create one and reuse it.
   */
  public BlockedJavaBlas(int threads) {
    if (threads < 1) {
      throw ncverify.theory.InvalidInputException.of("thread count must be >= 1, got %d", threads);
    }
    this.threads = threads;
    this.pool = threads == 1 ? null : new ForkJoinPool(threads);
  }

  /** Number of worker threads. */
  public int threads() {
    return threads;
  }

  @Override
  public String name() {
    return "java-blocked";
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
    double[] bp = packB(transB, n, k, b, bOff, ldb);
    int rowBlocks = (m + MC - 1) / MC;
    int colBlocks = (n + NC - 1) / NC;
    int tiles = rowBlocks * colBlocks;
    if (pool == null || tiles == 1 || (long) m * n * k < PARALLEL_THRESHOLD) {
      double[] ap = new double[MC * KC];
      for (int t = 0; t < tiles; t++) {
        tile(t / colBlocks, t % colBlocks, transA, m, n, k, alpha, a, aOff, lda, bp, beta, c, cOff,
            ldc, ap);
      }
      return;
    }
    List<ForkJoinTask<?>> tasks = new ArrayList<>(tiles);
    for (int t = 0; t < tiles; t++) {
      int ib = t / colBlocks;
      int jb = t % colBlocks;
      tasks.add(ForkJoinTask.adapt(() -> tile(ib, jb, transA, m, n, k, alpha, a, aOff, lda, bp,
          beta, c, cOff, ldc, new double[MC * KC])));
    }
    pool.invoke(ForkJoinTask.adapt(() -> ForkJoinTask.invokeAll(tasks)));
  }

  /**
   * Packs op(B) (k x n) into panels: k-panel q (rows q KC ..) holds kq x n elements starting at
   * q KC n, split into column panels of width NC, each stored row-major with row stride its width.
   */
  private static double[] packB(boolean transB, int n, int k, double[] b, int bOff, int ldb) {
    double[] bp = new double[k * n];
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      for (int j0 = 0; j0 < n; j0 += NC) {
        int nc = Math.min(NC, n - j0);
        int base = p0 * n + kc * j0;
        for (int p = 0; p < kc; p++) {
          int dst = base + p * nc;
          if (transB) {
            int src = bOff + j0 * ldb + p0 + p;
            for (int j = 0; j < nc; j++) {
              bp[dst + j] = b[src + j * ldb];
            }
          } else {
            System.arraycopy(b, bOff + (p0 + p) * ldb + j0, bp, dst, nc);
          }
        }
      }
    }
    return bp;
  }

  /** Computes the C tile (row block ib, column block jb) completely. */
  private static void tile(int ib, int jb, boolean transA, int m, int n, int k, double alpha,
                           double[] a, int aOff, int lda, double[] bp,
                           double beta, double[] c, int cOff, int ldc, double[] ap) {
    int i0 = ib * MC;
    int mc = Math.min(MC, m - i0);
    int j0 = jb * NC;
    int nc = Math.min(NC, n - j0);
    scaleTile(i0, mc, j0, nc, beta, c, cOff, ldc);
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      packA(transA, i0, mc, p0, kc, alpha, a, aOff, lda, ap);
      int bt = p0 * n + kc * j0;
      int i = 0;
      for (; i + 1 < mc; i += 2) {
        int cr = cOff + (i0 + i) * ldc + j0;
        pairOfRows(ap, i * kc, (i + 1) * kc, bp, bt, kc, nc, c, cr, cr + ldc);
      }
      if (i < mc) {
        oneRow(ap, i * kc, bp, bt, kc, nc, c, cOff + (i0 + i) * ldc + j0);
      }
    }
  }

  /**
   * Two rows of C at once (each B element loaded once for both): for every j,
   * c[r, j] += a[r, p] b[p, j] + a[r, p+1] b[p+1, j] + a[r, p+2] b[p+2, j] + a[r, p+3] b[p+3, j]
   * for p = 0, 4, 8, ..., then one product at a time for the last kc mod 4 values of p.
   */
  private static void pairOfRows(double[] ap, int ar, int as, double[] bp, int bt, int kc, int nc,
                                 double[] c, int cr, int cs) {
    int p = 0;
    for (; p + 3 < kc; p += 4) {
      double a0 = ap[ar + p];
      double a1 = ap[ar + p + 1];
      double a2 = ap[ar + p + 2];
      double a3 = ap[ar + p + 3];
      double e0 = ap[as + p];
      double e1 = ap[as + p + 1];
      double e2 = ap[as + p + 2];
      double e3 = ap[as + p + 3];
      int b0 = bt + p * nc;
      int b1 = b0 + nc;
      int b2 = b1 + nc;
      int b3 = b2 + nc;
      for (int j = 0; j < nc; j++) {
        double x0 = bp[b0 + j];
        double x1 = bp[b1 + j];
        double x2 = bp[b2 + j];
        double x3 = bp[b3 + j];
        c[cr + j] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        c[cs + j] += e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
      }
    }
    for (; p < kc; p++) {
      double a0 = ap[ar + p];
      double e0 = ap[as + p];
      int b0 = bt + p * nc;
      for (int j = 0; j < nc; j++) {
        double x0 = bp[b0 + j];
        c[cr + j] += a0 * x0;
        c[cs + j] += e0 * x0;
      }
    }
  }

  /** The same update for a single row, with exactly the same summation order. */
  private static void oneRow(double[] ap, int ar, double[] bp, int bt, int kc, int nc, double[] c,
                             int cr) {
    int p = 0;
    for (; p + 3 < kc; p += 4) {
      double a0 = ap[ar + p];
      double a1 = ap[ar + p + 1];
      double a2 = ap[ar + p + 2];
      double a3 = ap[ar + p + 3];
      int b0 = bt + p * nc;
      int b1 = b0 + nc;
      int b2 = b1 + nc;
      int b3 = b2 + nc;
      for (int j = 0; j < nc; j++) {
        c[cr + j] += a0 * bp[b0 + j] + a1 * bp[b1 + j] + a2 * bp[b2 + j] + a3 * bp[b3 + j];
      }
    }
    for (; p < kc; p++) {
      double a0 = ap[ar + p];
      int b0 = bt + p * nc;
      for (int j = 0; j < nc; j++) {
        c[cr + j] += a0 * bp[b0 + j];
      }
    }
  }

  private static void scaleTile(int i0, int mc, int j0, int nc, double beta, double[] c, int cOff,
                                int ldc) {
    if (beta == 1) {
      return;
    }
    for (int i = 0; i < mc; i++) {
      int r = cOff + (i0 + i) * ldc + j0;
      for (int j = 0; j < nc; j++) {
        c[r + j] = beta == 0 ? 0 : beta * c[r + j];
      }
    }
  }

  /** ap (mc x kc, row-major) = alpha op(A)[i0.., p0..]. */
  private static void packA(boolean transA, int i0, int mc, int p0, int kc, double alpha,
                            double[] a, int aOff, int lda, double[] ap) {
    if (transA) {
      for (int p = 0; p < kc; p++) {
        int src = aOff + (p0 + p) * lda + i0;
        for (int i = 0; i < mc; i++) {
          ap[i * kc + p] = alpha * a[src + i];
        }
      }
      return;
    }
    for (int i = 0; i < mc; i++) {
      int src = aOff + (i0 + i) * lda + p0;
      int dst = i * kc;
      for (int p = 0; p < kc; p++) {
        ap[dst + p] = alpha * a[src + p];
      }
    }
  }
}
