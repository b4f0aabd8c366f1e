package ncverify.theory.claims.ufm;

import ncverify.theory.InvalidInputException;

/** Shared tolerance of the loss comparisons of the UFM claims: |tol| = ABS + REL x |reference loss|. */
final class UfmLossClaims {

  /** Relative part of the loss tolerance (optimizer precision, not looseness). */
  static final double REL = 1e-6;
  /** Absolute part of the loss tolerance. */
  static final double ABS = 1e-9;

  private UfmLossClaims() {
  }

  static double tolerance(double reference) {
    if (Double.isNaN(reference)) {
      throw new InvalidInputException("reference loss is NaN");
    }
    return ABS + REL * Math.abs(reference);
  }
}
