package ncverify.theory.claims.ufm;

import java.util.List;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Measurement;

/**
 * [SELI] normalized logits (docs/theory.md section 2): W H / ||W H|| -&gt; Zhat / ||Zhat|| as lambda -&gt; 0, the
 * embeddings and classifiers interpolate the simplex-encoded label matrix whatever the imbalance. A
 * {@link SeliLimitClaim} with object {@code logits}: the certified optimum at every ridge and the
 * second-order rate (the logits of the expansion are ln(1/lambda) Zhat + S B Y). The within-class term
 * of the tolerance is 2 ||W||_op ||H - Hbar Y||_F / ||W H||_F. Assumes unequal class sizes (balanced
 * classes give Zhat exactly at every lambda).
 */
public final class SeliLogitsClaim extends SeliLimitClaim {

  /** Claim id. */
  public static final String ID = "seli.logits";
  /** Object prefix: the logits W H. */
  public static final String OBJECT = "logits";

  public SeliLogitsClaim() {
    super(ID, "Thm (SELI limit: W H / ||W H|| -> Zhat / ||Zhat|| as lambda -> 0), with the certified optimum and"
            + " the second-order rate of docs/theory.md section 2",
        "As the ridge lambda -> 0, the CE UFM's logits W H converge (up to scale) to the simplex-encoded label"
            + " matrix Zhat = (I - 11^T/K) Y for any class sizes: at every lambda they are the certified optimum"
            + " of min CE(X) + lambda ||X||_*, within (1 + 1/ln(1/lambda)) x the second-order distance of Zhat.",
        OBJECT, OBJECT);
  }

  @Override
  protected List<AssumptionCheck> extraAssumptions(Measurement m) {
    return List.of(AssumptionCheck.flag("unequal class sizes", m.get(IMBALANCED) == 1.0));
  }
}
