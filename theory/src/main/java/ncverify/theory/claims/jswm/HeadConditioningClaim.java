package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.ROW_SPACE_REL;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Thm 3.1 NC2 from conditioning (docs/theory.md section 5): if A Z_{L1} = Y + R and
 * row(A) in col(Z_{L1}), then kappa(A) &lt;= kappa(Z_{L1}) (sqrt(n_max) + ||R||_op)/(sqrt(n_min) - ||R||_op).
 * Assumptions: ||R||_op &lt; sqrt(n_min) (positive denominator) and ||A (I - P_Z)||_op &lt;=
 * {@link JswmThresholds#ROW_SPACE_REL} ||A||_op.
 */
public final class HeadConditioningClaim extends AbstractClaim {

  public HeadConditioningClaim() {
    super("jswm.thm3.1.nc2.kappa_a", Paper.JSWM, "Thm 3.1 NC2 from conditioning (mechanism form)",
        "A head that fits the labels from well-conditioned features is well conditioned:"
            + " kappa(A) <= kappa(Z_{L1}) (sqrt(n_max) + ||R||_op)/(sqrt(n_min) - ||R||_op),"
            + " R = A Z_{L1} - Y, when row(A) lies in col(Z_{L1}).",
        List.of(N_MIN, N_MAX, RESIDUAL_OP, ROW_A_OUTSIDE_COL_Z, KAPPA_A, KAPPA_Z_IN));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("||R||_op < sqrt(n_min)", m.get(RESIDUAL_OP), Relation.LESS, Math.sqrt(m.get(N_MIN))),
        AssumptionCheck.of("row(A) in col(Z_L1): ||A(I - P_Z)||_op/||A||_op <= 1e-8 (ours)",
            m.get(ROW_A_OUTSIDE_COL_Z), Relation.AT_MOST, ROW_SPACE_REL));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double res = m.get(RESIDUAL_OP);
    double bound = m.get(KAPPA_Z_IN) * (Math.sqrt(m.get(N_MAX)) + res) / (Math.sqrt(m.get(N_MIN)) - res);
    return atMost("kappa(A) <= kappa(Z_L1) (sqrt(n_max) + ||R||_op)/(sqrt(n_min) - ||R||_op)", m.get(KAPPA_A),
        bound);
  }
}
