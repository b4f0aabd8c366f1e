package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmThresholds.IDENTITY_REL;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Thm 4.4 mechanism, GD balancedness dynamics (docs/theory.md section 5): for a pair of linear layers,
 * D_l(t+1) = (1 - eta lambda)^2 D_l(t) + eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T)(t) exactly, so weight decay
 * balances the head at rate (1 - eta lambda)^2 per step. Judged on {@link BalancednessStep}: residual
 * &lt;= {@link JswmThresholds#IDENTITY_REL} x scale. The identity fails for the pair straddling the last
 * nonlinearity, where the claim is NOT_APPLICABLE.
 */
public final class BalancednessStepClaim extends AbstractClaim {

  public BalancednessStepClaim() {
    super("jswm.thm4.4.balancedness_step", Paper.JSWM, "Thm 4.4 balancedness dynamics (mechanism form)",
        "One GD step on two consecutive linear layers: D_l(t+1) = (1 - eta lambda)^2 D_l(t)"
            + " + eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T)(t), D_l = W_{l+1}^T W_{l+1} - W_l W_l^T.",
        List.of(BalancednessStep.RESIDUAL, BalancednessStep.SCALE, BalancednessStep.PAIR_LINEAR));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("both layers of the pair are linear", m.get(BalancednessStep.PAIR_LINEAR) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("||D(t+1) - (1 - eta lambda)^2 D(t) - eta^2 (G'^T G' - G G^T)|| = 0 (<= 1e-9 scale)",
        m.get(BalancednessStep.RESIDUAL), Relation.AT_MOST, IDENTITY_REL * m.get(BalancednessStep.SCALE), 0.0);
  }
}
