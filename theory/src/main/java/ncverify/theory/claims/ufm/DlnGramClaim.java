package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DLN] closed-form Grams at the global optimum (docs/theory.md section 3): for the product
 * W = W_M ... W_1, W W^T = diag(s_k^{2M}) and the class means have ||hbar_k|| =
 * s_k^M/(s_k^{2M} + N lambda_H). Judged on a trained solution that reached the optimal loss:
 * {@code gram_error} = max( ||W W^T - diag(s_k^{2M})|| / max(||diag(s_k^{2M})||, N lambda_H),
 * max_k | ||hbar_k|| - theory | x 2 sqrt(N lambda_H) ) &lt;= max({@link #FLOOR}, {@link #FACTOR} x
 * grad_tol / min(lambda_W, lambda_H)) (both error terms are relative to the natural scales:
 * ||hbar_k|| &lt;= 1/(2 sqrt(N lambda_H)) for every k). The bound is the optimizer's precision, not a
 * looseness of the theorem: a run stops at ||grad F|| &lt;= grad_tol, and the parameter error is about
 * ||grad F|| / mu with mu the curvature around the optimum, of the order of the smallest ridge (smaller
 * near a collapse threshold, where the class's curvature vanishes); FACTOR = 100 covers that.
 */
public final class DlnGramClaim extends AbstractClaim {

  /** Claim id. */
  public static final String ID = "dln.gram_closed_form";
  /** Quantity: 1 when the best restart converged to the closed-form loss and no class is ambiguous. */
  public static final String AT_OPTIMUM = "at_optimum";
  /** Quantity: the scaled Gram/class-mean-norm error. */
  public static final String GRAM_ERROR = "gram_error";
  /** Quantity: the gradient-norm tolerance at which the runs stopped. */
  public static final String GRAD_TOL = "grad_tol";
  /** Quantity: min(lambda_W, lambda_H). */
  public static final String MIN_LAMBDA = "min_lambda";
  /** Smallest allowed scaled error (round-off of the products and Grams). */
  public static final double FLOOR = 1e-8;
  /** Multiple of grad_tol / min lambda allowed (measured errors stay below ~1.5 x grad_tol / min lambda). */
  public static final double FACTOR = 100;

  public DlnGramClaim() {
    super(ID, Paper.DLN, "Thm (global optimum, imbalanced deep linear UFM), Sec. 3 of docs/theory.md",
        "At the global optimum of the deep linear MSE UFM the product W = W_M...W_1 has W W^T = diag(s_k^{2M})"
            + " and the class means have norms s_k^M/(s_k^{2M} + N lambda_H) (orthogonal, imbalanced frame).",
        List.of(AT_OPTIMUM, GRAM_ERROR, GRAD_TOL, MIN_LAMBDA));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("best restart reached the closed-form loss, no ambiguous class",
        m.get(AT_OPTIMUM) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double bound = Math.max(FLOOR, FACTOR * m.get(GRAD_TOL) / m.get(MIN_LAMBDA));
    return ConclusionCheck.of("scaled error of W W^T and ||hbar_k|| vs closed form <= max(1e-8, 100 grad_tol/min lambda)",
        m.get(GRAM_ERROR), Relation.AT_MOST, bound, 0.0);
  }
}
