package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DUFM] the lambda window (docs/theory.md section 4.5, claim (6); K = 10, L = 4: lambda in
 * (0.0210, 0.0264)): where DNC is optimal only up to its collapse, the low-rank construction outlives
 * it. Judged at the DNC collapse lambda_c = 2 C*(L)/(K (L+1) n^{1/(L+1)}) (times 1 + 1e-9, so DNC is
 * the zero solution): for (L &gt;= 4, K &gt;= 6) or (L = 3, K &gt;= 10), L_DNC = 1/2 there while the
 * construction, evaluated by the theory objective on its matrices, is non-trivial:
 * low_rank_loss &lt; 1/2 (strict). Its loss is continuous in lambda, so the window above lambda_c is
 * non-empty; its certified width ((1/2 - fit)/reg - 1, the same matrices at a larger lambda) is
 * recorded by the study.
 */
public final class LambdaWindowClaim extends AbstractClaim {

  /** Claim id. */
  public static final String ID = "dufm.lambda_window";
  /** Quantity: number of classes. */
  public static final String K = "K";
  /** Quantity: depth. */
  public static final String L = "L";
  /** Quantity: L_DNC at the judged lambda. */
  public static final String DNC_LOSS = "dnc_loss";
  /** Quantity: the construction's loss at the judged lambda (+inf when none). */
  public static final String LOW_RANK_LOSS = "low_rank_loss";

  public LambdaWindowClaim() {
    super(ID, Paper.DUFM, "claim (6), lambda window above the DNC collapse, Sec. 4.5 of docs/theory.md",
        "For L >= 4 and K >= 6, or L = 3 and K >= 10, at the lambda where DNC collapses to the zero solution"
            + " (L_DNC = 1/2) the low-rank construction is still non-trivial (loss < 1/2), so there is a"
            + " window of lambdas where DNC is trivial and the low-rank solution is not.",
        List.of(K, L, DNC_LOSS, LOW_RANK_LOSS));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.flag("(L >= 4 and K >= 6) or (L = 3 and K >= 10)",
            DncNotOptimalClaim.depthWidthRegime(m.getInt(K), m.getInt(L))),
        AssumptionCheck.of("DNC collapsed: L_DNC >= 1/2", m.get(DNC_LOSS), Relation.AT_LEAST, 0.5 - 1e-12));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("low_rank_loss < 1/2", m.get(LOW_RANK_LOSS), Relation.LESS, 0.5, 0.0);
  }
}
