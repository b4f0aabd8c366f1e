package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [DUFM] claim (5): some global optimum of the L-DUFM satisfies DNC1 (docs/theory.md section 4.5), with
 * the construction that shows it. The objective is a sum of per-sample terms
 * (1/(2N))||f(h_i) - y_i||^2 + (lambda_H/2)||h_i||^2 plus the weight terms, so replacing every sample of
 * class k by the sample of class k with the smallest per-sample term (weights unchanged) never raises
 * the objective and collapses every layer (later layers are functions of H_1). Judged on the best
 * point of the try (the trained ReLU network of {@code dufm.gd-vs-dnc}, theory objective): its
 * collapsed version has collapsed_loss &lt;= best_loss (roundoff) and relative within-class scatter
 * ||H_l - Hbar_l Y|| = 0 in every layer. Kind: identity: the inequality holds at every point of a
 * per-sample separable objective, so it checks the theory objective's separability, and applied to an
 * optimum it is the proof of the claim.
 */
public final class Dnc1OptimumClaim extends AbstractClaim {

  /** Claim id. */
  public static final String ID = "dufm.dnc1_optimum";
  /** Quantity: theory objective of the best point found. */
  public static final String BEST_LOSS = "best_loss";
  /** Quantity: theory objective of its per-class collapsed version. */
  public static final String COLLAPSED_LOSS = "collapsed_loss";
  /** Quantity: max over layers of ||H_l - Hbar_l Y|| / (||H_l|| + 1e-300) at the collapsed point. */
  public static final String COLLAPSED_SCATTER = "collapsed_scatter";

  public Dnc1OptimumClaim() {
    super(ID, Paper.DUFM, "claim (5), DNC1 at some global optimum (per-sample separability), Sec. 4.5 of"
            + " docs/theory.md",
        "Some global optimum of the deep UFM satisfies DNC1: replacing every sample of a class by the class's"
            + " best sample keeps the objective at most as large and collapses every layer.",
        List.of(BEST_LOSS, COLLAPSED_LOSS, COLLAPSED_SCATTER));
  }

  @Override
  public ClaimKind kind() {
    return ClaimKind.IDENTITY;
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.of("a finite best point", Double.isFinite(m.get(BEST_LOSS)) ? 1 : 0,
        Relation.EQUAL, 1));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.allOf("collapsed_loss <= best_loss and no within-class scatter", List.of(
        atMost("collapsed_loss <= best_loss", m.get(COLLAPSED_LOSS), m.get(BEST_LOSS)),
        ConclusionCheck.of("within-class scatter of the collapsed point <= 1e-12", m.get(COLLAPSED_SCATTER),
            Relation.AT_MOST, 1e-12, 0.0)));
  }
}
