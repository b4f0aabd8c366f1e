package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmThresholds.IDENTITY_REL;

import java.util.List;
import java.util.Locale;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import ncverify.theory.claims.StrengthenedClaim;

/**
 * [JSWM] Thm 4.4 mechanism, GD balancedness dynamics (docs/theory.md section 5): for a pair of linear layers,
 * D_l(t+1) = (1 - eta lambda)^2 D_l(t) + eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T)(t) exactly, so weight decay
 * balances the head at rate (1 - eta lambda)^2 per step. Judged on {@link BalancednessStep}: residual
 * &lt;= {@link JswmThresholds#IDENTITY_REL} x scale. An {@link ClaimKind#IDENTITY}: it holds for any
 * weights up to roundoff, so a violation is a bug in the training step. The identity fails for the pair
 * straddling the last nonlinearity, where the claim is NOT_APPLICABLE. Its wrong version
 * ({@link #strengthened}) claims the faster rate (1 - eta lambda)^(2 factor).
 */
public final class BalancednessStepClaim extends AbstractClaim {

  private final double rateFactor;

  public BalancednessStepClaim() {
    this(1.0);
  }

  private BalancednessStepClaim(double rateFactor) {
    super("jswm.thm4.4.balancedness_step", Paper.JSWM, rateFactor == 1.0
        ? "Thm 4.4 balancedness dynamics (mechanism form)"
        : String.format(Locale.ROOT, "Thm 4.4 balancedness dynamics (mechanism form; wrong rate (1 - eta lambda)^%s)",
            2 * rateFactor),
        "One GD step on two consecutive linear layers: D_l(t+1) = (1 - eta lambda)^2 D_l(t)"
            + " + eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T)(t), D_l = W_{l+1}^T W_{l+1} - W_l W_l^T.",
        List.of(BalancednessStep.RESIDUAL, BalancednessStep.SCALE, BalancednessStep.BEFORE,
            BalancednessStep.ETA_LAMBDA, BalancednessStep.PAIR_LINEAR));
    this.rateFactor = rateFactor;
  }

  @Override
  public ClaimKind kind() {
    return ClaimKind.IDENTITY;
  }

  /**
   * The wrong rate: D_l(t+1) = (1 - eta lambda)^(2 factor) D_l(t) + eta^2 (...). Its residual is at least
   * |(1 - eta lambda)^2 - (1 - eta lambda)^(2 factor)| ||D_l(t)|| minus the true residual.
   */
  @Override
  public Claim strengthened(double factor) {
    return new BalancednessStepClaim(StrengthenedClaim.requireFactor(factor));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("both layers of the pair are linear", m.get(BalancednessStep.PAIR_LINEAR) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double residual = m.get(BalancednessStep.RESIDUAL);
    double scale = m.get(BalancednessStep.SCALE);
    if (rateFactor != 1.0) {
      double decay = 1.0 - m.get(BalancednessStep.ETA_LAMBDA);
      double gap = Math.abs(decay * decay - Math.pow(decay, 2 * rateFactor));
      residual = Math.max(0.0, gap * m.get(BalancednessStep.BEFORE) - residual);
    }
    return ConclusionCheck.of(rateFactor == 1.0
            ? "||D(t+1) - (1 - eta lambda)^2 D(t) - eta^2 (G'^T G' - G G^T)|| = 0 (<= 1e-9 scale)"
            : String.format(Locale.ROOT, "||D(t+1) - (1 - eta lambda)^%s D(t) - eta^2 (G'^T G' - G G^T)|| = 0"
                + " (<= 1e-9 scale)", 2 * rateFactor),
        residual, Relation.AT_MOST, IDENTITY_REL * scale, 0.0);
  }
}
