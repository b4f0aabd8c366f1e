package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_NC1;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_REL;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import ncverify.theory.claims.StrengthenedClaim;

/**
 * [JSWM] Thm 3.1 NC1, exact case (docs/theory.md section 5): exact interpolation (eps1 = 0) with an exactly
 * balanced head (eps2 = 0) gives NC1tr(Z_{L-1}) = 0. "Exact" means eps1 &lt;= {@link JswmThresholds#EXACT_REL}
 * sqrt(N) and eps2 &lt;= EXACT_REL r^2; the conclusion is NC1tr &lt;= {@link JswmThresholds#EXACT_NC1}.
 * Training with weight decay never interpolates exactly (at a critical point lambda W_L = -(Z_L - Y) Z_{L-1}^T
 * would force W_L = 0), so the claim is judged on constructed exact cases.
 *
 * <p>Its bound is a roundoff tolerance, so its wrong version ({@link #strengthened}) is the stronger
 * statement without the balance assumption, "exact interpolation alone collapses the penultimate layer",
 * which docs/theory.md section 5 gives as the negative control: an unbalanced interpolating head does not.
 */
public final class Nc1ExactClaim extends AbstractClaim {

  private final boolean needsBalance;

  public Nc1ExactClaim() {
    this(true);
  }

  private Nc1ExactClaim(boolean needsBalance) {
    super("jswm.thm3.1.nc1.exact", Paper.JSWM, needsBalance ? "Thm 3.1 NC1, exact case (mechanism form)"
            : "Thm 3.1 NC1, exact case (mechanism form; wrong: without the balance assumption)",
        "Exact interpolation with an exactly balanced linear head (L2 >= 2) gives exact within-class"
            + " collapse of the penultimate layer: NC1tr(Z_{L-1}) = 0.",
        List.of(N, L2, EPS1, EPS2, R, NC1TR_PENULT));
    this.needsBalance = needsBalance;
  }

  /** The wrong version: the same conclusion without the exact-balance assumption (any factor &gt; 1). */
  @Override
  public Claim strengthened(double factor) {
    StrengthenedClaim.requireFactor(factor);
    return new Nc1ExactClaim(false);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    double r = m.get(R);
    List<AssumptionCheck> out = new ArrayList<>();
    out.add(AssumptionCheck.of("exact interpolation: eps1 <= 1e-10 sqrt(N) (ours)", m.get(EPS1), Relation.AT_MOST,
        EXACT_REL * Math.sqrt(m.get(N))));
    if (needsBalance) {
      out.add(AssumptionCheck.of("exact balance: eps2 <= 1e-10 r^2 (ours)", m.get(EPS2), Relation.AT_MOST,
          EXACT_REL * r * r));
    }
    out.add(AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
    return out;
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("NC1tr(Z_{L-1}) = 0 (<= 1e-8)", m.get(NC1TR_PENULT), Relation.AT_MOST, EXACT_NC1, 0.0);
  }
}
