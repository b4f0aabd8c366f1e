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
 * [JSWM] Thm 5.2 mechanism, near-optimal implies a conditioned head (docs/theory.md section 5): with
 * c_head = sum_head ||W_l||^2 - L2 K, beta = 2K log_+(||Z_{L1}||_op / sigma_K(Z_L)) and
 * delta = (c_head + beta)/L2, kappa(A)^{1/L2} &lt;= sqrt(u/l) where l &lt; 1 &lt; u are the roots of
 * x - 1 - log x = delta ({@link ConditioningRoots}). The proof also gives delta &gt;= 0; a negative
 * measured delta is reported as a violation (bound 0 on -delta would be meaningless), see
 * {@link #conclusion}.
 */
public final class HeadNormConditioningClaim extends AbstractClaim {

  public HeadNormConditioningClaim() {
    super("jswm.thm5.2.conditioning", Paper.JSWM, "Thm 5.2 near-optimal head is conditioned (mechanism form)",
        "A head whose squared norm is close to its minimum L2 K is well conditioned:"
            + " kappa(A)^{1/L2} <= sqrt(u/l), l < 1 < u the roots of x - 1 - log x = delta,"
            + " delta = (sum_head ||W_l||^2 - L2 K + 2K log_+(||Z_L1||_op/sigma_K(Z_L)))/L2.",
        List.of(K, L2, HEAD_SQ_NORM, Z_IN_OP, SIGMA_K_OUT, KAPPA_A));
  }

  /** delta = (c_head + beta)/L2 recomputed from its parts. */
  static double delta(Measurement m) {
    double k = m.get(K);
    double l2 = m.get(L2);
    double cHead = m.get(HEAD_SQ_NORM) - l2 * k;
    double beta = 2.0 * k * Math.max(0.0, Math.log(m.get(Z_IN_OP) / m.get(SIGMA_K_OUT)));
    return (cHead + beta) / l2;
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("sigma_K(Z_L) > 0", m.get(SIGMA_K_OUT), Relation.GREATER, 0),
        AssumptionCheck.of("L2 >= 1", m.get(L2), Relation.AT_LEAST, 1));
  }

  /**
   * kappa(A)^{1/L2} &lt;= sqrt(u/l) and, as part of the proof, delta &gt;= 0 (sum_i (a_i - 1 - log a_i)
   * &lt;= delta with non-negative terms).
   */
  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double delta = delta(m);
    double root = Math.pow(m.get(KAPPA_A), 1.0 / m.get(L2));
    ConclusionCheck nonNegative = atLeast("delta >= 0", delta, 0.0);
    if (!nonNegative.holds() || !Double.isFinite(delta)) {
      return ConclusionCheck.allOf("delta >= 0 and kappa(A)^{1/L2} <= sqrt(u/l)", List.of(nonNegative));
    }
    double bound = ConditioningRoots.of(Math.max(0.0, delta)).sqrtRatio();
    return ConclusionCheck.allOf("delta >= 0 and kappa(A)^{1/L2} <= sqrt(u/l)", List.of(nonNegative,
        atMost("kappa(A)^{1/L2} <= sqrt(u/l)", root, bound)));
  }
}
