package ncverify.theory.claims.ufm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DLN] minority collapse rule (docs/theory.md section 3): at the global optimum class k is zero iff
 * b/n_k &gt;= t(M) = (M-1)^{(M-1)/M}/M (M &gt;= 2; M = 1: t = 1, i.e. it survives iff
 * n_k &gt; N^2 lambda_W lambda_H). Judged on the trained solution: per class the quantities
 * {@code b_over_n_k} and {@code collapsed_k} (1 when the trained class is numerically zero) and
 * {@code ambiguous_k} (1 when zero and the positive root tie within the loss tolerance: left out);
 * the conclusion puts every other class on the side of the threshold its trained state says: b/n_k &gt;= t
 * for a zero class, b/n_k &lt; t for a living one (it holds iff no class differs from the rule; its
 * tightness, the largest (b/n_k)/t of a living class or t/(b/n_k) of a zero one, is how close the
 * generated classes came to the threshold).
 * The wrong version ({@link #strengthened}) moves the threshold by the factor.
 */
public final class DlnMinorityCollapseClaim extends AbstractClaim {

  /** Quantity: number of classes K. */
  public static final String K = "K";
  /** Quantity: depth M. */
  public static final String DEPTH = "M";
  /** Quantity: 1 when training converged (to the global optimum: best of restarts, loss at closed form). */
  public static final String CONVERGED = "converged";

  private final double thresholdFactor;

  public DlnMinorityCollapseClaim() {
    this(1.0);
  }

  private DlnMinorityCollapseClaim(double thresholdFactor) {
    super("dln.minority_collapse", Paper.DLN, "Thm (minority collapse threshold), Sec. 3 of docs/theory.md"
        + (thresholdFactor == 1.0 ? "" : String.format(Locale.ROOT, " (threshold x %s: wrong)", thresholdFactor)),
        "At the global optimum of the imbalanced deep linear UFM, class k collapses to zero iff"
            + " b/n_k >= (M-1)^{(M-1)/M}/M (0.5 for M = 2, 0.529134 for M = 3); M = 1: it survives iff"
            + " n_k > N^2 lambda_W lambda_H.",
        List.of(K, DEPTH, CONVERGED));
    this.thresholdFactor = thresholdFactor;
  }

  /** Quantity name of b/n_k (k 0-based). */
  public static String ratioName(int k) {
    return "b_over_n_" + k;
  }

  /** Quantity name of the trained collapse flag of class k. */
  public static String collapsedName(int k) {
    return "collapsed_" + k;
  }

  /** Quantity name of the ambiguity flag of class k. */
  public static String ambiguousName(int k) {
    return "ambiguous_" + k;
  }

  /** t(M) = (M-1)^{(M-1)/M}/M (1 for M = 1). */
  public static double threshold(int depth) {
    return depth == 1 ? 1.0 : Math.pow(depth - 1.0, (depth - 1.0) / depth) / depth;
  }

  @Override
  public Claim strengthened(double factor) {
    return new DlnMinorityCollapseClaim(thresholdFactor * factor);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("training converged to the optimum", m.get(CONVERGED) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    int k = m.getInt(K);
    double t = thresholdFactor * threshold(m.getInt(DEPTH));
    List<ConclusionCheck> sides = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (m.get(ambiguousName(c)) == 1.0) {
        continue;
      }
      double ratio = m.get(ratioName(c));
      sides.add(m.get(collapsedName(c)) == 1.0
          ? ConclusionCheck.of("class " + c + " is zero: b/n_k >= t(M)", ratio, Relation.AT_LEAST, t, 0.0)
          : ConclusionCheck.of("class " + c + " is alive: b/n_k < t(M)", ratio, Relation.LESS, t, 0.0));
    }
    if (sides.isEmpty()) {
      return ConclusionCheck.of("no class away from the tie: nothing to compare", 0.0, Relation.AT_MOST, 0.0, 0.0);
    }
    return ConclusionCheck.allOf("every class on the side of t(M) its trained state says", sides);
  }
}
