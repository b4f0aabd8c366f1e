package ncverify.theory.claims.ufm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * A [SELI] limit statement "O(lambda) -&gt; O_SELI as lambda -&gt; 0" judged along a ridge path of the trained
 * cross-entropy UFM (docs/theory.md section 2, docs/derivations/seli.md). O is one of the objects [SELI]
 * states the geometry through (classifier Gram, logits, feature Gram, class-mean Gram, spectrum); every
 * distance is the normalized Frobenius distance ndist. At each ridge lambda_i of the path:
 * <ol>
 *   <li><b>the trained UFM is the certified convex optimum</b>: ndist(O_UFM, O*) &lt;= tau_i, with O* from
 *       the certified optimum of min_X CE(X) + lambda ||X||_* and the certificate tolerance
 *       tau_i = 2 kappa_i r_i + within_i + {@link #ROUNDOFF}: kappa_i the first-order condition number of O
 *       at the optimum, r_i the run's relative stationarity ||grad F|| / (lambda ||(W, H)||) (forward error
 *       = condition x backward error; the factor 2 covers the second-order remainder while kappa r &lt;=
 *       {@link #FIRST_ORDER_MAX}), within_i the measured effect of the within-class spread of H;</li>
 *   <li><b>the rate</b> (for lambda_i &lt;= {@link #LAMBDA_ASYMPTOTIC}):
 *       ndist(O_UFM, O_SELI) &lt;= (1 + 1/ln(1/lambda_i)) pred_i + tau_i, with pred_i the distance of the
 *       second-order expansion M(lambda) = S (ln(1/lambda) I + B) of the ridge path, whose relative error
 *       is O(1/ln(1/lambda)) (one unit of it is allowed).</li>
 * </ol>
 * Subclasses add the object-specific assumptions and conclusions. Quantities (i = 1..points):
 * {@code points}, {@code converged} (every UFM run certified stationary with its dual certificate),
 * {@code reference_certified}, {@code min_multiplier} (the expansion exists iff &gt; 0), {@code k},
 * {@code imbalanced}, {@code lambda_i}, {@code rel_grad_i} and per object {@code <o>_kappa_i},
 * {@code <o>_within_i}, {@code <o>_cert_dist_i}, {@code <o>_dist_i}, {@code <o>_pred_i}.
 */
public abstract class SeliLimitClaim extends AbstractClaim {

  /** Ridges at most this are in the second-order regime where the rate part is judged. */
  public static final double LAMBDA_ASYMPTOTIC = 1e-2;
  /** Largest kappa r for which the first-order certificate tolerance is used. */
  public static final double FIRST_ORDER_MAX = 0.05;
  /** Floor of tau: distances evaluated through inner products are exact to ~5e-8. */
  public static final double ROUNDOFF = 1e-7;
  /** Safety factor on the first-order bound kappa r (second-order remainder). */
  public static final double SAFETY = 2;

  /** Quantity: number of ridges m. */
  public static final String POINTS = "points";
  /** Quantity: 1 when every UFM run is certified (stationarity and dual certificate). */
  public static final String CONVERGED = "converged";
  /** Quantity: 1 when the reduced convex optimum is certified at every ridge. */
  public static final String REFERENCE_CERTIFIED = "reference_certified";
  /** Quantity: smallest margin multiplier of the nuclear-norm SVM (the expansion exists iff &gt; 0). */
  public static final String MIN_MULTIPLIER = "min_multiplier";
  /** Quantity: number of classes K. */
  public static final String K = "k";
  /** Quantity: 1 when the class sizes are not all equal. */
  public static final String IMBALANCED = "imbalanced";

  private final String object;
  private final String kappaObject;

  /**
   * @param object quantity prefix of the object, e.g. {@code "w"}
   * @param kappaObject prefix whose kappa and within-class terms the tolerance uses (usually {@code object})
   */
  protected SeliLimitClaim(String id, String theorem, String statement, String object, String kappaObject) {
    super(id, Paper.SELI, theorem, statement, List.of(POINTS, CONVERGED, REFERENCE_CERTIFIED, MIN_MULTIPLIER, K,
        IMBALANCED));
    this.object = object;
    this.kappaObject = kappaObject;
  }

  /** Quantity name of the i-th ridge (1-based). */
  public static String lambdaName(int i) {
    return "lambda_" + i;
  }

  /** Quantity name of the i-th run's relative stationarity r. */
  public static String relGradName(int i) {
    return "rel_grad_" + i;
  }

  /** Quantity name of an object's first-order condition number at the i-th ridge. */
  public static String kappaName(String object, int i) {
    return object + "_kappa_" + i;
  }

  /** Quantity name of an object's measured within-class term at the i-th ridge. */
  public static String withinName(String object, int i) {
    return object + "_within_" + i;
  }

  /** Quantity name of ndist(O_UFM, O*) at the i-th ridge. */
  public static String certDistName(String object, int i) {
    return object + "_cert_dist_" + i;
  }

  /** Quantity name of ndist(O_UFM, O_SELI) at the i-th ridge. */
  public static String distName(String object, int i) {
    return object + "_dist_" + i;
  }

  /** Quantity name of the second-order prediction ndist(O_pred, O_SELI) at the i-th ridge. */
  public static String predName(String object, int i) {
    return object + "_pred_" + i;
  }

  /** The object prefix of this claim. */
  public String object() {
    return object;
  }

  /** The certificate tolerance tau_i = 2 kappa_i r_i + within_i + roundoff. */
  public double tau(Measurement m, int i) {
    return SAFETY * m.get(kappaName(kappaObject, i)) * m.get(relGradName(i)) + m.get(withinName(kappaObject, i))
        + ROUNDOFF;
  }

  /** The rate bound (1 + 1/ln(1/lambda_i)) pred_i + tau_i. */
  public double rateBound(Measurement m, int i) {
    double lambda = m.get(lambdaName(i));
    return (1 + 1 / Math.log(1 / lambda)) * m.get(predName(object, i)) + tau(m, i);
  }

  /** True iff the i-th ridge is in the second-order regime. */
  protected static boolean asymptotic(Measurement m, int i) {
    return m.get(lambdaName(i)) <= LAMBDA_ASYMPTOTIC;
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    int points = m.getInt(POINTS);
    double firstOrder = 0;
    double minLambda = Double.POSITIVE_INFINITY;
    for (int i = 1; i <= points; i++) {
      double lambda = m.get(lambdaName(i));
      if (!(lambda > 0 && lambda < 1)) {
        throw InvalidInputException.of("%s = %s must be in (0, 1)", lambdaName(i), lambda);
      }
      minLambda = Math.min(minLambda, lambda);
      firstOrder = Math.max(firstOrder, m.get(kappaName(kappaObject, i)) * m.get(relGradName(i)));
    }
    List<AssumptionCheck> out = new ArrayList<>();
    out.add(AssumptionCheck.flag("every UFM run certified (stationary, dual certificate)", m.get(CONVERGED) == 1.0));
    out.add(AssumptionCheck.flag("reference convex optimum certified at every lambda",
        m.get(REFERENCE_CERTIFIED) == 1.0));
    out.add(AssumptionCheck.of("first-order regime: max kappa r", firstOrder, Relation.AT_MOST, FIRST_ORDER_MAX));
    out.add(AssumptionCheck.of("second-order expansion exists: min margin multiplier", m.get(MIN_MULTIPLIER),
        Relation.GREATER, 0));
    out.add(AssumptionCheck.of("a ridge in the second-order regime: min lambda", minLambda, Relation.AT_MOST,
        LAMBDA_ASYMPTOTIC));
    out.addAll(extraAssumptions(m));
    return out;
  }

  /** Object-specific assumptions (class count, imbalance profile). */
  protected abstract List<AssumptionCheck> extraAssumptions(Measurement m);

  /** K &gt;= 3 and unequal class sizes: SELI differs from the ETF and the Grams are not pinned by K = 2. */
  protected static List<AssumptionCheck> atLeastThreeUnequalClasses(Measurement m) {
    return List.of(AssumptionCheck.of("K >= 3", m.get(K), Relation.AT_LEAST, 3),
        AssumptionCheck.flag("unequal class sizes (SELI differs from the ETF)", m.get(IMBALANCED) == 1.0));
  }

  /** Object-specific conclusion parts at ridge i (may be empty). */
  protected List<ConclusionCheck> extraParts(Measurement m, int i) {
    return List.of();
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    int points = m.getInt(POINTS);
    List<ConclusionCheck> parts = new ArrayList<>();
    for (int i = 1; i <= points; i++) {
      double lambda = m.get(lambdaName(i));
      parts.add(atMost(String.format(Locale.ROOT, "ndist(%s_UFM, %s*) at lambda=%.3g <= tau (certified optimum)",
          object, object, lambda), m.get(certDistName(object, i)), tau(m, i)));
      if (asymptotic(m, i)) {
        parts.add(atMost(String.format(Locale.ROOT,
            "ndist(%s_UFM, %s_SELI) at lambda=%.3g <= (1 + 1/ln(1/lambda)) pred + tau (second-order rate)", object,
            object, lambda), m.get(distName(object, i)), rateBound(m, i)));
      }
      parts.addAll(extraParts(m, i));
    }
    return ConclusionCheck.allOf(object + ": the certified convex optimum, approaching SELI at the second-order rate",
        parts);
  }
}
