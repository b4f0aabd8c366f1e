package ncverify.theory.claims;

/**
 * What kind of statement a {@link Claim} is (docs/theory.md section 6). A theorem-level claim has
 * measured outcomes of training or of a construction as assumptions and a conclusion the paper
 * promises, so a trained model can violate it. An identity holds for any input up to roundoff (an
 * algebraic identity of the method, checked on the model's own matrices): it catches bugs in the code
 * that computes it, not limits of a theorem, and the ledger never counts it among the verified claims.
 */
public enum ClaimKind {
  /** Assumptions are measured outcomes, the conclusion is the paper's; a wrong model can violate it. */
  THEOREM,
  /** Holds for any matrices up to roundoff; a violation is a bug in the code under test. */
  IDENTITY
}
