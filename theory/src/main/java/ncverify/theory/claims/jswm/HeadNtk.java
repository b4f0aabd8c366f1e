package ncverify.theory.claims.jswm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.linalg.WideSvd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The exact operator norm of the head-only empirical NTK of a linear head (docs/theory.md section 5,
 * [JSWM] Prop 5.3), at the cost of a few passes over the features instead of an iteration over
 * K x N matrices.
 *
 * <p>Theta(E) = sum_l B_l B_l^T E Z_{l-1}^T Z_{l-1} on K x N matrices E, with B_l = W_L ... W_{l+1}
 * (B_L = I_K) and Z_{l-1} = A_{l-1} Z_{L1} (A_{l-1} = W_{l-1} ... W_{L1+1}, A_{L1} = I). Write
 * Z_{L1} = F Q^T with Q (N x r) orthonormal columns and F (n_{L1} x r), r = rank(Z_{L1})
 * ({@link WideSvd#factor}). Then Z_{l-1}^T Z_{l-1} = Q M_l Q^T with M_l = (A_{l-1} F)^T (A_{l-1} F)
 * (r x r), Theta vanishes on every E with E Q = 0, and on E = X Q^T it acts as
 * X -&gt; sum_l P_l X M_l, P_l = B_l B_l^T (K x K). So
 *
 * <pre>
 *   ||Theta||_op = lambda_max( sum_l P_l (x) M_l ),   a symmetric PSD matrix of size K r.
 * </pre>
 *
 * <ul>
 *   <li>Two head layers: P_L = I and the eigenbasis of P_{L-1} = W_L W_L^T block-diagonalizes the sum
 *       into M_L + p_k M_{L-1} (p_k the eigenvalues of P_{L-1}); M_{L-1} is PSD, so the largest is at
 *       p_1 = ||W_L||_op^2: ||Theta||_op = lambda_max(M_L + ||W_L||_op^2 M_{L-1}). With
 *       M_L = (W_{L-1} F)^T (W_{L-1} F) and M_{L-1} = F^T F this is the stacked matrix's
 *       ||[W_{L-1} F; ||W_L||_op F]||_op^2: one singular value of an (n_{L-1} + n_{L1}) x r matrix, without
 *       forming the Grams.
 *   <li>More layers, K r &lt;= {@value #DENSE_MAX}: the K r x K r matrix, one symmetric eigensolve.
 *   <li>Otherwise: Lanczos with full reorthogonalization on X -&gt; sum_l P_l X M_l (cost O(K r^2 L2) per
 *       step), run until the residual bound of the largest Ritz value is below {@value #LANCZOS_TOL} of
 *       it, or the Krylov space is invariant or the whole space.
 * </ul>
 */
final class HeadNtk {

  /** Largest K r for the explicit Kronecker eigensolve with three or more head layers. */
  static final int DENSE_MAX = 400;
  /** Relative residual bound at which Lanczos stops. */
  static final double LANCZOS_TOL = 1e-14;
  private static final long SEED = 20261125L;

  private HeadNtk() {}

  /** ||Theta||_op for the head W_{L1+1}..W_L and the features Z_{L1} (n_{L1} x N) entering it. */
  static double opNorm(List<DMatrixRMaj> head, DMatrixRMaj zIn, int k) {
    if (WideSvd.isWide(zIn)) {
      return opNormFromFactor(head, WideSvd.factor(zIn), k);
    }
    return opNormFromFactor(head, zIn.numCols > zIn.numRows ? factor(Dense.svd(zIn)) : zIn, k);
  }

  /** U_r diag(s_r) over the non-zero singular values: Z = (U_r S_r) V_r^T, a factor for {@link #opNormFromFactor}. */
  static DMatrixRMaj factor(Dense.Svd svd) {
    double[] s = svd.s();
    int r = 0;
    while (r < s.length && s[r] > 0.0) {
      r++;
    }
    DMatrixRMaj u = svd.u();
    DMatrixRMaj f = new DMatrixRMaj(u.numRows, r);
    for (int a = 0; a < u.numRows; a++) {
      for (int j = 0; j < r; j++) {
        f.set(a, j, u.get(a, j) * s[j]);
      }
    }
    return f;
  }

  /**
   * ||Theta||_op from any F with Z_{L1}^T Z_{L1} = Q F^T F Q^T, i.e. Z_{L1} = F Q^T with Q orthonormal
   * columns (F = Z_{L1} itself, Q = I, is allowed).
   */
  static double opNormFromFactor(List<DMatrixRMaj> head, DMatrixRMaj f, int k) {
    int l2 = head.size();
    int r = f.numCols;
    if (r == 0) {
      return 0.0;
    }
    if (l2 == 2) {
      double p1 = Dense.opNorm(head.get(1));
      DMatrixRMaj x = Dense.mult(head.get(0), f); // W_{L-1} F
      DMatrixRMaj stacked = new DMatrixRMaj(x.numRows + f.numRows, r);
      CommonOps_DDRM.insert(x, stacked, 0, 0);
      for (int i = 0; i < f.numRows; i++) {
        for (int j = 0; j < r; j++) {
          stacked.set(x.numRows + i, j, p1 * f.get(i, j));
        }
      }
      double s1 = Dense.opNorm(stacked);
      return s1 * s1;
    }
    List<DMatrixRMaj> m = new ArrayList<>();
    DMatrixRMaj x = f;
    for (int j = 0; j < l2; j++) {
      m.add(Dense.multTransA(x, x));
      x = Dense.mult(head.get(j), x);
    }
    List<DMatrixRMaj> p = new ArrayList<>();
    for (int j = 0; j < l2; j++) {
      DMatrixRMaj after = CommonOps_DDRM.identity(k);
      for (int t = l2 - 1; t > j; t--) {
        after = Dense.mult(after, head.get(t));
      }
      p.add(Dense.multTransB(after, after));
    }
    if ((long) k * r <= DENSE_MAX) {
      return Dense.lambdaMaxSym(kroneckerSum(p, m));
    }
    return lanczosMax(p, m, k, r);
  }

  /** sum_l P_l (x) M_l, indexed (row of X) r + (column of X), i.e. vec of X row by row. */
  static DMatrixRMaj kroneckerSum(List<DMatrixRMaj> p, List<DMatrixRMaj> m) {
    int k = p.get(0).numRows;
    int r = m.get(0).numRows;
    DMatrixRMaj theta = new DMatrixRMaj(k * r, k * r);
    for (int j = 0; j < p.size(); j++) {
      DMatrixRMaj pj = p.get(j);
      DMatrixRMaj mj = m.get(j);
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          double pv = pj.get(a, b);
          if (pv == 0.0) {
            continue;
          }
          for (int s = 0; s < r; s++) {
            int row = (a * r + s) * k * r + b * r;
            for (int t = 0; t < r; t++) {
              theta.data[row + t] += pv * mj.get(s, t);
            }
          }
        }
      }
    }
    return theta;
  }

  /** The largest eigenvalue of X -&gt; sum_l P_l X M_l (K x r matrices) by Lanczos with full reorthogonalization. */
  static double lanczosMax(List<DMatrixRMaj> p, List<DMatrixRMaj> m, int k, int r) {
    int dim = k * r;
    List<double[]> basis = new ArrayList<>();
    double[] alpha = new double[dim];
    double[] beta = new double[dim];
    double[] v = new double[dim];
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < dim; i++) {
      v[i] = rnd.nextDouble(-1, 1);
    }
    scale(v, 1.0 / norm(v));
    double theta = 0.0;
    for (int j = 0; j < dim; j++) {
      basis.add(v);
      double[] w = apply(p, m, v, k, r);
      alpha[j] = dot(w, v);
      for (int pass = 0; pass < 2; pass++) {
        for (double[] q : basis) {
          axpy(-dot(w, q), q, w);
        }
      }
      beta[j] = norm(w);
      boolean last = j + 1 == dim || beta[j] <= LANCZOS_TOL * Math.abs(alpha[j]);
      if (last || j < 24 || j % 8 == 0) { // the tridiagonal eigensolve costs O(j^3): not at every step
        double[] ritz = topRitz(alpha, beta, j + 1);
        theta = ritz[0];
        if (last || beta[j] <= LANCZOS_TOL * theta || beta[j] * Math.abs(ritz[1]) <= LANCZOS_TOL * theta) {
          return theta;
        }
      }
      v = w;
      scale(v, 1.0 / beta[j]);
    }
    return theta;
  }

  /** sum_l P_l X M_l with X = v read row by row (K x r). */
  private static double[] apply(List<DMatrixRMaj> p, List<DMatrixRMaj> m, double[] v, int k, int r) {
    DMatrixRMaj x = new DMatrixRMaj(k, r, true, v);
    DMatrixRMaj out = new DMatrixRMaj(k, r);
    DMatrixRMaj px = new DMatrixRMaj(k, r);
    for (int j = 0; j < p.size(); j++) {
      CommonOps_DDRM.mult(p.get(j), x, px);
      CommonOps_DDRM.multAdd(px, m.get(j), out);
    }
    return out.data;
  }

  /**
   * The largest eigenvalue of the j x j tridiagonal Lanczos matrix and the last component of its unit
   * eigenvector (the residual of the Ritz pair is beta_j times that component).
   */
  private static double[] topRitz(double[] alpha, double[] beta, int j) {
    DMatrixRMaj t = new DMatrixRMaj(j, j);
    for (int i = 0; i < j; i++) {
      t.set(i, i, alpha[i]);
      if (i + 1 < j) {
        t.set(i, i + 1, beta[i]);
        t.set(i + 1, i, beta[i]);
      }
    }
    var eig = org.ejml.dense.row.factory.DecompositionFactory_DDRM.eig(j, true, true);
    if (!eig.decompose(t)) {
      throw new ArithmeticException("Lanczos: tridiagonal eigendecomposition failed");
    }
    int best = 0;
    for (int i = 1; i < j; i++) {
      if (eig.getEigenvalue(i).real > eig.getEigenvalue(best).real) {
        best = i;
      }
    }
    DMatrixRMaj vec = eig.getEigenVector(best);
    double last = vec.get(j - 1) / Math.sqrt(CommonOps_DDRM.dot(vec, vec));
    return new double[] {eig.getEigenvalue(best).real, last};
  }

  private static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static void scale(double[] a, double c) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= c;
    }
  }

  private static void axpy(double c, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += c * x[i];
    }
  }
}
