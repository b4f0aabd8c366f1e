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
 * [JSWM] kernel lemma (exact, tight; docs/theory.md section 5): with P_perp the projector onto ker W_L,
 * ||P_perp W_{L-1}||_op^2 &lt;= lambda_max(W_{L-1} W_{L-1}^T - W_L^T W_L)_+ &lt;= eps2. Both links of the
 * chain are checked.
 */
public final class KernelLemmaClaim extends AbstractClaim {

  public KernelLemmaClaim() {
    super("jswm.lemma.kernel", Paper.JSWM, "kernel lemma (mechanism form)",
        "What W_{L-1} sends into the kernel of W_L is controlled by the imbalance of the last pair:"
            + " ||P_perp W_{L-1}||_op^2 <= lambda_max(W_{L-1} W_{L-1}^T - W_L^T W_L)_+ <= eps2.",
        List.of(L2, KERNEL_LEAK_SQ, LAMBDA_MAX_PLUS, EPS2));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.allOf("||P_perp W_{L-1}||_op^2 <= lambda_max(.)_+ <= eps2", List.of(
        atMost("||P_perp W_{L-1}||_op^2 <= lambda_max(W_{L-1} W_{L-1}^T - W_L^T W_L)_+", m.get(KERNEL_LEAK_SQ),
            m.get(LAMBDA_MAX_PLUS)),
        atMost("lambda_max(W_{L-1} W_{L-1}^T - W_L^T W_L)_+ <= eps2", m.get(LAMBDA_MAX_PLUS), m.get(EPS2))));
  }
}
