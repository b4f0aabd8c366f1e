package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DUFM] DNC is not optimal beyond two layers and two classes (docs/theory.md section 4, claim (2)): for
 * L &gt;= 4 with K &gt;= 6, or L = 3 with K &gt;= 10, whenever L_DNC &lt; 1/2 the triangular-graph
 * (T(r)/Kneser) low-rank construction has a strictly lower loss. Judged against both upper bounds on the
 * optimum that the study has: the construction and the best of several gradient-descent runs, every loss
 * evaluated by the theory objective on explicit matrices: min(low_rank_loss, gd_loss) &lt; dnc_loss
 * (strict). Neither is the optimum itself.
 */
public final class DncNotOptimalClaim extends AbstractClaim {

  /** Quantity: number of classes. */
  public static final String K = "K";
  /** Quantity: depth L. */
  public static final String L = "L";
  /** Quantity: loss of the low-rank construction, evaluated directly on its matrices. */
  public static final String LOW_RANK_LOSS = "low_rank_loss";
  /** Quantity: L_DNC. */
  public static final String DNC_LOSS = "dnc_loss";
  /** Quantity: best theory objective of several GD runs on the instance (+inf when none was run). */
  public static final String GD_LOSS = "gd_loss";

  public DncNotOptimalClaim() {
    super("dufm.dnc_not_optimal", Paper.DUFM, "Thm (DNC not optimal for L >= 3), Sec. 4 (2) of docs/theory.md",
        "Deep neural collapse is not optimal in the deep UFM: for L >= 4 and K >= 6, or L = 3 and K >= 10,"
            + " the low-rank triangular-graph construction is strictly below L_DNC whenever L_DNC < 1/2.",
        List.of(K, L, LOW_RANK_LOSS, DNC_LOSS, GD_LOSS));
  }

  /** 1 when (L >= 4 and K >= 6) or (L = 3 and K >= 10), else 0. */
  public static boolean depthWidthRegime(int k, int l) {
    return (l >= 4 && k >= 6) || (l == 3 && k >= 10);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.flag("(L >= 4 and K >= 6) or (L = 3 and K >= 10)",
            depthWidthRegime(m.getInt(K), m.getInt(L))),
        AssumptionCheck.of("L_DNC < 1/2", m.get(DNC_LOSS), Relation.LESS, 0.5));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("min(low_rank_loss, gd_loss) < L_DNC",
        Math.min(m.get(LOW_RANK_LOSS), m.get(GD_LOSS)), Relation.LESS, m.get(DNC_LOSS), 0.0);
  }
}
