package ncverify.theory.claims;

import java.util.List;

/**
 * One theorem or proposition of one paper, as an assumption/conclusion pair on a {@link Measurement}.
 * {@link #evaluate} checks the required quantities are present, then the assumptions; if one fails the
 * verdict is NOT_APPLICABLE, otherwise the conclusion decides HOLDS or VIOLATED. Every result carries
 * the numbers (measured values, thresholds, bound, margin).
 */
public interface Claim {

  /** Stable identifier, e.g. {@code jswm.thm3.1.nc1}. */
  String id();

  /** The paper the statement comes from. */
  Paper paper();

  /** Theorem/proposition as precisely as docs/theory.md allows, e.g. {@code Thm 3.1 (mechanism form)}. */
  String theorem();

  /** The statement in words, with its inequality. */
  String statement();

  /** Names of the quantities {@link #evaluate} reads from the measurement. */
  List<String> requiredQuantities();

  /** The assumptions, each with measured value and threshold. */
  List<AssumptionCheck> assumptions(Measurement m);

  /** The conclusion (measured vs bound); only meaningful when every assumption holds. */
  ConclusionCheck conclusion(Measurement m);

  /** {@code "[JSWM] Thm 3.1 (mechanism form)"}: paper key and theorem, as named in the ledger. */
  default String citation() {
    return paper().key() + " " + theorem();
  }

  /** Theorem-level statement (default) or an identity that holds up to roundoff (docs/theory.md section 6). */
  default ClaimKind kind() {
    return ClaimKind.THEOREM;
  }

  /**
   * A deliberately wrong version, {@code factor} times too strong, for the falsifiability tests: by
   * default {@link StrengthenedClaim} (every bound moved by the factor in the strong direction). A claim
   * whose bound is 0 or a roundoff tolerance overrides this with a wrong factor or sign of its own.
   */
  default Claim strengthened(double factor) {
    return new StrengthenedClaim(this, factor);
  }

  /** Judges the claim on a measurement. */
  default ClaimResult evaluate(Measurement m) {
    m.requireAll(requiredQuantities());
    List<AssumptionCheck> assumptions = List.copyOf(assumptions(m));
    boolean applicable = assumptions.stream().allMatch(AssumptionCheck::holds);
    if (!applicable) {
      return new ClaimResult(id(), paper(), theorem(), Verdict.NOT_APPLICABLE, assumptions, null);
    }
    ConclusionCheck c = conclusion(m);
    return new ClaimResult(id(), paper(), theorem(), c.holds() ? Verdict.HOLDS : Verdict.VIOLATED,
        assumptions, c);
  }
}
