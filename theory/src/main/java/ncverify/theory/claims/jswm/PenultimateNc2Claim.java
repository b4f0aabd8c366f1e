package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Thm 3.1 NC2 of the penultimate layer via W_L (docs/theory.md section 5):
 * kappa(Mbar_{L-1}) &lt;= (1/s_K + d)/(1/s_1 - d), s = singular values of W_L,
 * d = ||W_L Mbar_{L-1} - I_K||_op/s_K + ||P_perp Mbar_{L-1}||_op (P_perp onto ker W_L). Assumptions:
 * s_K(W_L) &gt; 0 and d &lt; 1/s_1 (positive denominator).
 */
public final class PenultimateNc2Claim extends AbstractClaim {

  public PenultimateNc2Claim() {
    super("jswm.thm3.1.nc2.penultimate", Paper.JSWM, "Thm 3.1 NC2 of the penultimate layer (mechanism form)",
        "Class means of the penultimate layer inherit the conditioning of W_L:"
            + " kappa(Mbar_{L-1}) <= (1/s_K + d)/(1/s_1 - d), d = ||W_L Mbar_{L-1} - I_K||_op/s_K"
            + " + ||P_perp Mbar_{L-1}||_op, s = singular values of W_L.",
        List.of(S1_WL, SK_WL, MEANS_FIT_OP, MEANS_LEAK_OP, KAPPA_MBAR_PENULT));
  }

  /** d = ||W_L Mbar - I||_op/s_K + ||P_perp Mbar||_op (infinite when s_K = 0). */
  static double d(Measurement m) {
    double sK = m.get(SK_WL);
    return sK == 0.0 ? Double.POSITIVE_INFINITY : m.get(MEANS_FIT_OP) / sK + m.get(MEANS_LEAK_OP);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("s_K(W_L) > 0", m.get(SK_WL), Relation.GREATER, 0),
        AssumptionCheck.of("d < 1/s_1(W_L)", d(m), Relation.LESS, 1.0 / m.get(S1_WL)));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double d = d(m);
    double bound = (1.0 / m.get(SK_WL) + d) / (1.0 / m.get(S1_WL) - d);
    return atMost("kappa(Mbar_{L-1}) <= (1/s_K + d)/(1/s_1 - d)", m.get(KAPPA_MBAR_PENULT), bound);
  }
}
