package ncverify.theory.claims.jswm;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.Products;
import ncverify.theory.linalg.WideSvd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Small dense helpers (EJML SVD/eig) private to the [JSWM] claims: norms, conditioning over the
 * non-zero singular values (cutoff {@link #CUTOFF} x the largest, docs/theory.md section 0), projectors.
 */
final class Dense {

  /** Singular values at most this fraction of the largest count as zero (docs/theory.md section 0). */
  static final double CUTOFF = ncverify.theory.linalg.PseudoInverse.RELATIVE_CUTOFF;

  private Dense() {
  }

  /** Compact SVD with singular values in descending order: a = U diag(s) V^T. */
  record Svd(DMatrixRMaj u, double[] s, DMatrixRMaj v) {
    /** Number of singular values above {@link #CUTOFF} x the largest. */
    int rank() {
      return Dense.rank(s);
    }
  }

  /** Number of the descending singular values {@code s} above {@link #CUTOFF} x the largest. */
  static int rank(double[] s) {
    if (s.length == 0 || s[0] == 0.0) {
      return 0;
    }
    int r = 0;
    while (r < s.length && s[r] > CUTOFF * s[0]) {
      r++;
    }
    return r;
  }

  /**
   * A factor F and the singular values of a (a = F Q^T, Q orthonormal columns; no singular vectors): a wide matrix
   * through {@link WideSvd#factorize} (a non-finite entry is an error naming {@code name} and the entry), any other
   * from its thin SVD (F = U_r S_r over the non-zero singular values).
   */
  static WideSvd.Factorization factored(DMatrixRMaj a, String name) {
    if (WideSvd.isWide(a)) {
      return WideSvd.factorize(a, name);
    }
    Svd d = svd(a);
    return new WideSvd.Factorization(HeadNtk.factor(d), d.s());
  }

  /**
   * Thin SVD, singular values descending (delegates to {@link ncverify.theory.linalg.Svd#thin}). A wide
   * matrix (features, one column per sample) goes through {@link WideSvd}: U over the non-zero singular
   * values, all singular values, and no V (null).
   */
  static Svd svd(DMatrixRMaj a) {
    if (WideSvd.isWide(a)) {
      WideSvd.Result w = WideSvd.of(a);
      return new Svd(w.u(), w.s(), null);
    }
    ncverify.theory.linalg.Svd t;
    try {
      t = ncverify.theory.linalg.Svd.thin(a);
    } catch (ArithmeticException e) {
      throw InvalidInputException.of("SVD of a %dx%d matrix failed", a.numRows, a.numCols);
    }
    return new Svd(t.u(), t.s(), t.v());
  }

  /** Singular values in descending order. */
  static double[] singularValues(DMatrixRMaj a) {
    return ncverify.theory.linalg.Svd.singularValues(a);
  }

  static double opNorm(DMatrixRMaj a) {
    return Norms.op(a);
  }

  static double frob(DMatrixRMaj a) {
    return Norms.frobenius(a);
  }

  /** kappa(a) = s_1/s_+ over the non-zero singular values; throws for the zero matrix. */
  static double kappa(DMatrixRMaj a, String name) {
    return kappa(svd(a), name);
  }

  /** kappa from a computed SVD. */
  static double kappa(Svd d, String name) {
    int r = d.rank();
    if (r == 0) {
      throw InvalidInputException.of("kappa(%s) is undefined: the matrix is zero", name);
    }
    return d.s()[0] / d.s()[r - 1];
  }

  /** The k-th largest singular value (1-based), 0 when k exceeds min(m, n). */
  static double sigma(DMatrixRMaj a, int k) {
    double[] s = singularValues(a);
    return k <= s.length ? s[k - 1] : 0.0;
  }

  /** I - V_r V_r^T: orthogonal projector onto ker(a) (n x n for a m x n). */
  static DMatrixRMaj kernelProjector(DMatrixRMaj a) {
    Svd d = svd(a);
    int r = d.rank();
    DMatrixRMaj p = CommonOps_DDRM.identity(a.numCols);
    for (int i = 0; i < a.numCols; i++) {
      for (int j = 0; j < a.numCols; j++) {
        double acc = 0;
        for (int t = 0; t < r; t++) {
          acc += d.v().get(i, t) * d.v().get(j, t);
        }
        p.add(i, j, -acc);
      }
    }
    return p;
  }

  /** U_r U_r^T: orthogonal projector onto col(a) (m x m for a m x n). */
  static DMatrixRMaj columnProjector(DMatrixRMaj a) {
    return columnProjector(svd(a), a.numRows);
  }

  /** U_r U_r^T from a computed SVD of an m x n matrix. */
  static DMatrixRMaj columnProjector(Svd d, int m) {
    DMatrixRMaj ur = CommonOps_DDRM.extract(d.u(), 0, m, 0, d.rank());
    return multTransB(ur, ur);
  }

  /** Largest eigenvalue of a symmetric matrix. */
  static double lambdaMaxSym(DMatrixRMaj a) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
    if (!eig.decompose(a.copy())) {
      throw InvalidInputException.of("symmetric eigendecomposition of a %dx%d matrix failed", a.numRows,
          a.numCols);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < a.numRows; i++) {
      max = Math.max(max, eig.getEigenvalue(i).real);
    }
    return max;
  }

  /** a b (large products through the fast backend, {@link Products}). */
  static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    return Products.mult(a, b);
  }

  /** a^T b. */
  static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
    return Products.multTransA(a, b);
  }

  /** a b^T. */
  static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
    return Products.multTransB(a, b);
  }

  static DMatrixRMaj minus(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols);
    CommonOps_DDRM.subtract(a, b, c);
    return c;
  }

  /** W_{l+1}^T W_{l+1} - W_l W_l^T. */
  static DMatrixRMaj balanceGap(DMatrixRMaj wl, DMatrixRMaj wNext) {
    return minus(multTransA(wNext, wNext), multTransB(wl, wl));
  }
}
