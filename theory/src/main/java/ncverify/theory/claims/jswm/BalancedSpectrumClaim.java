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
 * [JSWM] balanced head spectrum, approximate form (docs/theory.md section 5): for every consecutive head
 * pair, |s_i(W_{l+1})^2 - s_i(W_l)^2| &lt;= ||D_l||_op, D_l = W_{l+1}^T W_{l+1} - W_l W_l^T (Weyl).
 * Measured on the pair with the least slack.
 */
public final class BalancedSpectrumClaim extends AbstractClaim {

  public BalancedSpectrumClaim() {
    super("jswm.lemma.balanced_spectrum", Paper.JSWM, "balanced head spectrum (mechanism form)",
        "Consecutive head layers have nearly equal squared singular values:"
            + " max_i |s_i(W_{l+1})^2 - s_i(W_l)^2| <= ||W_{l+1}^T W_{l+1} - W_l W_l^T||_op.",
        List.of(L2, SPECTRUM_SQ_DIFF, SPECTRUM_PAIR_D_OP));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return atMost("max_i |s_i(W_{l+1})^2 - s_i(W_l)^2| <= ||D_l||_op", m.get(SPECTRUM_SQ_DIFF),
        m.get(SPECTRUM_PAIR_D_OP));
  }
}
