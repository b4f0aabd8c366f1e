package ncverify.theory.linalg;

import java.util.Arrays;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Singular values and left singular vectors of a wide matrix A (m x N, N much larger than m: features
 * with one column per sample) in a few passes over A through the fast backend, with the accuracy of a
 * backward-stable SVD (absolute error of order eps ||A|| on every singular value, so small singular
 * values are resolved down to the 1e-10 rank cutoff of docs/theory.md section 0), where EJML's SVD of
 * the whole m x N matrix would cost O(m^2 N) on one thread.
 *
 * <p>The work is a factor F (m x r) with A = F Q^T, Q (N x r) with orthonormal columns, so A A^T = F F^T
 * and A has the singular values and left singular vectors of F, which EJML decomposes (m x r is small).
 *
 * <p>First try, CholeskyQR2 (Yamamoto, Nakatsukasa, Yanagisawa and Fukaya, ETNA 44, 2015): the Cholesky
 * factor L_1 of G = A A^T, the rows Q_1^T = L_1^{-1} A by a triangular solve (backend), and the Cholesky
 * factor L_2 of Q_1^T Q_1; then A = L_1 L_2 Q_2^T with Q_2^T = L_2^{-1} Q_1^T, F = L_1 L_2 (m x m), and
 * Q_2 is never formed. The first pass loses orthogonality as eps kappa(A)^2; when ||Q_1^T Q_1 - I||_F &lt;=
 * {@value #CQR2_MAX_DEVIATION} the second pass (on a Q_1 of condition number at most 1.11) gives a Q_2
 * orthonormal to O(eps) and a residual ||A - F Q_2^T|| of O(eps ||A||): the accuracy of a backward-stable
 * SVD, for about 1.5 m^2 N multiply-adds and two m x m Cholesky factorizations (features with kappa(A)
 * up to about 1e7 take this path). Otherwise (rank deficiency, a graded spectrum) F is built level by
 * level:
 *
 * <ol>
 *   <li>G = A A^T (backend) and its eigendecomposition G = U diag(lambda) U^T (EJML, m x m).
 *   <li>The well-conditioned block: the directions with lambda_i &gt; {@value #TAU} lambda_1. Their rows
 *       Y_b = U_b^T A (backend: an orthogonal change of basis, backward stable) scaled by
 *       D^{-1} = diag(lambda_i^{-1/2}) have a Gram matrix within O(eps/TAU) of the identity, so its
 *       Cholesky factor L is exact to roundoff (Cholesky QR on a well-conditioned matrix):
 *       Y_b = D L Q_b^T with Q_b = (L^{-1} D^{-1} Y_b)^T orthonormal.
 *   <li>The rest, Y_s = U_s^T A, has its components along Q_b removed twice (C = Y_s Q_b, Y_s' = Y_s -
 *       C Q_b^T; "twice is enough") and is factored by the next level, Y_s' = F_s Q_s^T.
 *   <li>F = [U_b D L + U_s C, U_s F_s].
 * </ol>
 *
 * Each level removes at least one direction; a remainder below {@value #NOISE} x s_1(A) is roundoff
 * and is factored from its Gram matrix (its singular values lie far below the rank cutoff). Cost:
 * about 2 m^2 N multiply-adds per level, plus O(m^3) in EJML.
 */
public final class WideSvd {

  /** A matrix takes this path when it has at least this many times more columns than rows... */
  static final int WIDE_RATIO = 4;
  /** ... and at least this many elements (smaller ones go to EJML's SVD directly). */
  static final long MIN_ELEMENTS = 1L << 15;
  /** Eigenvalues of a level's Gram matrix above TAU x the largest form its well-conditioned block. */
  static final double TAU = 1e-8;
  /** A remainder whose largest singular value is below NOISE x s_1(A) is roundoff. */
  static final double NOISE = 1e-14;
  /**
   * CholeskyQR2 is used when the first pass's ||Q_1^T Q_1 - I||_F is at most this: then every singular
   * value of Q_1 lies in [0.94, 1.05] and the second pass is as accurate as Householder QR (the bound of
   * Yamamoto et al. needs ||Q_1^T Q_1 - I|| well below 1; 0.1 leaves room for the O(m N eps) terms).
   */
  static final double CQR2_MAX_DEVIATION = 0.1;

  /**
   * @param u left singular vectors belonging to the non-zero singular values (m x r, orthonormal columns)
   * @param s all min(m, N) singular values, descending (zeros after the first r)
   */
  public record Result(DMatrixRMaj u, double[] s) {
    public Result {
      u = u.copy();
      s = s.clone();
    }

    @Override
    public DMatrixRMaj u() {
      return u.copy();
    }

    @Override
    public double[] s() {
      return s.clone();
    }
  }

  private WideSvd() {}

  /** Whether {@code a} is wide and large enough for this path to beat a direct SVD. */
  public static boolean isWide(DMatrixRMaj a) {
    return a.numRows > 0 && a.numCols >= (long) WIDE_RATIO * a.numRows
        && (long) a.numRows * a.numCols >= MIN_ELEMENTS;
  }

  /** The singular values and left singular vectors of {@code a} (m x N with N &gt;= m; not modified). */
  public static Result of(DMatrixRMaj a) {
    int m = a.numRows;
    int p = Math.min(m, a.numCols);
    DMatrixRMaj f = factor(a);
    double[] s = new double[p];
    if (f.numCols == 0) {
      return new Result(new DMatrixRMaj(m, 0), s);
    }
    // U and the singular values of F (m x r, small); V is not needed
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m, f.numCols, true, false, true);
    if (!svd.decompose(f.copy())) {
      throw new ArithmeticException("SVD did not converge for a " + m + "x" + f.numCols + " matrix");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj w = svd.getW(null);
    SingularOps_DDRM.descendingOrder(u, false, w, null, false);
    int q = Math.min(m, f.numCols);
    for (int j = 0; j < Math.min(q, p); j++) {
      s[j] = w.get(j, j);
    }
    return new Result(CommonOps_DDRM.extract(u, 0, m, 0, q), s);
  }

  /**
   * F (m x r, r &lt;= m) with {@code a} = F Q^T, Q with orthonormal columns (so a a^T = F F^T). A NaN or infinite
   * entry of {@code a} is an {@link ncverify.theory.InvalidInputException} naming it (found by a scan of {@code a} only when the
   * Gram matrix is not finite: its diagonal holds the sum of squares of every row).
   */
  public static DMatrixRMaj factor(DMatrixRMaj a) {
    return factor(a, "matrix");
  }

  /** {@link #factor(DMatrixRMaj)}, a non-finite entry reported under {@code name}. */
  public static DMatrixRMaj factor(DMatrixRMaj a, String name) {
    if (a.numCols < a.numRows) {
      Finite.require(a, name);
      throw new IllegalArgumentException("WideSvd needs N >= m, got " + a.numRows + "x" + a.numCols);
    }
    Blas blas = Backends.best();
    int m = a.numRows;
    int n = a.numCols;
    double[] g = gram(blas, a);
    for (double v : g) {
      if (!Double.isFinite(v)) {
        Finite.require(a, name);
        break;
      }
    }
    DMatrixRMaj f = choleskyQr2(blas, a.data, m, n, g.clone());
    return f != null ? f : level(blas, a.data, m, n, -1.0, g);
  }

  /**
   * A factor F of a (a = F Q^T, {@link #factor}) and the singular values of a (those of F), without left
   * singular vectors.
   *
   * @param factor F, m x r
   * @param s all min(m, N) singular values, descending
   */
  public record Factorization(DMatrixRMaj factor, double[] s) {
    public Factorization {
      factor = factor.copy();
      s = s.clone();
    }

    @Override
    public DMatrixRMaj factor() {
      return factor.copy();
    }

    @Override
    public double[] s() {
      return s.clone();
    }
  }

  /** {@link #factor} and the singular values of {@code a} (m x N, N &gt;= m; not modified). */
  public static Factorization factorize(DMatrixRMaj a) {
    return factorize(a, "matrix");
  }

  /** {@link #factorize(DMatrixRMaj)}, a non-finite entry reported under {@code name}. */
  public static Factorization factorize(DMatrixRMaj a, String name) {
    DMatrixRMaj f = factor(a, name);
    return new Factorization(f, singularValuesOf(f, Math.min(a.numRows, a.numCols)));
  }

  /** The {@code min(m, N)} singular values of {@code a} (m x N, N &gt;= m; not modified), descending. */
  public static double[] singularValues(DMatrixRMaj a) {
    return singularValuesOf(factor(a), Math.min(a.numRows, a.numCols));
  }

  /**
   * The singular values of F (m x r, r &lt;= m: not wide, so EJML's values-only SVD in {@link Svd#singularValues}),
   * descending, padded with zeros to p.
   */
  private static double[] singularValuesOf(DMatrixRMaj f, int p) {
    return Arrays.copyOf(Svd.singularValues(f), p);
  }

  /** The CholeskyQR2 factor of {@code a} alone (no fallback), or null when it declines (tests). */
  static DMatrixRMaj choleskyQr2(DMatrixRMaj a) {
    Blas blas = Backends.best();
    return choleskyQr2(blas, a.data, a.numRows, a.numCols, gram(blas, a));
  }

  /** A A^T (m x m, row-major) through the backend. */
  private static double[] gram(Blas blas, DMatrixRMaj a) {
    double[] g = new double[a.numRows * a.numRows];
    blas.gram(a.numRows, a.numCols, 1.0, a.data, 0, a.numCols, 0.0, g, 0, a.numRows);
    return g;
  }

  /** Columns per block of a pass that never stores a whole m x N intermediate (about 16 MB per block). */
  private static int blockWidth(int rows, int n) {
    return (int) Math.max(256, Math.min(n, (1L << 21) / rows));
  }

  /**
   * F = L_1 L_2 by CholeskyQR2 (class comment), or null when the Gram matrix {@code g} (m x m, overwritten) is not
   * positive definite or the first pass lost too much orthogonality ({@link #CQR2_MAX_DEVIATION}).
   */
  private static DMatrixRMaj choleskyQr2(Blas blas, double[] z, int m, int n, double[] g) {
    DMatrixRMaj l1 = choleskyOrNull(new DMatrixRMaj(m, m, true, g));
    if (l1 == null) {
      return null;
    }
    // G_2 = Q_1^T Q_1 with Q_1^T = L_1^{-1} Z, block by block (Q_1 is never stored whole)
    int width = blockWidth(m, n);
    double[] yb = new double[m * Math.min(width, n)];
    double[] g2 = new double[m * m];
    for (int c0 = 0; c0 < n; c0 += width) {
      int w = Math.min(width, n - c0);
      for (int a = 0; a < m; a++) {
        System.arraycopy(z, a * n + c0, yb, a * w, w);
      }
      blas.trsmLower(m, w, l1.data, 0, m, yb, 0, w);
      blas.gram(m, w, 1.0, yb, 0, w, c0 == 0 ? 0.0 : 1.0, g2, 0, m);
    }
    double dev = 0.0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double d = g2[i * m + j] - (i == j ? 1.0 : 0.0);
        dev += d * d;
      }
    }
    if (!(Math.sqrt(dev) <= CQR2_MAX_DEVIATION)) {
      return null;
    }
    DMatrixRMaj l2 = choleskyOrNull(new DMatrixRMaj(m, m, true, g2));
    if (l2 == null) {
      return null;
    }
    double[] f = new double[m * m];
    blas.dgemm(false, false, m, m, m, 1.0, l1.data, 0, m, l2.data, 0, m, 0.0, f, 0, m);
    return new DMatrixRMaj(m, m, true, f);
  }

  /**
   * One level on the rows x n row-major matrix z. {@code noiseSq} is (NOISE s_1(A))^2, or negative on
   * the first level (where it is set from the largest eigenvalue).
   */
  private static DMatrixRMaj level(Blas blas, double[] z, int rows, int n, double noiseSq, double[] gram) {
    double[] g = gram;
    if (g == null) {
      g = new double[rows * rows];
      blas.gram(rows, n, 1.0, z, 0, n, 0.0, g, 0, rows);
    }
    Eig e = Eig.of(new DMatrixRMaj(rows, rows, true, g));
    double l1 = e.values[0];
    if (!(l1 > 0)) {
      return new DMatrixRMaj(rows, 0);
    }
    double noise = noiseSq < 0 ? NOISE * NOISE * l1 : noiseSq;
    if (l1 <= noise) {
      return e.factor();
    }
    int rb = 0;
    while (rb < rows && e.values[rb] > TAU * l1) {
      rb++;
    }
    // Yhat = D^{-1} U_b^T Z (rb x n)
    double[] scaledUbT = new double[rb * rows];
    for (int i = 0; i < rb; i++) {
      double inv = 1.0 / Math.sqrt(e.values[i]);
      for (int a = 0; a < rows; a++) {
        scaledUbT[i * rows + a] = e.vectors.get(a, i) * inv;
      }
    }
    double[] ghat = new double[rb * rb];
    double[] yhat = null;
    if (rb == rows) { // nothing left for a next level: Ghat block by block, Yhat is never stored whole
      int width = blockWidth(rows, n);
      double[] yb = new double[rb * width];
      for (int c0 = 0; c0 < n; c0 += width) {
        int w = Math.min(width, n - c0);
        blas.dgemm(false, false, rb, w, rows, 1.0, scaledUbT, 0, rows, z, c0, n, 0.0, yb, 0, w);
        blas.gram(rb, w, 1.0, yb, 0, w, c0 == 0 ? 0.0 : 1.0, ghat, 0, rb);
      }
    } else {
      yhat = new double[rb * n];
      blas.dgemm(false, false, rb, n, rows, 1.0, scaledUbT, 0, rows, z, 0, n, 0.0, yhat, 0, n);
      blas.gram(rb, n, 1.0, yhat, 0, n, 0.0, ghat, 0, rb);
    }
    DMatrixRMaj lower = cholesky(new DMatrixRMaj(rb, rb, true, ghat));
    // F_b = U_b D L (rows x rb)
    DMatrixRMaj ubd = new DMatrixRMaj(rows, rb);
    for (int a = 0; a < rows; a++) {
      for (int i = 0; i < rb; i++) {
        ubd.set(a, i, e.vectors.get(a, i) * Math.sqrt(e.values[i]));
      }
    }
    DMatrixRMaj fb = new DMatrixRMaj(rows, rb);
    CommonOps_DDRM.mult(ubd, lower, fb);
    int ms = rows - rb;
    if (ms == 0) {
      return fb;
    }
    // Q_b^T = L^{-1} Yhat (rb x n), rows orthonormal
    DMatrixRMaj linv = lower.copy();
    if (!CommonOps_DDRM.invert(linv)) {
      throw new ArithmeticException("WideSvd: singular Cholesky factor");
    }
    double[] q = new double[rb * n];
    blas.dgemm(false, false, rb, n, rb, 1.0, linv.data, 0, rb, yhat, 0, n, 0.0, q, 0, n);
    yhat = null;
    // Y_s = U_s^T Z (ms x n), then remove its components along Q_b twice
    double[] usT = new double[ms * rows];
    for (int i = 0; i < ms; i++) {
      for (int a = 0; a < rows; a++) {
        usT[i * rows + a] = e.vectors.get(a, rb + i);
      }
    }
    double[] ys = new double[ms * n];
    blas.dgemm(false, false, ms, n, rows, 1.0, usT, 0, rows, z, 0, n, 0.0, ys, 0, n);
    double[] c = new double[ms * rb];
    double[] ci = new double[ms * rb];
    for (int round = 0; round < 2; round++) {
      blas.dgemm(false, true, ms, rb, n, 1.0, ys, 0, n, q, 0, n, 0.0, ci, 0, rb);
      blas.dgemm(false, false, ms, n, rb, -1.0, ci, 0, rb, q, 0, n, 1.0, ys, 0, n);
      for (int i = 0; i < c.length; i++) {
        c[i] += ci[i];
      }
    }
    q = null;
    DMatrixRMaj fs = level(blas, ys, ms, n, noise, null);
    // F = [U_b D L + U_s C, U_s F_s]
    DMatrixRMaj us = new DMatrixRMaj(ms, rows, true, usT);
    DMatrixRMaj left = new DMatrixRMaj(rows, rb);
    CommonOps_DDRM.multTransA(us, new DMatrixRMaj(ms, rb, true, c), left);
    CommonOps_DDRM.addEquals(left, fb);
    DMatrixRMaj right = new DMatrixRMaj(rows, fs.numCols);
    CommonOps_DDRM.multTransA(us, fs, right);
    DMatrixRMaj f = new DMatrixRMaj(rows, rb + fs.numCols);
    CommonOps_DDRM.insert(left, f, 0, 0);
    CommonOps_DDRM.insert(right, f, 0, rb);
    return f;
  }

  /** Lower Cholesky factor of a symmetric positive definite matrix (the scaled Gram, close to I). */
  private static DMatrixRMaj cholesky(DMatrixRMaj g) {
    DMatrixRMaj l = choleskyOrNull(g);
    if (l == null) {
      throw new ArithmeticException("WideSvd: the scaled Gram matrix is not positive definite");
    }
    return l;
  }

  /** Lower Cholesky factor (strict upper triangle zero), or null when {@code g} is not positive definite. */
  private static DMatrixRMaj choleskyOrNull(DMatrixRMaj g) {
    symmetrize(g);
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(g.numRows, true);
    if (!chol.decompose(g.copy())) {
      return null;
    }
    DMatrixRMaj l = chol.getT(null);
    for (int i = 0; i < l.numRows; i++) {
      for (int j = i + 1; j < l.numCols; j++) {
        l.set(i, j, 0.0);
      }
    }
    return l;
  }

  private static void symmetrize(DMatrixRMaj g) {
    int n = g.numRows;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double v = 0.5 * (g.get(i, j) + g.get(j, i));
        g.set(i, j, v);
        g.set(j, i, v);
      }
    }
  }

  /** Symmetric eigendecomposition, eigenvalues descending, eigenvectors as columns. */
  private record Eig(double[] values, DMatrixRMaj vectors) {

    static Eig of(DMatrixRMaj g) {
      symmetrize(g);
      int n = g.numRows;
      EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
      if (!eig.decompose(g.copy())) {
        throw new ArithmeticException("WideSvd: symmetric eigendecomposition of a " + n + "x" + n + " Gram failed");
      }
      Integer[] order = new Integer[n];
      double[] raw = new double[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
        raw[i] = eig.getEigenvalue(i).real;
      }
      Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
      double[] values = new double[n];
      DMatrixRMaj vectors = new DMatrixRMaj(n, n);
      for (int j = 0; j < n; j++) {
        values[j] = raw[order[j]];
        DMatrixRMaj v = eig.getEigenVector(order[j]);
        double norm = Math.sqrt(CommonOps_DDRM.dot(v, v));
        for (int a = 0; a < n; a++) {
          vectors.set(a, j, v.get(a) / norm);
        }
      }
      return new Eig(values, vectors);
    }

    /** U diag(sqrt(lambda)) over the positive eigenvalues: a factor of the Gram itself. */
    DMatrixRMaj factor() {
      int n = values.length;
      int r = 0;
      while (r < n && values[r] > 0) {
        r++;
      }
      DMatrixRMaj f = new DMatrixRMaj(n, r);
      for (int a = 0; a < n; a++) {
        for (int j = 0; j < r; j++) {
          f.set(a, j, vectors.get(a, j) * Math.sqrt(values[j]));
        }
      }
      return f;
    }
  }
}
