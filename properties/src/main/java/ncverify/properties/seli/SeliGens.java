package ncverify.properties.seli;

import ncverify.properties.engine.Gen;
import ncverify.properties.gen.UfmGens;

/**
 * Class sizes of the [SELI] studies (docs/theory.md section 2), up to {@code nMax} per class so that
 * R = n_max/n_min reaches nMax (100 in the campaign). Imbalanced ({@link #imbalancedSizes}): (R, rho)-STEP
 * three times in four (the STEP closed-form claim needs them, and STEP with one minority class among many is
 * where the rate converges slowest), random sizes otherwise; STEP has n_min in 1..5, R in 2..nMax/n_min and
 * 1..K-1 minority classes listed last. Balanced ({@link #balancedSizes}) for the balanced-ETF study.
 */
public final class SeliGens {

  /** Largest minority size of a STEP case (small minorities are the hard, informative ones). */
  public static final int STEP_MAX_NMIN = 5;

  private SeliGens() {
  }

  /** Equal sizes n in 1..nMax for {@code k} classes, shrinking toward one sample per class. */
  public static Gen<UfmGens.Sizes> balancedSizes(int k, int nMax) {
    return UfmGens.balancedSizes(k, nMax);
  }

  /** STEP or random sizes of {@code k} classes, each in 1..nMax, shrinking toward small STEP cases. */
  public static Gen<UfmGens.Sizes> imbalancedSizes(int k, int nMax) {
    Gen<UfmGens.Sizes> step = UfmGens.stepSizes(k, Math.min(STEP_MAX_NMIN, Math.max(1, nMax / 2)), nMax);
    return Gen.oneOf(step, step, step, UfmGens.randomSizes(k, nMax));
  }
}
