package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [SELI] balanced special case (docs/theory.md section 2: "Balanced classes: SELI = simplex ETF"): with
 * equal class sizes the CE UFM's classifier Gram is the simplex ETF at every ridge, so
 * max over the path of ndist(W W^T, (I - 11^T/K)/sqrt(K-1)) &lt;= {@link #TOLERANCE} (optimization error
 * only). Quantities: {@code balanced} (1 iff all n_k equal), {@code converged}, {@code etf_dist},
 * {@code ortho_dist} (the largest ndist of W W^T to the orthogonal frame I_K/sqrt(K) along the path).
 *
 * <p>The bound is an optimization tolerance, so the wrong version ({@link #strengthened}) is a wrong
 * geometry instead of a smaller tolerance: the orthogonal frame of bias-free MSE collapse (docs/theory.md
 * section 1), which the CE UFM does not reach.
 */
public final class SeliBalancedEtfClaim extends AbstractClaim {

  /** Claim id. */
  public static final String ID = "seli.balanced_etf";
  /** Quantity: 1 iff every class has the same size. */
  public static final String BALANCED = "balanced";
  /** Quantity: 1 when every run of the path converged. */
  public static final String CONVERGED = "converged";
  /** Quantity: the largest ndist of W W^T to the simplex ETF Gram along the path. */
  public static final String ETF_DIST = "etf_dist";
  /** Quantity: the largest ndist of W W^T to the orthogonal frame I_K/sqrt(K) along the path. */
  public static final String ORTHO_DIST = "ortho_dist";
  /**
   * Allowed distance: optimization error of a run stopped at relative stationarity 1e-4 (the exact
   * optimum is the ETF; measured distances are ~1e-15..1e-11, so 1e-6 leaves five orders of margin).
   */
  public static final double TOLERANCE = 1e-6;

  public SeliBalancedEtfClaim() {
    super(ID, Paper.SELI, "Thm (SELI limit, balanced classes: SELI = simplex ETF), Sec. 2 of docs/theory.md",
        "With balanced classes the CE UFM's classifier Gram W W^T is (up to scale) the simplex ETF"
            + " (I - 11^T/K)/sqrt(K-1) at every ridge lambda.",
        List.of(BALANCED, CONVERGED, ETF_DIST, ORTHO_DIST));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("balanced classes", m.get(BALANCED) == 1.0),
        AssumptionCheck.flag("every run converged", m.get(CONVERGED) == 1.0));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return ConclusionCheck.of("max_lambda ndist(W W^T, ETF) <= " + TOLERANCE, m.get(ETF_DIST), Relation.AT_MOST,
        TOLERANCE, 0.0);
  }

  /** The wrong-geometry version: W W^T is the orthogonal frame, to the same tolerance / factor. */
  @Override
  public Claim strengthened(double factor) {
    SeliBalancedEtfClaim base = this;
    return new AbstractClaim(ID, Paper.SELI, theorem() + " (wrong geometry: orthogonal frame)", statement(),
        requiredQuantities()) {
      @Override
      public List<AssumptionCheck> assumptions(Measurement m) {
        return base.assumptions(m);
      }

      @Override
      public ConclusionCheck conclusion(Measurement m) {
        return ConclusionCheck.of("max_lambda ndist(W W^T, I/sqrt(K)) <= " + TOLERANCE / factor + " [wrong geometry]",
            m.get(ORTHO_DIST), Relation.AT_MOST, TOLERANCE / factor, 0.0);
      }
    };
  }
}
