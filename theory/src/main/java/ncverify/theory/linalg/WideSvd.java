package ncverify.theory.linalg;

import java.util.Arrays;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Singular values and left singular vectors of a wide matrix A (m x N, N much larger than m: features
 * with one column per sample) in a few passes over A through the fast backend, with the accuracy of a
 * backward-stable SVD (absolute error of order eps ||A|| on every singular value, so small singular
 * values are resolved down to the 1e-10 rank cutoff of docs/theory.md section 0), where EJML's SVD of
 * the whole m x N matrix would cost O(m^2 N) on one thread.
 *
 * <p>The work is a factor F (m x r) with A = F Q^T, Q (N x r) with orthonormal columns, so A A^T = F F^T
 * and A has the singular values and left singular vectors of F, which EJML decomposes (m x r is small).
 * F is built level by level:
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
 * about 4 m^2 N multiply-adds for a matrix without tiny singular values, plus O(m^3) in EJML.
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
    Svd svd = Svd.thin(f);
    double[] sf = svd.s();
    System.arraycopy(sf, 0, s, 0, Math.min(sf.length, p));
    return new Result(svd.u(), s);
  }

  /** F (m x r, r &lt;= m) with {@code a} = F Q^T, Q with orthonormal columns (so a a^T = F F^T). */
  public static DMatrixRMaj factor(DMatrixRMaj a) {
    Finite.require(a, "matrix");
    if (a.numCols < a.numRows) {
      throw new IllegalArgumentException("WideSvd needs N >= m, got " + a.numRows + "x" + a.numCols);
    }
    return level(Backends.best(), a.data, a.numRows, a.numCols, -1.0);
  }

  /**
   * One level on the rows x n row-major matrix z. {@code noiseSq} is (NOISE s_1(A))^2, or negative on
   * the first level (where it is set from the largest eigenvalue).
   */
  private static DMatrixRMaj level(Blas blas, double[] z, int rows, int n, double noiseSq) {
    double[] g = new double[rows * rows];
    blas.gram(rows, n, 1.0, z, 0, n, 0.0, g, 0, rows);
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
    double[] yhat = new double[rb * n];
    blas.dgemm(false, false, rb, n, rows, 1.0, scaledUbT, 0, rows, z, 0, n, 0.0, yhat, 0, n);
    double[] ghat = new double[rb * rb];
    blas.gram(rb, n, 1.0, yhat, 0, n, 0.0, ghat, 0, rb);
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
    DMatrixRMaj fs = level(blas, ys, ms, n, noise);
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
    symmetrize(g);
    CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(g.numRows, true);
    if (!chol.decompose(g.copy())) {
      throw new ArithmeticException("WideSvd: the scaled Gram matrix is not positive definite");
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
