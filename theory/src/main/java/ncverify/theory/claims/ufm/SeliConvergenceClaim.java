package ncverify.theory.claims.ufm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [SELI] convergence to the SELI geometry as lambda -&gt; 0 (docs/theory.md section 2): for the CE UFM with
 * ridge lambda, ndist(W W^T, (Zhat Zhat^T)^{1/2}) decreases as lambda decreases and is small at the
 * smallest lambda (only like 1/log(1/lambda) with imbalance, exactly 0 for balanced data).
 *
 * <p>Quantities: {@code points} = m &gt;= 2, {@code lambda_1..lambda_m}, {@code dist_1..dist_m}
 * (ndist of G_W to SELI at each lambda, any order), {@code converged} (1 when every run passed its
 * convergence check). Conclusion: along decreasing lambda no distance increases by more than
 * {@code monotoneSlack}, and the distance at the smallest lambda is at most {@code threshold}.
 * The threshold is ours (default {@link #DEFAULT_THRESHOLD}); the paper proves the limit, not a rate.
 */
public final class SeliConvergenceClaim extends AbstractClaim {

  /** Quantity: number of lambdas m. */
  public static final String POINTS = "points";
  /** Quantity: 1 when every run converged. */
  public static final String CONVERGED = "converged";
  /** Default threshold on the distance at the smallest lambda (docs/theory.md: ~0.065 at 1e-3, K=4, R=10). */
  public static final double DEFAULT_THRESHOLD = 0.1;
  /** Default allowance for a non-decrease between consecutive lambdas (optimizer noise). */
  public static final double DEFAULT_MONOTONE_SLACK = 1e-3;

  private final double threshold;
  private final double monotoneSlack;

  public SeliConvergenceClaim() {
    this(DEFAULT_THRESHOLD, DEFAULT_MONOTONE_SLACK);
  }

  public SeliConvergenceClaim(double threshold, double monotoneSlack) {
    super("seli.convergence", Paper.SELI, "Thm (SELI limit as lambda -> 0), Sec. 2 of docs/theory.md",
        "As the ridge lambda -> 0, the CE UFM's Gram W W^T converges (up to scale) to the SELI geometry"
            + " (Zhat Zhat^T)^{1/2}, Zhat = (I - 11^T/K) Y: the distance decreases with lambda and is small"
            + " at the smallest lambda.",
        List.of(POINTS, CONVERGED));
    if (!(threshold >= 0) || !(monotoneSlack >= 0)) {
      throw InvalidInputException.of("threshold %s and slack %s must be >= 0", threshold, monotoneSlack);
    }
    this.threshold = threshold;
    this.monotoneSlack = monotoneSlack;
  }

  /** Quantity name of the i-th lambda (1-based). */
  public static String lambdaName(int i) {
    return "lambda_" + i;
  }

  /** Quantity name of the i-th distance (1-based). */
  public static String distName(int i) {
    return "dist_" + i;
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.flag("every run converged", m.get(CONVERGED) == 1.0),
        AssumptionCheck.of("at least two lambdas", m.get(POINTS), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    int points = m.getInt(POINTS);
    List<double[]> pairs = new ArrayList<>();
    for (int i = 1; i <= points; i++) {
      double lambda = m.get(lambdaName(i));
      if (!(lambda > 0)) {
        throw InvalidInputException.of("%s = %s must be > 0", lambdaName(i), lambda);
      }
      pairs.add(new double[] {lambda, m.get(distName(i))});
    }
    pairs.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
    List<ConclusionCheck> parts = new ArrayList<>();
    for (int i = 1; i < pairs.size(); i++) {
      parts.add(ConclusionCheck.of(String.format(java.util.Locale.ROOT,
          "dist(lambda=%.3g) <= dist(lambda=%.3g) + %.1e", pairs.get(i)[0], pairs.get(i - 1)[0], monotoneSlack),
          pairs.get(i)[1], Relation.AT_MOST, pairs.get(i - 1)[1] + monotoneSlack, 0.0));
    }
    double[] last = pairs.get(pairs.size() - 1);
    parts.add(ConclusionCheck.of(String.format(java.util.Locale.ROOT, "dist(lambda=%.3g) <= %.3g (ours)",
        last[0], threshold), last[1], Relation.AT_MOST, threshold, 0.0));
    return ConclusionCheck.allOf("distance to SELI decreases as lambda -> 0 and is small at the smallest lambda",
        parts);
  }
}
