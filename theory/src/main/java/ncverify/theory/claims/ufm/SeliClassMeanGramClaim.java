package ncverify.theory.claims.ufm;

import java.util.List;
import java.util.Locale;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Relation;

/**
 * [SELI] class-mean Gram (docs/theory.md section 2): Mbar^T Mbar -&gt; (S D S)^{+1/2} (up to scale) as
 * lambda -&gt; 0, so minority class means end up longer than majority ones. A {@link SeliLimitClaim} with
 * object {@code class_mean} (certified optimum at every ridge, second-order rate), plus in the
 * second-order regime
 * <pre>
 *   min over pairs n_k &lt; n_j of ||mu_k|| / ||mu_j|| &gt; 1   (quantity minority_norm_ratio_i),
 * </pre>
 * which holds strictly at the limit (the diagonal of (S D S)^{+1/2} decreases with n_k) and so for small
 * enough lambda. Assumes K &gt;= 3 (at K = 2 the two means have equal norms for any sizes) and unequal
 * class sizes.
 */
public final class SeliClassMeanGramClaim extends SeliLimitClaim {

  /** Claim id. */
  public static final String ID = "seli.class_mean_gram";
  /** Object prefix: the class-mean Gram Mbar^T Mbar. */
  public static final String OBJECT = "class_mean";

  public SeliClassMeanGramClaim() {
    super(ID, "Thm (SELI limit: Mbar^T Mbar -> (S D S)^{+1/2} as lambda -> 0), with the certified optimum and the"
            + " second-order rate of docs/theory.md section 2",
        "As the ridge lambda -> 0, the CE UFM's class-mean Gram converges (up to scale) to (S D S)^{+1/2}, so"
            + " minority means are longer than majority means: at every lambda it is the certified optimum's,"
            + " within (1 + 1/ln(1/lambda)) x the second-order distance of SELI, and every smaller class has the"
            + " longer mean.",
        OBJECT, OBJECT);
  }

  /** Quantity name of min over n_k &lt; n_j of ||mu_k|| / ||mu_j|| at the i-th ridge. */
  public static String normRatioName(int i) {
    return "minority_norm_ratio_" + i;
  }

  @Override
  protected List<AssumptionCheck> extraAssumptions(Measurement m) {
    return atLeastThreeUnequalClasses(m);
  }

  @Override
  protected List<ConclusionCheck> extraParts(Measurement m, int i) {
    if (!asymptotic(m, i)) {
      return List.of();
    }
    return List.of(ConclusionCheck.of(String.format(Locale.ROOT,
        "min_{n_k < n_j} ||mu_k|| / ||mu_j|| > 1 at lambda=%.3g (minority means longer)", m.get(lambdaName(i))),
        m.get(normRatioName(i)), Relation.GREATER, 1.0, 0.0));
  }
}
