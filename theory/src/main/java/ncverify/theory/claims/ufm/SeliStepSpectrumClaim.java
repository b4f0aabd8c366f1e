package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Relation;

/**
 * [SELI] (R, rho)-STEP closed form (docs/theory.md section 2): the eigenvalues of G_W = W W^T converge (up
 * to scale) to the singular values of Zhat, which for STEP imbalance are sqrt(R n_min) ((1-rho)K - 1
 * times), sqrt(n_min (1 - rho + rho R)) (once), sqrt(n_min) (rho K - 1 times) and 0
 * ({@link ncverify.theory.geometry.StepImbalance#singularValues()}). A {@link SeliLimitClaim} with object
 * {@code spectrum}: the distance is || lambda(G_W)/||G_W||_F - s/||s|| ||_2 (sorted descending), s the
 * closed form; the certificate tolerance is the classifier Gram's (Hoffman-Wielandt: sorted eigenvalues
 * move by at most the Frobenius distance). Assumes STEP sizes (two distinct values) and K &gt;= 3.
 * Extra quantity: {@code step} (1 for STEP sizes).
 */
public final class SeliStepSpectrumClaim extends SeliLimitClaim {

  /** Claim id. */
  public static final String ID = "seli.step_spectrum";
  /** Object prefix: the spectrum of W W^T. */
  public static final String OBJECT = "spectrum";
  /** Quantity: 1 when the class sizes take exactly two values ((R, rho)-STEP). */
  public static final String STEP = "step";

  public SeliStepSpectrumClaim() {
    super(ID, "Sec. 2, (R, rho)-STEP closed-form singular values of Zhat (limit of the spectrum of W W^T), with"
            + " the certified optimum and the second-order rate of docs/theory.md section 2",
        "For (R, rho)-STEP imbalance the eigenvalues of the CE UFM's W W^T converge (up to scale) to the closed"
            + " form sqrt(R n_min) x ((1-rho)K-1), sqrt(n_min(1-rho+rho R)) x 1, sqrt(n_min) x (rho K-1), 0:"
            + " at every lambda they are the certified optimum's, within (1 + 1/ln(1/lambda)) x the second-order"
            + " distance of the closed form.",
        OBJECT, SeliConvergenceClaim.OBJECT);
  }

  @Override
  protected List<AssumptionCheck> extraAssumptions(Measurement m) {
    return List.of(AssumptionCheck.of("K >= 3", m.get(K), Relation.AT_LEAST, 3),
        AssumptionCheck.flag("(R, rho)-STEP class sizes (two distinct values)", m.get(STEP) == 1.0));
  }
}
