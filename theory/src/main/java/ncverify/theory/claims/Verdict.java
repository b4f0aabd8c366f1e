package ncverify.theory.claims;

/** Outcome of judging a {@link Claim} on a {@link Measurement}. */
public enum Verdict {
  /** Every assumption holds and the conclusion holds. */
  HOLDS,
  /** Every assumption holds and the conclusion fails: a bug in our code or a genuine finding. */
  VIOLATED,
  /** Some assumption fails, so the claim says nothing about this measurement. */
  NOT_APPLICABLE
}
