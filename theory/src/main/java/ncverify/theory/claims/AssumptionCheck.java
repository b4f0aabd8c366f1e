package ncverify.theory.claims;

import ncverify.theory.InvalidInputException;

/**
 * One assumption of a claim, checked on a measurement: {@code value relation threshold}, e.g.
 * {@code eps1 < sqrt(n)}. Boolean assumptions use value 1 (true) / 0 (false) with threshold 1.
 *
 * @param name what is assumed, e.g. {@code "eps1 < sqrt(n)"}
 * @param value the measured value
 * @param relation how value is compared with threshold
 * @param threshold the threshold from the paper (or ours, then the name says so)
 * @param holds whether {@code value relation threshold}
 */
public record AssumptionCheck(String name, double value, Relation relation, double threshold,
    boolean holds) {

  public AssumptionCheck {
    if (Double.isNaN(value) || Double.isNaN(threshold)) {
      throw InvalidInputException.of("assumption '%s': value %s or threshold %s is NaN", name, value,
          threshold);
    }
  }

  /** Checks {@code value relation threshold} exactly. */
  public static AssumptionCheck of(String name, double value, Relation relation, double threshold) {
    return new AssumptionCheck(name, value, relation, threshold, relation.test(value, threshold));
  }

  /** A yes/no assumption: value 1 or 0, threshold 1. */
  public static AssumptionCheck flag(String name, boolean value) {
    return of(name, value ? 1.0 : 0.0, Relation.EQUAL, 1.0);
  }
}
