package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.IDENTITY_REL;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] critical-point balancedness (docs/theory.md section 5): lambda D_l = W_{l+1}^T R_{l+1} - R_l W_l^T
 * with R the full gradient including weight decay, so every critical point with lambda &gt; 0 has an
 * exactly balanced head, and ||D_l||_op &lt;= (||W_{l+1}||_op ||R_{l+1}||_op + ||R_l||_op ||W_l||_op)/lambda.
 * Both the identity (residual &lt;= {@link JswmThresholds#IDENTITY_REL} x scale) and the bound are checked.
 */
public final class CriticalBalancednessClaim extends AbstractClaim {

  public CriticalBalancednessClaim() {
    super("jswm.critical.balancedness", Paper.JSWM, "critical-point balancedness (mechanism form)",
        "With weight decay the head imbalance is controlled by the gradient: lambda D_l = W_{l+1}^T R_{l+1}"
            + " - R_l W_l^T, hence ||D_l||_op <= (||W_{l+1}||_op ||R_{l+1}||_op + ||R_l||_op ||W_l||_op)/lambda"
            + " and every critical point with lambda > 0 is exactly balanced.",
        List.of(L2, LAMBDA, CRIT_D_OP, CRIT_BOUND, CRIT_IDENTITY_RESIDUAL, CRIT_IDENTITY_SCALE));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("lambda > 0", m.get(LAMBDA), Relation.GREATER, 0),
        AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.allOf("lambda D_l = W_{l+1}^T R_{l+1} - R_l W_l^T and its norm bound", List.of(
        ConclusionCheck.of("||lambda D_l - (W_{l+1}^T R_{l+1} - R_l W_l^T)|| = 0 (<= 1e-9 scale)",
            m.get(CRIT_IDENTITY_RESIDUAL), Relation.AT_MOST, IDENTITY_REL * m.get(CRIT_IDENTITY_SCALE), 0.0),
        atMost("||D_l||_op <= (||W_{l+1}|| ||R_{l+1}|| + ||R_l|| ||W_l||)/lambda", m.get(CRIT_D_OP),
            m.get(CRIT_BOUND))));
  }
}
