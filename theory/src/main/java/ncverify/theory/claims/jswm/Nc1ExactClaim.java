package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_NC1;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_REL;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Thm 3.1 NC1, exact case (docs/theory.md section 5): exact interpolation (eps1 = 0) with an exactly
 * balanced head (eps2 = 0) gives NC1tr(Z_{L-1}) = 0. "Exact" means eps1 &lt;= {@link JswmThresholds#EXACT_REL}
 * sqrt(N) and eps2 &lt;= EXACT_REL r^2; the conclusion is NC1tr &lt;= {@link JswmThresholds#EXACT_NC1}.
 * An unbalanced head is NOT_APPLICABLE here (interpolation alone does not collapse).
 */
public final class Nc1ExactClaim extends AbstractClaim {

  public Nc1ExactClaim() {
    super("jswm.thm3.1.nc1.exact", Paper.JSWM, "Thm 3.1 NC1, exact case (mechanism form)",
        "Exact interpolation with an exactly balanced linear head (L2 >= 2) gives exact within-class"
            + " collapse of the penultimate layer: NC1tr(Z_{L-1}) = 0.",
        List.of(N, L2, EPS1, EPS2, R, NC1TR_PENULT));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    double r = m.get(R);
    return List.of(
        AssumptionCheck.of("exact interpolation: eps1 <= 1e-10 sqrt(N) (ours)", m.get(EPS1), Relation.AT_MOST,
            EXACT_REL * Math.sqrt(m.get(N))),
        AssumptionCheck.of("exact balance: eps2 <= 1e-10 r^2 (ours)", m.get(EPS2), Relation.AT_MOST,
            EXACT_REL * r * r),
        AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("NC1tr(Z_{L-1}) = 0 (<= 1e-8)", m.get(NC1TR_PENULT), Relation.AT_MOST, EXACT_NC1, 0.0);
  }
}
