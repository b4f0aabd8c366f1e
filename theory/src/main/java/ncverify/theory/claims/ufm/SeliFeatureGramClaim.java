package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Measurement;

/**
 * [SELI] feature Gram (docs/theory.md section 2): H^T H -&gt; (Zhat^T Zhat)^{1/2} (up to scale) as lambda -&gt; 0,
 * which includes within-class collapse (G_H[i, j] depends on the classes of i and j only). A
 * {@link SeliLimitClaim} with object {@code feature}; the within-class term of the tolerance is the
 * measured 2 (2 ||Hbar Y||_op ||E||_F + ||E||_F^2) / ||H^T H||_F, E = H - Hbar Y the within-class spread.
 * Assumes K &gt;= 3 and unequal class sizes.
 */
public final class SeliFeatureGramClaim extends SeliLimitClaim {

  /** Claim id. */
  public static final String ID = "seli.feature_gram";
  /** Object prefix: the feature Gram H^T H. */
  public static final String OBJECT = "feature";

  public SeliFeatureGramClaim() {
    super(ID, "Thm (SELI limit: H^T H -> (Zhat^T Zhat)^{1/2} as lambda -> 0), with the certified optimum and the"
            + " second-order rate of docs/theory.md section 2",
        "As the ridge lambda -> 0, the CE UFM's feature Gram H^T H converges (up to scale) to (Zhat^T Zhat)^{1/2}:"
            + " at every lambda it is the certified optimum's, within (1 + 1/ln(1/lambda)) x the second-order"
            + " distance of SELI.",
        OBJECT, OBJECT);
  }

  @Override
  protected List<AssumptionCheck> extraAssumptions(Measurement m) {
    return atLeastThreeUnequalClasses(m);
  }
}
