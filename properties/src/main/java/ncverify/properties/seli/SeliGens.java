package ncverify.properties.seli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    return Gen.integers(1, nMax).map(n -> new UfmGens.Sizes(UfmGens.Profile.BALANCED, Collections.nCopies(k, n)));
  }

  /** STEP or random sizes of {@code k} classes, each in 1..nMax, shrinking toward small STEP cases. */
  public static Gen<UfmGens.Sizes> imbalancedSizes(int k, int nMax) {
    Gen<UfmGens.Sizes> step = Gen.integers(1, Math.min(STEP_MAX_NMIN, Math.max(1, nMax / 2))).flatMap(nMin ->
        Gen.integers(2, Math.max(2, nMax / nMin)).flatMap(r ->
            Gen.integers(1, k - 1).map(minority -> {
              List<Integer> sizes = new ArrayList<>();
              for (int c = 0; c < k; c++) {
                sizes.add(c < k - minority ? r * nMin : nMin);
              }
              return new UfmGens.Sizes(UfmGens.Profile.STEP, sizes);
            })));
    Gen<UfmGens.Sizes> random = Gen.listsOf(Gen.integers(1, nMax), k)
        .map(s -> new UfmGens.Sizes(UfmGens.Profile.RANDOM, s));
    return Gen.oneOf(step, step, step, random);
  }
}
