package ncverify.theory.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Thin singular value decomposition {@code A = U diag(s) V^T} of an m x n matrix with
 * {@code p = min(m, n)} singular values sorted in descending order: U is m x p, V is n x p, both with
 * orthonormal columns. The input is never modified.
 *
 * @param u left singular vectors (m x p)
 * @param s singular values, descending, length p
 * @param v right singular vectors (n x p)
 */
public record Svd(DMatrixRMaj u, double[] s, DMatrixRMaj v) {

  public Svd {
    u = u.copy();
    s = s.clone();
    v = v.copy();
  }

  /** A copy of the left singular vectors. */
  @Override
  public DMatrixRMaj u() {
    return u.copy();
  }

  /** A copy of the singular values. */
  @Override
  public double[] s() {
    return s.clone();
  }

  /** A copy of the right singular vectors. */
  @Override
  public DMatrixRMaj v() {
    return v.copy();
  }

  /** Thin SVD of {@code a} (not modified), singular values descending. */
  public static Svd thin(DMatrixRMaj a) {
    int m = a.numRows;
    int n = a.numCols;
    int p = Math.min(m, n);
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(m, n, true, true, true);
    if (!svd.decompose(a.copy())) {
      throw new ArithmeticException("SVD did not converge for a " + m + "x" + n + " matrix");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj w = svd.getW(null);
    DMatrixRMaj v = svd.getV(null, false);
    SingularOps_DDRM.descendingOrder(u, false, w, v, false);
    double[] s = new double[p];
    for (int j = 0; j < p; j++) {
      s[j] = w.get(j, j);
    }
    DMatrixRMaj uThin = CommonOps_DDRM.extract(u, 0, m, 0, p);
    DMatrixRMaj vThin = CommonOps_DDRM.extract(v, 0, n, 0, p);
    return new Svd(uThin, s, vThin);
  }

  /**
   * The {@code min(m, n)} singular values of {@code a} (not modified), descending. A wide matrix (one
   * column per sample, N much larger than m) goes through {@link WideSvd}: a few passes over it through
   * the fast backend instead of an SVD of the whole matrix.
   */
  public static double[] singularValues(DMatrixRMaj a) {
    if (a.getNumElements() == 0) {
      return new double[0];
    }
    if (WideSvd.isWide(a)) {
      return WideSvd.singularValues(a);
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(a.numRows, a.numCols, false, false, true);
    if (!svd.decompose(a.copy())) {
      throw new ArithmeticException("SVD did not converge for a " + a.numRows + "x" + a.numCols + " matrix");
    }
    double[] s = svd.getSingularValues().clone();
    int p = Math.min(a.numRows, a.numCols);
    double[] out = java.util.Arrays.copyOf(s, p);
    java.util.Arrays.sort(out);
    for (int i = 0; i < p / 2; i++) {
      double t = out[i];
      out[i] = out[p - 1 - i];
      out[p - 1 - i] = t;
    }
    return out;
  }

  /** Number of singular values {@code > RELATIVE_CUTOFF * s_max} ({@link PseudoInverse#RELATIVE_CUTOFF}). */
  public int rank() {
    return PseudoInverse.rank(s);
  }
}
