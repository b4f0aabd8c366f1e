package ncverify.theory.geometry.dufm;

/**
 * An interval of the common regularizer lambda (same for every W_l and H_1) in which DNC has
 * collapsed to the zero solution (L_DNC = 1/2) while the low-rank construction is still non-trivial
 * (loss below 1/2) [DUFM] (docs/theory.md section 4, claim (6)).
 *
 * @param lower the DNC collapse threshold 2 C*(L) / (K (L+1) n^{1/(L+1)}) (exact)
 * @param upper the largest lambda at which the optimized construction is non-trivial (bisection)
 */
public record LambdaWindow(double lower, double upper) {

  /** True iff lambda lies strictly inside the window. */
  public boolean contains(double lambda) {
    return lambda > lower && lambda < upper;
  }
}
