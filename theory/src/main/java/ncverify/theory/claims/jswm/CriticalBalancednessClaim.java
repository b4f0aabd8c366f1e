package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static ncverify.theory.claims.jswm.JswmThresholds.IDENTITY_REL;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import ncverify.theory.claims.StrengthenedClaim;

/**
 * [JSWM] critical-point balancedness (docs/theory.md section 5): for a pair of linear head layers,
 * lambda D_l = W_{l+1}^T R_{l+1} - R_l W_l^T with R the full gradient including weight decay, so every
 * critical point with lambda &gt; 0 has an exactly balanced head, and
 * ||D_l||_op &lt;= (||W_{l+1}||_op ||R_{l+1}||_op + ||R_l||_op ||W_l||_op)/lambda near one.
 *
 * <p>R comes from the trainer's own backprop ({@link JswmQuantities#criticalPoint}), never from a
 * gradient computed for the claim, so the identity cross-checks the training engine's gradients and
 * weight decay against the theory: it holds for any weights up to roundoff when they are right, which
 * makes the claim an {@link ClaimKind#IDENTITY} (a violation is a bug in the code under test). Both the
 * identity (residual &lt;= {@link JswmThresholds#IDENTITY_REL} x scale) and the bound are checked. Its
 * wrong version ({@link #strengthened}) puts a factor on lambda D_l.
 */
public final class CriticalBalancednessClaim extends AbstractClaim {

  private final double factor;

  public CriticalBalancednessClaim() {
    this(1.0);
  }

  private CriticalBalancednessClaim(double factor) {
    super("jswm.critical.balancedness", Paper.JSWM,
        factor == 1.0 ? "critical-point balancedness (mechanism form)"
            : String.format(java.util.Locale.ROOT, "critical-point balancedness (mechanism form; wrong factor %s"
                + " on lambda D_l)", factor),
        "With weight decay the head imbalance is controlled by the trainer's gradient: lambda D_l ="
            + " W_{l+1}^T R_{l+1} - R_l W_l^T, hence ||D_l||_op <= (||W_{l+1}||_op ||R_{l+1}||_op + ||R_l||_op"
            + " ||W_l||_op)/lambda and every critical point with lambda > 0 is exactly balanced (R: the full"
            + " gradient, weight decay included, from the training engine's backprop).",
        List.of(L2, LAMBDA, CRIT_D_OP, CRIT_BOUND, CRIT_IDENTITY_RESIDUAL, CRIT_IDENTITY_SCALE, CRIT_LAMBDA_D));
    this.factor = factor;
  }

  @Override
  public ClaimKind kind() {
    return ClaimKind.IDENTITY;
  }

  /**
   * The wrong version {@code factor lambda D_l = W_{l+1}^T R_{l+1} - R_l W_l^T}: its residual is at least
   * (factor - 1) lambda ||D_l|| minus the true residual, so it fails wherever the head is measurably
   * unbalanced.
   */
  @Override
  public Claim strengthened(double factor) {
    return new CriticalBalancednessClaim(StrengthenedClaim.requireFactor(factor));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("lambda > 0", m.get(LAMBDA), Relation.GREATER, 0),
        AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    double scale = m.get(CRIT_IDENTITY_SCALE);
    if (factor != 1.0) {
      // the wrong identity: its residual is at least (factor - 1) lambda ||D|| - residual (triangle inequality)
      double wrongResidual = Math.max(0.0, (factor - 1.0) * m.get(CRIT_LAMBDA_D) - m.get(CRIT_IDENTITY_RESIDUAL));
      return ConclusionCheck.of(String.format(java.util.Locale.ROOT,
          "||%s lambda D_l - (W_{l+1}^T R_{l+1} - R_l W_l^T)|| = 0 (<= 1e-9 scale)", factor), wrongResidual,
          Relation.AT_MOST, IDENTITY_REL * scale * factor, 0.0);
    }
    return ConclusionCheck.allOf("lambda D_l = W_{l+1}^T R_{l+1} - R_l W_l^T and its norm bound", List.of(
        ConclusionCheck.of("||lambda D_l - (W_{l+1}^T R_{l+1} - R_l W_l^T)|| = 0 (<= 1e-9 scale)",
            m.get(CRIT_IDENTITY_RESIDUAL), Relation.AT_MOST, IDENTITY_REL * scale, 0.0),
        atMost("||D_l||_op <= (||W_{l+1}|| ||R_{l+1}|| + ||R_l|| ||W_l||)/lambda", m.get(CRIT_D_OP),
            m.get(CRIT_BOUND))));
  }
}
