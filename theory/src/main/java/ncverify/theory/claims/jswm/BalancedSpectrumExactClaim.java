package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_REL;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_SLACK;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] balanced head spectrum, exact case, and Thm 3.1's depth effect (docs/theory.md section 5): an
 * exactly balanced head has the same non-zero singular values in every layer, so
 * kappa(W_l) = kappa(A)^{1/L2} for every head layer (deeper heads condition better). Measured as
 * max_l |kappa(W_l) - kappa(A)^{1/L2}| / kappa(A)^{1/L2} &lt;= {@link JswmThresholds#EXACT_SLACK}, with
 * kappa(W_l) taken over its rank(A) leading singular values (the non-zero ones under exact balance; the
 * others are only bounded by sqrt(eps2) when "exact" means eps2 &lt;= 1e-10 r^2, reports/FINDINGS.md F2).
 */
public final class BalancedSpectrumExactClaim extends AbstractClaim {

  public BalancedSpectrumExactClaim() {
    super("jswm.lemma.balanced_spectrum.exact", Paper.JSWM,
        "balanced head spectrum, exact case; Thm 3.1 NC2 depth effect (mechanism form)",
        "An exactly balanced head has identical non-zero singular values in every layer:"
            + " kappa(W_l) = kappa(A)^{1/L2} for every head layer l.",
        List.of(L2, EPS2, R, KAPPA_W_REL_DEV));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    double r = m.get(R);
    return List.of(
        AssumptionCheck.of("exact balance: eps2 <= 1e-10 r^2 (ours)", m.get(EPS2), Relation.AT_MOST,
            EXACT_REL * r * r),
        AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("max_l |kappa(W_l) - kappa(A)^{1/L2}| / kappa(A)^{1/L2} = 0 (<= 1e-6)",
        m.get(KAPPA_W_REL_DEV), Relation.AT_MOST, 0.0, EXACT_SLACK);
  }
}
