package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.PseudoInverse;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/**
 * Condition numbers of a matrix A in R^{m x n} (docs/theory.md section 1, keys {@code cond},
 * {@code cond_plus}; [DUFM] low-rank versus collapse, [JSWM]'s NC2):
 *
 * <pre>
 *   cond(A)      = s_1 / s_p over all p = min(m, n) singular values;
 *                  Double.POSITIVE_INFINITY when s_p is exactly 0;
 *   cond_plus(A) = s_1 / s_r over the non-zero ones, s_j > 1e-10 s_1.
 * </pre>
 *
 * @param cond s_max/s_min over the min(m, n) singular values (may be infinite)
 * @param condPlus s_max/s_min over the singular values above the cutoff (finite)
 */
public record Conditioning(double cond, double condPlus) {

  /**
   * Both condition numbers of {@code a}.
   *
   * @throws InvalidInputException if {@code a} is empty or zero (no non-zero singular value)
   */
  public static Conditioning of(DMatrixRMaj a) {
    ncverify.theory.linalg.Finite.require(a, "matrix");
    double[] s = Svd.singularValues(a);
    if (s.length == 0 || s[0] == 0) {
      throw InvalidInputException.of("a %dx%d zero matrix has no condition number", a.numRows, a.numCols);
    }
    double min = s[s.length - 1];
    double cond = min == 0 ? Double.POSITIVE_INFINITY : s[0] / min;
    int r = PseudoInverse.rank(s);
    return new Conditioning(cond, s[0] / s[r - 1]);
  }

  /** cond(A) = s_max/s_min over min(m, n) singular values; +Infinity if s_min = 0. */
  public static double cond(DMatrixRMaj a) {
    return of(a).cond();
  }

  /** cond_plus(A) = s_max/s_min over the singular values above 1e-10 s_max. */
  public static double condPlus(DMatrixRMaj a) {
    return of(a).condPlus();
  }
}
