package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DLN] minority collapse rule (docs/theory.md section 3): at the global optimum class k is zero iff
 * b/n_k &gt;= (M-1)^{(M-1)/M}/M (M &gt;= 2; M = 1: survives iff n_k &gt; N^2 lambda_W lambda_H). Judged on
 * the number of classes whose collapsed/alive state in the trained solution differs from the rule:
 * collapse_mismatches &lt;= 0.
 */
public final class DlnMinorityCollapseClaim extends AbstractClaim {

  /** Quantity: number of classes whose collapsed state differs from the prediction. */
  public static final String MISMATCHES = "collapse_mismatches";
  /** Quantity: 1 when training converged (to the global optimum: best of restarts, loss at closed form). */
  public static final String CONVERGED = "converged";

  public DlnMinorityCollapseClaim() {
    super("dln.minority_collapse", Paper.DLN, "Thm (minority collapse threshold), Sec. 3 of docs/theory.md",
        "At the global optimum of the imbalanced deep linear UFM, class k collapses to zero iff"
            + " b/n_k >= (M-1)^{(M-1)/M}/M (0.5 for M = 2, 0.529134 for M = 3); M = 1: it survives iff"
            + " n_k > N^2 lambda_W lambda_H.",
        List.of(MISMATCHES, CONVERGED));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("training converged to the optimum", m.get(CONVERGED) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("classes whose collapse differs from the rule = 0", m.get(MISMATCHES),
        Relation.AT_MOST, 0.0, 0.0);
  }
}
