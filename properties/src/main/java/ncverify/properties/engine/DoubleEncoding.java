package ncverify.properties.engine;

/**
 * The choice that encodes a non-negative finite double, ordered so that a smaller choice is a simpler
 * value (Hypothesis's lexicographic float encoding, with a decimal band added). Three bands, each in
 * increasing order of its key:
 *
 * <ol>
 *   <li>{@code [0, 2^51)}: the integers 0, 1, 2, ... themselves;
 *   <li>{@code [2^51, 2^52)}: short decimals {@code m / 10^k}, ordered by digits {@code k = 1..8}, then by
 *       {@code m < 2^48} (so 0.3 comes before 0.25, which comes before 0.123);
 *   <li>{@code [2^52, 2^63)}: every other double by its bits, exponent first (1, 2, 4, ..., 2^1023, then
 *       1/2, 1/4, ..., subnormals last), then the mantissa with its fractional bits reversed, so binary
 *       fractions with few bits (1.5, 1.25) come first.
 * </ol>
 *
 * {@link #decode} accepts any non-negative long; {@link #encode} returns the smallest choice of a
 * value (its canonical choice), and {@code decode(encode(x)) == x} for every finite {@code x >= 0}.
 * The sign, infinities and NaN are separate choices of the generator ({@link Gen#doubles}).
 */
public final class DoubleEncoding {

  /** First choice of the decimal band; below it, integers. */
  static final long DECIMAL_BAND = 1L << 51;
  /** First choice of the bit band. */
  static final long BIT_BAND = 1L << 52;
  /** Decimal digits of the decimal band. */
  static final int MAX_DIGITS = 8;
  private static final int MANTISSA_BITS = 52;
  private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;
  private static final int DECIMAL_INDEX_BITS = 48;
  private static final long DECIMAL_INDEX_LIMIT = 1L << DECIMAL_INDEX_BITS;
  private static final int EXPONENT_BIAS = 1023;
  /** Biased exponents 0..2046 (finite doubles) have ranks 0..2046. */
  private static final int MAX_FINITE_EXPONENT = 2046;
  private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

  private DoubleEncoding() {
  }

  /** The canonical choice of {@code x}: finite, {@code >= 0} ({@code -0.0} encodes as {@code 0.0}). */
  public static long encode(double x) {
    if (!(x >= 0) || x == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("only finite non-negative doubles are encoded, got " + x);
    }
    if (x < DECIMAL_BAND && x == Math.rint(x)) {
      return (long) x;
    }
    for (int k = 1; k <= MAX_DIGITS; k++) {
      double m = Math.rint(x * POW10[k]);
      if (m < DECIMAL_INDEX_LIMIT && m / POW10[k] == x) {
        return DECIMAL_BAND + ((long) (k - 1) << DECIMAL_INDEX_BITS) + (long) m;
      }
    }
    long bits = Double.doubleToRawLongBits(x);
    int biased = (int) (bits >>> MANTISSA_BITS);
    long mantissa = reorderMantissa(biased, bits & MANTISSA_MASK);
    return BIT_BAND + ((long) exponentRank(biased) << MANTISSA_BITS | mantissa);
  }

  /** The value of a choice {@code >= 0}: always a finite double {@code >= 0}. */
  public static double decode(long choice) {
    if (choice < 0) {
      throw new IllegalArgumentException("choice " + choice + " is negative");
    }
    if (choice < DECIMAL_BAND) {
      return choice;
    }
    if (choice < BIT_BAND) {
      long j = choice - DECIMAL_BAND;
      int k = 1 + (int) (j >>> DECIMAL_INDEX_BITS);
      return (j & (DECIMAL_INDEX_LIMIT - 1)) / POW10[k];
    }
    long j = choice - BIT_BAND;
    int biased = exponentOfRank((int) (j >>> MANTISSA_BITS));
    long mantissa = reorderMantissa(biased, j & MANTISSA_MASK);
    return Double.longBitsToDouble((long) biased << MANTISSA_BITS | mantissa);
  }

  /**
   * The first choice of the run of {@code choice} within which choices increase with the value: 0 for
   * the integers, the start of its digit count in the decimal band (it decodes to 0); the bit band has
   * no such runs (the choice itself is returned).
   */
  static long bandStart(long choice) {
    if (choice < DECIMAL_BAND) {
      return 0;
    }
    if (choice < BIT_BAND) {
      long j = choice - DECIMAL_BAND;
      return DECIMAL_BAND + ((j >>> DECIMAL_INDEX_BITS) << DECIMAL_INDEX_BITS);
    }
    return choice;
  }

  /** Exponents 2^0, 2^1, ..., 2^1023 first, then 2^-1, 2^-2, ..., then the subnormals. */
  private static int exponentRank(int biased) {
    return biased >= EXPONENT_BIAS ? biased - EXPONENT_BIAS : MAX_FINITE_EXPONENT - biased;
  }

  private static int exponentOfRank(int rank) {
    return rank <= MAX_FINITE_EXPONENT - EXPONENT_BIAS ? rank + EXPONENT_BIAS : MAX_FINITE_EXPONENT - rank;
  }

  /**
   * Reverses the fractional bits of the mantissa (all 52 below 2^1, none from 2^52 on), so a value
   * with a short binary fraction has a small mantissa. An involution: the same call decodes.
   */
  private static long reorderMantissa(int biased, long mantissa) {
    int unbiased = biased - EXPONENT_BIAS;
    int fractional = unbiased <= 0 ? MANTISSA_BITS : Math.max(0, MANTISSA_BITS - unbiased);
    if (fractional == 0) {
      return mantissa;
    }
    long low = mantissa & ((1L << fractional) - 1);
    long reversed = Long.reverse(low) >>> (Long.SIZE - fractional);
    return (mantissa & ~((1L << fractional) - 1)) | reversed;
  }
}
