package ncverify.theory.claims;

import java.util.Comparator;
import java.util.List;
import ncverify.theory.InvalidInputException;

/**
 * The conclusion of a claim on a measurement: {@code measured relation bound}. The margin is
 * {@code bound - measured} for upper bounds and {@code measured - bound} for lower bounds, so a
 * negative margin means the inequality fails. Non-strict relations hold when
 * {@code margin >= -tolerance} (tolerance absorbs floating-point roundoff only, never looseness);
 * strict relations hold when {@code margin > 0}.
 *
 * <p>A conclusion made of several inequalities (a chain {@code a <= b <= c}, or "decreasing and small")
 * is built with {@link #allOf}: it holds iff every part holds, and reports the binding part (the
 * first failing one, else the one with the smallest margin) as its own numbers.
 *
 * @param description the inequality in words/symbols
 * @param measured the measured value
 * @param relation {@code <}, {@code <=}, {@code >} or {@code >=}
 * @param bound the bound the claim asserts
 * @param tolerance roundoff allowance for non-strict relations (0 for strict ones)
 * @param margin signed slack in the claim's direction
 * @param holds whether the conclusion holds
 * @param parts the component inequalities of a composite conclusion, empty otherwise
 */
public record ConclusionCheck(String description, double measured, Relation relation, double bound,
    double tolerance, double margin, boolean holds, List<ConclusionCheck> parts) {

  public ConclusionCheck {
    if (Double.isNaN(measured) || Double.isNaN(bound)) {
      throw InvalidInputException.of("conclusion '%s': measured %s or bound %s is NaN", description,
          measured, bound);
    }
    if (relation == Relation.EQUAL) {
      throw new InvalidInputException("a conclusion is an inequality; state equalities as |a - b| <= tol");
    }
    parts = List.copyOf(parts);
  }

  /** Checks {@code measured relation bound} with the given roundoff tolerance. */
  public static ConclusionCheck of(String description, double measured, Relation relation, double bound,
      double tolerance) {
    if (!(tolerance >= 0)) {
      throw InvalidInputException.of("conclusion '%s': tolerance %s must be >= 0", description, tolerance);
    }
    double margin = relation.isUpperBound() ? bound - measured : measured - bound;
    if (Double.isNaN(margin)) {
      // both infinite in the same direction: the inequality is inf <= inf, which holds
      margin = 0.0;
    }
    boolean holds = relation.isStrict() ? margin > 0 : margin >= -tolerance;
    return new ConclusionCheck(description, measured, relation, bound, relation.isStrict() ? 0.0 : tolerance,
        margin, holds, List.of());
  }

  /** Composite conclusion: holds iff all parts hold; reports the binding part's numbers. */
  public static ConclusionCheck allOf(String description, List<ConclusionCheck> parts) {
    if (parts.isEmpty()) {
      throw new InvalidInputException("a composite conclusion needs at least one part");
    }
    ConclusionCheck binding = parts.stream().filter(p -> !p.holds()).findFirst()
        .orElseGet(() -> parts.stream().min(Comparator.comparingDouble(ConclusionCheck::margin)).get());
    boolean holds = parts.stream().allMatch(ConclusionCheck::holds);
    return new ConclusionCheck(description, binding.measured(), binding.relation(), binding.bound(),
        binding.tolerance(), binding.margin(), holds, parts);
  }

  /**
   * How close the measured value comes to the bound, as a ratio that is at most 1 when the inequality
   * holds (up to roundoff) and exceeds 1 when it fails: {@code measured / bound} for upper bounds,
   * {@code bound / measured} for lower bounds (docs/theory.md section 6, tightness). A composite
   * conclusion reports the largest ratio of its parts. NaN when the ratio is undefined: a bound or
   * measured value that is infinite, zero, or of the other sign than the ratio needs (e.g. an upper
   * bound {@code <= 0}); such conclusions are compared through {@link #margin()} instead.
   */
  public double tightness() {
    if (!parts.isEmpty()) {
      double worst = Double.NaN;
      for (ConclusionCheck p : parts) {
        double t = p.tightness();
        if (!Double.isNaN(t) && (Double.isNaN(worst) || t > worst)) {
          worst = t;
        }
      }
      return worst;
    }
    double num = relation.isUpperBound() ? measured : bound;
    double den = relation.isUpperBound() ? bound : measured;
    if (!Double.isFinite(num) || !Double.isFinite(den) || !(den > 0) || num < 0) {
      return Double.NaN;
    }
    return num / den;
  }

  /** Roundoff tolerance used by the claims: {@code rel * (|a| + |b|) + abs}, infinite values ignored. */
  public static double roundoff(double rel, double abs, double a, double b) {
    double s = (Double.isFinite(a) ? Math.abs(a) : 0.0) + (Double.isFinite(b) ? Math.abs(b) : 0.0);
    return rel * s + abs;
  }
}
