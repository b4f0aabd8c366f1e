package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DLN] global optimum of the deep linear UFM with imbalanced classes (docs/theory.md section 3): the
 * closed-form loss sum_k (n_k/(2N)) min(1, 1/(1 + x_k^M) + (b/n_k) x_k) is the global minimum, so no
 * reached loss may go below it: reached_loss &gt;= closed_form_loss - tol, tol = 1e-9 + 1e-6 |closed form|.
 */
public final class DlnOptimumClaim extends AbstractClaim {

  /** Quantity: loss reached by training (best of the restarts). */
  public static final String REACHED_LOSS = "reached_loss";
  /** Quantity: the closed-form optimal loss. */
  public static final String CLOSED_FORM_LOSS = "closed_form_loss";
  /** Quantity: 1 when training converged. */
  public static final String CONVERGED = "converged";

  public DlnOptimumClaim() {
    super("dln.optimum", Paper.DLN, "Thm (global optimum, imbalanced deep linear UFM), Sec. 3 of docs/theory.md",
        "The closed form (b = M N (N lambda_W^M lambda_H)^{1/M}, x_k the largest root of"
            + " b/n_k = M x^{M-1}/(x^M + 1)^2) is the global optimum of the deep linear MSE UFM: no solution"
            + " reaches a loss below sum_k (n_k/(2N)) min(1, 1/(1 + x_k^M) + (b/n_k) x_k).",
        List.of(REACHED_LOSS, CLOSED_FORM_LOSS, CONVERGED));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("training converged", m.get(CONVERGED) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double closed = m.get(CLOSED_FORM_LOSS);
    return ConclusionCheck.of("reached_loss >= closed_form_loss - tol", m.get(REACHED_LOSS), Relation.AT_LEAST,
        closed, UfmLossClaims.tolerance(closed));
  }
}
