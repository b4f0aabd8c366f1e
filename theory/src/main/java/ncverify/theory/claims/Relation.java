package ncverify.theory.claims;

/** A comparison {@code value REL threshold} used by assumptions and conclusions. */
public enum Relation {
  LESS("<"),
  AT_MOST("<="),
  GREATER(">"),
  AT_LEAST(">="),
  EQUAL("==");

  private final String symbol;

  Relation(String symbol) {
    this.symbol = symbol;
  }

  /** The mathematical symbol, e.g. {@code <=}. */
  public String symbol() {
    return symbol;
  }

  /** Exact test of {@code value REL threshold} (no tolerance). */
  public boolean test(double value, double threshold) {
    switch (this) {
      case LESS: return value < threshold;
      case AT_MOST: return value <= threshold;
      case GREATER: return value > threshold;
      case AT_LEAST: return value >= threshold;
      case EQUAL: return value == threshold;
      default: throw new AssertionError(this);
    }
  }

  /** True for the upper-bound relations ({@code <}, {@code <=}). */
  public boolean isUpperBound() {
    return this == LESS || this == AT_MOST;
  }

  /** True for the strict relations ({@code <}, {@code >}). */
  public boolean isStrict() {
    return this == LESS || this == GREATER;
  }
}
