package ncverify.theory.claims.ufm;

import java.util.List;
import java.util.Locale;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Relation;

/**
 * [SELI] convergence of the classifier Gram to the SELI geometry as lambda -&gt; 0 (docs/theory.md section 2):
 * G_W = W W^T of the cross-entropy UFM approaches (Zhat Zhat^T)^{1/2}, and not the simplex ETF of balanced
 * neural collapse. Judged along the ridge path as a {@link SeliLimitClaim} (object {@code w}): at every
 * ridge the trained G_W is the certified convex optimum's (tolerance from the certificate), in the
 * second-order regime it is within the second-order rate of SELI, and there
 * <pre>
 *   ndist(G_W, SELI) &lt; ndist(G_W, ETF)   whenever   Delta = ndist(SELI, ETF) &gt; 2 b_i,
 * </pre>
 * b_i = (1 + 1/ln(1/lambda_i)) pred_i + tau_i the rate bound: by the triangle inequality the comparison
 * follows from the rate whenever the two geometries are more than that margin apart, and below it the
 * rate does not separate them. Assumes K &gt;= 3 and unequal class sizes (otherwise SELI is the ETF and
 * the distances vanish identically; {@code seli.balanced_etf} covers balanced classes). The monotone
 * decrease of the distance along the path is not proven and is recorded as an observation only.
 * Extra quantities: {@code delta_seli_etf}, {@code w_etf_dist_i}.
 */
public final class SeliConvergenceClaim extends SeliLimitClaim {

  /** Claim id. */
  public static final String ID = "seli.convergence";
  /** Object prefix: the classifier Gram W W^T. */
  public static final String OBJECT = "w";
  /** Quantity: ndist((Zhat Zhat^T)^{1/2}, simplex ETF Gram). */
  public static final String DELTA = "delta_seli_etf";

  public SeliConvergenceClaim() {
    super(ID, "Thm (SELI limit: W W^T -> (Zhat Zhat^T)^{1/2} as lambda -> 0), with the certified optimum and the"
            + " second-order rate of docs/theory.md section 2",
        "As the ridge lambda -> 0, the CE UFM's classifier Gram W W^T converges (up to scale) to the SELI geometry"
            + " (Zhat Zhat^T)^{1/2}, Zhat = (I - 11^T/K) Y, and not to the simplex ETF: at every lambda it is the"
            + " certified optimum of min CE(X) + lambda ||X||_*, within (1 + 1/ln(1/lambda)) x the second-order"
            + " distance of SELI, and closer to SELI than to the ETF whenever they are more than twice that apart.",
        OBJECT, OBJECT);
  }

  /** Quantity name of ndist(G_W, ETF) at the i-th ridge. */
  public static String etfDistName(int i) {
    return OBJECT + "_etf_dist_" + i;
  }

  @Override
  protected List<AssumptionCheck> extraAssumptions(Measurement m) {
    return atLeastThreeUnequalClasses(m);
  }

  @Override
  protected List<ConclusionCheck> extraParts(Measurement m, int i) {
    if (!asymptotic(m, i) || !(m.get(DELTA) > 2 * rateBound(m, i))) {
      return List.of();
    }
    return List.of(ConclusionCheck.of(String.format(Locale.ROOT,
        "ndist(W W^T, SELI) < ndist(W W^T, ETF) at lambda=%.3g (Delta %.3g > 2 x rate bound)", m.get(lambdaName(i)),
        m.get(DELTA)), m.get(distName(OBJECT, i)), Relation.LESS, m.get(etfDistName(i)), 0.0));
  }
}
