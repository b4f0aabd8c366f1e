package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DUFM2] binary DNC optimality (docs/theory.md section 4, claim (1)): for K = 2 and any depth L, deep neural
 * collapse is the global optimum of the L-DUFM, so no solution (constructed or trained) goes below
 * L_DNC = min_s (1 - s)^2/2 + C s^{2/(L+1)}: reached_loss &gt;= dnc_loss - tol,
 * tol = 1e-9 + 1e-6 |dnc_loss|.
 */
public final class BinaryDncOptimalClaim extends AbstractClaim {

  /** Quantity: number of classes. */
  public static final String K = "K";
  /** Quantity: loss reached by training or a construction. */
  public static final String REACHED_LOSS = "reached_loss";
  /** Quantity: L_DNC. */
  public static final String DNC_LOSS = "dnc_loss";

  public BinaryDncOptimalClaim() {
    super("dufm.binary_dnc_optimal", Paper.DUFM2, "Thm (DNC optimal for K = 2), Sec. 4 (1) of docs/theory.md",
        "With two classes deep neural collapse is globally optimal in the deep UFM for every depth:"
            + " no solution reaches a loss below L_DNC.",
        List.of(K, REACHED_LOSS, DNC_LOSS));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.of("K == 2", m.get(K), Relation.EQUAL, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double dnc = m.get(DNC_LOSS);
    return ConclusionCheck.of("reached_loss >= L_DNC - tol", m.get(REACHED_LOSS), Relation.AT_LEAST, dnc,
        UfmLossClaims.tolerance(dnc));
  }
}
