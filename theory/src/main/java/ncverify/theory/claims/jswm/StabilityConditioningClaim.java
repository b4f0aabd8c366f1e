package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_REL;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Prop 5.3 mechanism, large learning rate (docs/theory.md section 5): a GD solution that is linearly
 * stable for learning rate eta, c ||Theta||_op + lambda &lt;= 2/eta (Theta = J J^T the empirical NTK Gram, c
 * the loss scale of (c/2)||Z_L - Y||^2), has a conditioned last layer:
 * kappa(W_L)^2 &lt;= ||W_L||_op^2 (2 - eta lambda)/(eta c m sigma_K(Z_L)^2), with the factor m = L2 for an
 * exactly balanced head (eps2 &lt;= {@link JswmThresholds#EXACT_REL} r^2, ours; ||Theta||_op &gt;= L2
 * sigma_K(Z_L)^2/s_K(W_L)^2 needs exact balance) and m = 1 otherwise (||Theta||_op &gt;= ||Z_{L-1}||_op^2
 * &gt;= sigma_K(Z_L)^2/s_K(W_L)^2 for any head). {@link JswmQuantities} measures the head-only NTK, a lower
 * bound on the full network's, so the stability assumption holds whenever the full network is stable.
 */
public final class StabilityConditioningClaim extends AbstractClaim {

  public StabilityConditioningClaim() {
    super("jswm.prop5.3.stability", Paper.JSWM, "Prop 5.3 large learning rate conditions W_L (mechanism form)",
        "A GD solution that is linearly stable (c ||Theta||_op + lambda <= 2/eta) has a conditioned last layer:"
            + " kappa(W_L)^2 <= ||W_L||_op^2 (2 - eta lambda)/(eta c m sigma_K(Z_L)^2), m = L2 for an exactly"
            + " balanced head, m = 1 otherwise.",
        List.of(L2, ETA, LAMBDA, LOSS_SCALE, EPS2, R, NTK_OP, KAPPA_WL, S1_WL, SIGMA_K_OUT));
  }

  /** Whether the head is exactly balanced (eps2 &lt;= 1e-10 r^2, ours), which earns the factor L2. */
  public static boolean exactlyBalanced(Measurement m) {
    double r = m.get(R);
    return m.get(EPS2) <= EXACT_REL * r * r;
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    double eta = m.get(ETA);
    return List.of(
        AssumptionCheck.of("eta > 0", eta, Relation.GREATER, 0),
        AssumptionCheck.of("sigma_K(Z_L) > 0", m.get(SIGMA_K_OUT), Relation.GREATER, 0),
        AssumptionCheck.of("linear stability: c ||Theta||_op + lambda <= 2/eta",
            m.get(LOSS_SCALE) * m.get(NTK_OP) + m.get(LAMBDA), Relation.AT_MOST,
            eta > 0 ? 2.0 / eta : Double.POSITIVE_INFINITY));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double kappa = m.get(KAPPA_WL);
    double s1 = m.get(S1_WL);
    double eta = m.get(ETA);
    double sigma = m.get(SIGMA_K_OUT);
    boolean balanced = exactlyBalanced(m);
    double factor = balanced ? m.get(L2) : 1.0;
    double bound = s1 * s1 * (2.0 - eta * m.get(LAMBDA)) / (eta * m.get(LOSS_SCALE) * factor * sigma * sigma);
    return atMost(balanced ? "kappa(W_L)^2 <= ||W_L||_op^2 (2 - eta lambda)/(eta c L2 sigma_K(Z_L)^2) (exact balance)"
        : "kappa(W_L)^2 <= ||W_L||_op^2 (2 - eta lambda)/(eta c sigma_K(Z_L)^2)", kappa * kappa, bound);
  }
}
