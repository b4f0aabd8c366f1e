package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float encoding round-trips every finite double and orders values from simple to complex. */
class DoubleEncodingTest {

  private static final int SAMPLES = 200_000;

  @Test
  void everyFiniteNonNegativeDoubleRoundTripsExactly() {
    SplittableRandom r = new SplittableRandom(1);
    List<Double> xs = new ArrayList<>(List.of(0.0, 1.0, 0.1, 0.3, 1e-300, Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, Math.scalb(1.0, 51), Math.scalb(1.0, 51) - 1, Math.scalb(1.0, 52) + 2, 123456.78));
    for (int i = 0; i < SAMPLES; i++) {
      double x = Double.longBitsToDouble(r.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL); // finite, non-negative
      xs.add(x);
      xs.add(r.nextDouble() * 100);
      xs.add((double) r.nextInt(1_000_000) / 1000);
    }
    for (double x : xs) {
      long c = DoubleEncoding.encode(x);
      assertThat(c).isNotNegative();
      assertThat(Double.doubleToLongBits(DoubleEncoding.decode(c))).as("x = %s", x)
          .isEqualTo(Double.doubleToLongBits(x));
    }
  }

  @Test
  void everyChoiceDecodesToAFiniteNonNegativeDouble() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < SAMPLES; i++) {
      double x = DoubleEncoding.decode(r.nextLong() & Long.MAX_VALUE);
      assertThat(x).isNotNegative().isLessThanOrEqualTo(Double.MAX_VALUE);
    }
    assertThat(DoubleEncoding.decode(Long.MAX_VALUE)).isFinite();
  }

  @Test
  void integersComeFirstThenShortDecimalsThenBinaryFractions() {
    double[] simpleToComplex = {0, 1, 2, 10, 1e15, 0.3, 0.5, 2.5, 0.01, 0.25, 0.123, 1e-8, Math.PI, 1.0 / 3,
        Double.MIN_VALUE};
    for (int i = 1; i < simpleToComplex.length; i++) {
      assertThat(DoubleEncoding.encode(simpleToComplex[i - 1])).as("%s before %s", simpleToComplex[i - 1],
          simpleToComplex[i]).isLessThan(DoubleEncoding.encode(simpleToComplex[i]));
    }
    // outside the decimal band: larger binary exponents first, fewer fractional bits first
    assertThat(DoubleEncoding.encode(1 + Math.scalb(1.0, -20))).isLessThan(DoubleEncoding.encode(1 + Math.scalb(1.0, -40)));
  }

  @Test
  void negativeAndNonFiniteValuesAreNotEncoded() {
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> DoubleEncoding.encode(bad)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(DoubleEncoding.encode(-0.0)).isZero();
  }
}
