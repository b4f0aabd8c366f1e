package ncverify.theory.geometry.dufm;

import java.util.Optional;

/**
 * Which of DNC and the low-rank T(r)/Kneser construction is better on an L-DUFM instance, and where
 * DNC has collapsed while the construction has not [DUFM] (docs/theory.md section 4). The expected
 * regime: K = 2 or L = 1, DNC optimal (no construction); L = 2, no construction beats DNC; L >= 4,
 * K >= 6 and L = 3, K >= 10, the construction is strictly below L_DNC whenever L_DNC < 1/2.
 */
public final class DeepUfmRegime {

  /** The construction beats DNC only if its loss is lower by more than this (ties at L = 2). */
  public static final double STRICT_MARGIN = 1e-9;

  private final LowRankConstruction construction;

  public DeepUfmRegime(LowRankConstruction construction) {
    this.construction = construction;
  }

  /** With {@link LowRankConstruction#defaults()}. */
  public static DeepUfmRegime defaults() {
    return new DeepUfmRegime(LowRankConstruction.defaults());
  }

  /**
   * Compares DNC and the construction; lambdas is one value (for every W_l and H_1) or L + 1 values
   * (lambda_1..lambda_L, lambda_H).
   */
  public static RegimeComparison compare(int numClasses, int depth, int samplesPerClass,
      double... lambdas) {
    return defaults().compare(DufmParameters.of(numClasses, depth, samplesPerClass, lambdas));
  }

  /** Compares DNC and the best construction on the instance. */
  public RegimeComparison compare(DufmParameters p) {
    DncSolution dnc = DncSolution.of(p);
    Optional<LowRankSolution> c =
        p.numClasses() == 2 ? Optional.empty() : construction.best(p);
    boolean dncOptimal = c.map(s -> !(s.loss() < dnc.loss() - STRICT_MARGIN)).orElse(true);
    return new RegimeComparison(p, dnc, c, dncOptimal);
  }

  /** The common lambda at which DNC collapses: C_DNC = C*(L), i.e. 2 C*(L) / (K (L+1) n^{1/(L+1)}). */
  public static double dncCollapseLambda(int numClasses, int depth, int samplesPerClass) {
    DufmParameters.uniform(numClasses, depth, samplesPerClass, 1.0); // validates
    return 2 * DncLoss.criticalC(depth)
        / (numClasses * (depth + 1) * Math.pow(samplesPerClass, 1.0 / (depth + 1)));
  }

  /**
   * The window of common lambdas where DNC is the zero solution but the optimized construction is
   * still non-trivial; empty if the construction is already trivial at the DNC collapse. The upper
   * end is located by bisection to the given relative precision.
   */
  public Optional<LambdaWindow> collapseWindow(int numClasses, int depth, int samplesPerClass,
      double relativePrecision) {
    double lower = dncCollapseLambda(numClasses, depth, samplesPerClass);
    if (!nonTrivial(numClasses, depth, samplesPerClass, lower)) {
      return Optional.empty();
    }
    double lo = lower;
    double hi = lower * 1.25;
    int grow = 0;
    while (nonTrivial(numClasses, depth, samplesPerClass, hi)) {
      lo = hi;
      hi *= 1.25;
      if (++grow > 60) {
        throw new IllegalStateException("construction stays non-trivial for every lambda");
      }
    }
    while ((hi - lo) > relativePrecision * lo) {
      double mid = 0.5 * (lo + hi);
      if (nonTrivial(numClasses, depth, samplesPerClass, mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Optional.of(new LambdaWindow(lower, lo));
  }

  private boolean nonTrivial(int k, int depth, int n, double lambda) {
    return construction.best(DufmParameters.uniform(k, depth, n, lambda))
        .map(LowRankSolution::nonTrivial).orElse(false);
  }
}
