package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;

import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Prop 5.3 mechanism, large learning rate (docs/theory.md section 5): linear stability of GD,
 * ||Theta||_op + lambda &lt;= 2/eta, with the balanced-head NTK bound gives
 * kappa(W_L)^2 &lt;= ||W_L||_op^2 (2 - eta lambda)/(eta L2 sigma_K(Z_L)^2). The L2 factor needs a
 * balanced head: assumption eps2 &lt;= balanceRel r^2 (ours, default
 * {@link JswmThresholds#STABILITY_BALANCE_REL}). The NTK in the stability assumption should be the
 * full-network one when the caller has it; {@link JswmQuantities} gives the head-only one.
 */
public final class StabilityConditioningClaim extends AbstractClaim {

  private final double balanceRel;

  public StabilityConditioningClaim() {
    this(JswmThresholds.STABILITY_BALANCE_REL);
  }

  /** @param balanceRel balance required for the L2 factor: eps2 &lt;= balanceRel r^2 */
  public StabilityConditioningClaim(double balanceRel) {
    super("jswm.prop5.3.stability", Paper.JSWM, "Prop 5.3 large learning rate conditions W_L (mechanism form)",
        "A GD solution that is linearly stable (||Theta||_op + lambda <= 2/eta) with a balanced head has a"
            + " conditioned last layer: kappa(W_L)^2 <= ||W_L||_op^2 (2 - eta lambda)/(eta L2 sigma_K(Z_L)^2).",
        List.of(L2, ETA, LAMBDA, EPS2, R, NTK_OP, KAPPA_WL, S1_WL, SIGMA_K_OUT));
    if (!(balanceRel >= 0)) {
      throw InvalidInputException.of("balance threshold must be >= 0, got %s", balanceRel);
    }
    this.balanceRel = balanceRel;
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    double r = m.get(R);
    double eta = m.get(ETA);
    return List.of(
        AssumptionCheck.of("eta > 0", eta, Relation.GREATER, 0),
        AssumptionCheck.of("sigma_K(Z_L) > 0", m.get(SIGMA_K_OUT), Relation.GREATER, 0),
        AssumptionCheck.of("linear stability: ||Theta||_op + lambda <= 2/eta", m.get(NTK_OP) + m.get(LAMBDA),
            Relation.AT_MOST, eta > 0 ? 2.0 / eta : Double.POSITIVE_INFINITY),
        AssumptionCheck.of(String.format(java.util.Locale.ROOT, "balanced head: eps2 <= %.1e r^2 (ours)", balanceRel),
            m.get(EPS2), Relation.AT_MOST, balanceRel * r * r));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double kappa = m.get(KAPPA_WL);
    double s1 = m.get(S1_WL);
    double eta = m.get(ETA);
    double sigma = m.get(SIGMA_K_OUT);
    double bound = s1 * s1 * (2.0 - eta * m.get(LAMBDA)) / (eta * m.get(L2) * sigma * sigma);
    return atMost("kappa(W_L)^2 <= ||W_L||_op^2 (2 - eta lambda)/(eta L2 sigma_K(Z_L)^2)", kappa * kappa, bound);
  }
}
