package ncverify.theory.claims;

import java.util.List;

/** Holds the descriptive fields of a {@link Claim}; subclasses supply assumptions and conclusion. */
public abstract class AbstractClaim implements Claim {

  /** Relative roundoff allowance of the non-strict inequalities (floating point only, never looseness). */
  public static final double ROUNDOFF_REL = 1e-9;
  /** Absolute roundoff allowance of the non-strict inequalities. */
  public static final double ROUNDOFF_ABS = 1e-12;

  private final String id;
  private final Paper paper;
  private final String theorem;
  private final String statement;
  private final List<String> required;

  protected AbstractClaim(String id, Paper paper, String theorem, String statement, List<String> required) {
    this.id = id;
    this.paper = paper;
    this.theorem = theorem;
    this.statement = statement;
    this.required = List.copyOf(required);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final Paper paper() {
    return paper;
  }

  @Override
  public final String theorem() {
    return theorem;
  }

  @Override
  public final String statement() {
    return statement;
  }

  @Override
  public final List<String> requiredQuantities() {
    return required;
  }

  /** {@code measured <= bound} up to roundoff. */
  protected static ConclusionCheck atMost(String description, double measured, double bound) {
    return ConclusionCheck.of(description, measured, Relation.AT_MOST, bound,
        ConclusionCheck.roundoff(ROUNDOFF_REL, ROUNDOFF_ABS, measured, bound));
  }

  /** {@code measured >= bound} up to roundoff. */
  protected static ConclusionCheck atLeast(String description, double measured, double bound) {
    return ConclusionCheck.of(description, measured, Relation.AT_LEAST, bound,
        ConclusionCheck.roundoff(ROUNDOFF_REL, ROUNDOFF_ABS, measured, bound));
  }

  @Override
  public String toString() {
    return id + " " + citation();
  }
}
