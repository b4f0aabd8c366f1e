package ncverify.theory.claims;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;

/**
 * A deliberately wrong version of a claim: the same assumptions, and every bound of the conclusion
 * moved by {@code factor} in the strong direction (upper bounds divided by it, lower bounds multiplied
 * by it when positive; a negative bound moves the other way so the inequality always gets stronger).
 * It exists for the falsifiability tests (docs/theory.md section 6): a claim earns its place only if
 * its 2x-too-strong version comes out VIOLATED on generated cases. A bound equal to 0 cannot be moved
 * by a factor; a claim whose conclusion has one (an identity {@code residual <= tol} with tol at
 * roundoff, a strict sign test) overrides {@link Claim#strengthened} with a wrong-factor version of
 * its own.
 */
public final class StrengthenedClaim implements Claim {

  private final Claim base;
  private final double factor;

  /**
   * @param base the claim to strengthen
   * @param factor how much stronger, {@code > 1} (2 for "2x too strong")
   */
  public StrengthenedClaim(Claim base, double factor) {
    this.base = base;
    this.factor = requireFactor(factor);
  }

  /** {@code factor} when it is finite and &gt; 1 (a strengthening or wrong factor); throws otherwise. */
  public static double requireFactor(double factor) {
    if (!(factor > 1) || Double.isInfinite(factor)) {
      throw InvalidInputException.of("strengthening factor %s must be finite and > 1", factor);
    }
    return factor;
  }

  /** The claim this one strengthens. */
  public Claim base() {
    return base;
  }

  @Override
  public String id() {
    return base.id();
  }

  @Override
  public Paper paper() {
    return base.paper();
  }

  @Override
  public String theorem() {
    return base.theorem() + " (" + factor + "x too strong)";
  }

  @Override
  public String statement() {
    return base.statement();
  }

  @Override
  public ClaimKind kind() {
    return base.kind();
  }

  @Override
  public List<String> requiredQuantities() {
    return base.requiredQuantities();
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return base.assumptions(m);
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return strengthen(base.conclusion(m), factor);
  }

  /** {@code c} with every bound moved by {@code factor} in the strong direction; 0 and infinite bounds stay. */
  public static ConclusionCheck strengthen(ConclusionCheck c, double factor) {
    if (!c.parts().isEmpty()) {
      List<ConclusionCheck> parts = new ArrayList<>();
      for (ConclusionCheck p : c.parts()) {
        parts.add(strengthen(p, factor));
      }
      return ConclusionCheck.allOf(c.description(), parts);
    }
    double b = c.bound();
    boolean shrink = c.relation().isUpperBound() == (b > 0);
    double moved = Double.isFinite(b) ? (shrink ? b / factor : b * factor) : b;
    return ConclusionCheck.of(c.description() + " [" + factor + "x too strong]", c.measured(), c.relation(),
        moved, c.tolerance());
  }
}
