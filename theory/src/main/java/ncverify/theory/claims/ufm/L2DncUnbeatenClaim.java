package ncverify.theory.claims.ufm;

import java.util.List;
import java.util.Locale;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DUFM] claim (3) at L = 2 with the boundary found by the property suite (docs/theory.md section 4.5;
 * reports/FINDINGS.md, "dufm.l2-construction"): for the 2-DUFM, no construction of the T(r)/Kneser
 * family beats DNC when C_DNC/C*(2) &lt;= {@link #CORRECTED_RATIO}; near the DNC collapse it does, so
 * the paper's wording ("L = 2: no construction of this family beats DNC") holds only with that
 * boundary. Conclusion: low_rank_loss &gt;= L_DNC - 1e-9 (both evaluated by the theory objective on
 * explicit matrices). {@link #asStatedInDocs()} is the uncorrected statement (boundary 1: wherever
 * DNC is non-trivial), which the suite must find VIOLATED by generation.
 */
public final class L2DncUnbeatenClaim extends AbstractClaim {

  /** Claim id. */
  public static final String ID = "dufm.l2_dnc_unbeaten";
  /** Quantity: depth L. */
  public static final String L = "L";
  /** Quantity: C_DNC / C*(2). */
  public static final String RATIO = "c_ratio";
  /** Quantity: loss of the best construction (theory objective on its matrices); +inf when none. */
  public static final String LOW_RANK_LOSS = "low_rank_loss";
  /** Quantity: L_DNC (theory objective on the explicit DNC matrices). */
  public static final String DNC_LOSS = "dnc_loss";
  /** The boundary found by the suite (measured crossing 0.7417 for K = 10, 15). */
  public static final double CORRECTED_RATIO = 0.74;
  /** Ties count as not beating DNC: the construction must be lower by more than this. */
  public static final double TIE_MARGIN = 1e-9;

  private final double ratioBound;

  public L2DncUnbeatenClaim() {
    this(CORRECTED_RATIO);
  }

  private L2DncUnbeatenClaim(double ratioBound) {
    super(ID, Paper.DUFM, "claim (3), L = 2, with the suite's boundary C_DNC/C*(2) <= " + ratioBound
            + ", Sec. 4.5 of docs/theory.md",
        String.format(Locale.ROOT, "At L = 2 no construction of the triangular-graph/Kneser family beats deep"
            + " neural collapse when C_DNC/C*(2) <= %s (near the DNC collapse it does).", ratioBound),
        List.of(L, RATIO, LOW_RANK_LOSS, DNC_LOSS));
    this.ratioBound = ratioBound;
  }

  /** The uncorrected statement: wherever DNC is non-trivial (C_DNC/C*(2) &lt; 1). */
  public static L2DncUnbeatenClaim asStatedInDocs() {
    return new L2DncUnbeatenClaim(1.0);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.of("L == 2", m.get(L), Relation.EQUAL, 2),
        AssumptionCheck.of("C_DNC/C*(2) <= " + ratioBound, m.get(RATIO), ratioBound >= 1.0 ? Relation.LESS
            : Relation.AT_MOST, ratioBound),
        AssumptionCheck.of("a construction exists (K >= 6)", Double.isFinite(m.get(LOW_RANK_LOSS)) ? 1 : 0,
            Relation.EQUAL, 1));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("low_rank_loss >= L_DNC - 1e-9", m.get(LOW_RANK_LOSS), Relation.AT_LEAST,
        m.get(DNC_LOSS) - TIE_MARGIN, 0.0);
  }
}
