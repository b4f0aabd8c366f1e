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
 * [JSWM] Thm 3.1 NC3, exact case (docs/theory.md section 5): when W_L Mbar_{L-1} = I_K and
 * P_perp Mbar_{L-1} = 0 (so Mbar_{L-1} = W_L^+), every cos(mu_k, w_k) &gt;= 2 kappa/(1 + kappa^2),
 * kappa = kappa(W_L) (Kantorovich). "Exact" means both residuals at most
 * {@link JswmThresholds#EXACT_REL} (the leak relative to ||Mbar||_op).
 */
public final class Nc3CosineClaim extends AbstractClaim {

  public Nc3CosineClaim() {
    super("jswm.thm3.1.nc3.cosine", Paper.JSWM, "Thm 3.1 NC3, exact case (mechanism form)",
        "In the exact case (W_L Mbar_{L-1} = I_K, no class-mean component in ker W_L) each class mean"
            + " aligns with its classifier row: min_k cos(mu_k, w_k) >= 2 kappa/(1 + kappa^2),"
            + " kappa = kappa(W_L).",
        List.of(MEANS_FIT_OP, MEANS_LEAK_REL, KAPPA_WL, MIN_COS_PENULT));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("exact fit of the means: ||W_L Mbar_{L-1} - I_K||_op <= 1e-10 (ours)",
            m.get(MEANS_FIT_OP), Relation.AT_MOST, EXACT_REL),
        AssumptionCheck.of("no kernel component: ||P_perp Mbar||_op/||Mbar||_op <= 1e-10 (ours)",
            m.get(MEANS_LEAK_REL), Relation.AT_MOST, EXACT_REL));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double kappa = m.get(KAPPA_WL);
    return atLeast("min_k cos(mu_k, w_k) >= 2 kappa/(1 + kappa^2)", m.get(MIN_COS_PENULT),
        2.0 * kappa / (1.0 + kappa * kappa));
  }
}
