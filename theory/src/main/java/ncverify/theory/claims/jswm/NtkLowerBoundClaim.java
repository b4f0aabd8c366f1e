package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.EXACT_REL;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Prop 5.3 mechanism, NTK lower bound (docs/theory.md section 5): the empirical NTK Gram
 * Theta = J J^T satisfies ||Theta||_op &gt;= sigma_K(Z_L)^2/s_K(W_L)^2, and L2 times that for an exactly
 * balanced head ({@link #balanced()}, assumption eps2 &lt;= {@link JswmThresholds#EXACT_REL} r^2).
 * {@link JswmQuantities} measures the head-only NTK, which is below the full one, so the check is
 * conservative.
 */
public final class NtkLowerBoundClaim extends AbstractClaim {

  private final boolean balanced;

  private NtkLowerBoundClaim(boolean balanced) {
    super(balanced ? "jswm.prop5.3.ntk.balanced" : "jswm.prop5.3.ntk", Paper.JSWM,
        balanced ? "Prop 5.3 NTK lower bound, balanced head (mechanism form)"
            : "Prop 5.3 NTK lower bound (mechanism form)",
        balanced
            ? "For an exactly balanced head the empirical NTK is large when W_L is ill conditioned:"
                + " ||Theta||_op >= L2 sigma_K(Z_L)^2/s_K(W_L)^2."
            : "The empirical NTK is large when W_L has a small K-th singular value:"
                + " ||Theta||_op >= sigma_K(Z_L)^2/s_K(W_L)^2.",
        balanced ? List.of(L2, EPS2, R, NTK_OP, SIGMA_K_OUT, SK_WL) : List.of(L2, NTK_OP, SIGMA_K_OUT, SK_WL));
    this.balanced = balanced;
  }

  /** The general form (factor 1). */
  public static NtkLowerBoundClaim general() {
    return new NtkLowerBoundClaim(false);
  }

  /** The exactly balanced form (factor L2). */
  public static NtkLowerBoundClaim balanced() {
    return new NtkLowerBoundClaim(true);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    List<AssumptionCheck> out = new ArrayList<>();
    out.add(AssumptionCheck.of("s_K(W_L) > 0", m.get(SK_WL), Relation.GREATER, 0));
    if (balanced) {
      double r = m.get(R);
      out.add(AssumptionCheck.of("exact balance: eps2 <= 1e-10 r^2 (ours)", m.get(EPS2), Relation.AT_MOST,
          EXACT_REL * r * r));
    }
    return out;
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double factor = balanced ? m.get(L2) : 1.0;
    double sigma = m.get(SIGMA_K_OUT);
    double sK = m.get(SK_WL);
    return atLeast(balanced ? "||Theta||_op >= L2 sigma_K(Z_L)^2/s_K(W_L)^2" : "||Theta||_op >= sigma_K(Z_L)^2/s_K(W_L)^2",
        m.get(NTK_OP), factor * sigma * sigma / (sK * sK));
  }
}
