package ncverify.theory.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Moore-Penrose pseudo-inverse {@code A^+ = V diag(1/s_j) U^T} over the singular values
 * {@code s_j > RELATIVE_CUTOFF * s_max}; the others count as zero (docs/theory.md section 0: "eigenvalues /
 * singular values {@code <= 1e-10 x} the largest count as zero").
 */
public final class PseudoInverse {

  /** Singular values (or eigenvalues) at most this fraction of the largest one count as zero. */
  public static final double RELATIVE_CUTOFF = 1e-10;

  private PseudoInverse() {}

  /** Number of entries of {@code descending} (non-negative, sorted descending) above the cutoff. */
  public static int rank(double[] descending) {
    if (descending.length == 0 || descending[0] <= 0) {
      return 0;
    }
    double threshold = RELATIVE_CUTOFF * descending[0];
    int r = 0;
    while (r < descending.length && descending[r] > threshold) {
      r++;
    }
    return r;
  }

  /** The pseudo-inverse (n x m) of the m x n matrix {@code a} (not modified). */
  public static DMatrixRMaj of(DMatrixRMaj a) {
    DMatrixRMaj out = new DMatrixRMaj(a.numCols, a.numRows);
    if (a.getNumElements() == 0) {
      return out;
    }
    Svd svd = Svd.thin(a);
    double[] s = svd.s();
    int r = rank(s);
    DMatrixRMaj u = svd.u();
    DMatrixRMaj v = svd.v();
    for (int i = 0; i < a.numCols; i++) {
      for (int k = 0; k < a.numRows; k++) {
        double sum = 0;
        for (int j = 0; j < r; j++) {
          sum += v.get(i, j) * u.get(k, j) / s[j];
        }
        out.set(i, k, sum);
      }
    }
    return out;
  }
}
