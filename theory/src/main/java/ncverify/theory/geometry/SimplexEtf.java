package ncverify.theory.geometry;

import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.HaarOrthogonal;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The simplex equiangular tight frame: K unit vectors in R^d with pairwise cosine -1/(K-1), the
 * limit geometry of class means and classifier rows for balanced classes ([SELI] section 2; docs/theory.md
 * sections 1 and 2, {@code nc2_etf_means}). Constructed as
 * M = sqrt(K/(K-1)) Q B^T (d x K), B a K x (K-1) orthonormal basis of the complement of 1, Q a
 * d x (K-1) Haar partial orthogonal matrix from the seed, so M^T M = (K/(K-1)) (I_K - 11^T/K) for
 * every d >= K-1 and every seed; only the orientation depends on the seed.
 */
public final class SimplexEtf {

  private final DMatrixRMaj m;

  private SimplexEtf(DMatrixRMaj m) {
    this.m = m;
  }

  /** The simplex ETF of K vectors in R^d (K >= 2, d >= K-1), orientation drawn from {@code seed}. */
  public static SimplexEtf of(int k, int d, long seed) {
    if (k < 2) {
      throw InvalidInputException.of("a simplex ETF needs K >= 2 classes, got K = %d", k);
    }
    if (d < k - 1) {
      throw InvalidInputException.of("a simplex ETF of K = %d vectors needs d >= %d, got d = %d", k, k - 1, d);
    }
    DMatrixRMaj b = centeredBasis(k);
    DMatrixRMaj q = HaarOrthogonal.partial(d, k - 1, seed);
    DMatrixRMaj out = new DMatrixRMaj(d, k);
    CommonOps_DDRM.multTransB(q, b, out);
    CommonOps_DDRM.scale(Math.sqrt(k / (k - 1.0)), out);
    return new SimplexEtf(out);
  }

  /** The d x K matrix whose columns are the ETF vectors (a fresh copy). */
  public DMatrixRMaj matrix() {
    return m.copy();
  }

  public int numVectors() {
    return m.numCols;
  }

  public int dimension() {
    return m.numRows;
  }

  /** The Gram matrix every simplex ETF has: (K/(K-1)) (I_K - 11^T/K). */
  public static DMatrixRMaj gram(int k) {
    if (k < 2) {
      throw InvalidInputException.of("a simplex ETF needs K >= 2 classes, got K = %d", k);
    }
    DMatrixRMaj g = new DMatrixRMaj(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        g.set(i, j, i == j ? 1.0 : -1.0 / (k - 1));
      }
    }
    return g;
  }

  /**
   * An orthonormal basis (K x (K-1)) of {v : 1^T v = 0} (Helmert basis), so B B^T = I - 11^T/K.
   */
  static DMatrixRMaj centeredBasis(int k) {
    DMatrixRMaj b = new DMatrixRMaj(k, k - 1);
    for (int j = 0; j < k - 1; j++) {
      double norm = Math.sqrt((j + 1.0) * (j + 2.0));
      for (int i = 0; i <= j; i++) {
        b.set(i, j, 1.0 / norm);
      }
      b.set(j + 1, j, -(j + 1.0) / norm);
    }
    return b;
  }
}
