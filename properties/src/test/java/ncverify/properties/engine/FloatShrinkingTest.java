package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Typed doubles: edge values where the range includes them, and shrinking of a float threshold to the
 * simplest failing value (an integer, else the shortest decimal), whatever the first counterexample.
 */
class FloatShrinkingTest {

  private static final int SEEDS = 10;

  private static PropertyConfig quiet(long seed) {
    return PropertyConfig.defaults().withSeed(seed).withReplay(null).withDatabase(null).withLog(line -> { });
  }

  private static double shrunk(long seed, Gen<Double> gen, PropertyBody<Double> body) {
    PropertyResult r = PropertyRunner.check("float", quiet(seed).withTries(1000), gen, body);
    assertThat(r.passed()).as("seed %d", seed).isFalse();
    return Double.parseDouble(r.shrunkValue());
  }

  @Test
  void thresholdShrinksToTheSmallestIntegerAboveIt() {
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(shrunk(seed, Gen.doubles(0, 100), x -> assertThat(x).isLessThan(3.7))).isEqualTo(4.0);
    }
  }

  @Test
  void thresholdWithoutIntegerAboveItShrinksToTheShortestDecimal() {
    for (long seed = 0; seed < SEEDS; seed++) {
      // fails on (1/3, 0.5]: 0.4 is the failing value with the fewest decimal digits, then the smallest
      assertThat(shrunk(seed, Gen.doubles(0, 0.5), x -> assertThat(x).isLessThanOrEqualTo(1.0 / 3))).isEqualTo(0.4);
      // fails on [0.3, 0.4): 0.3
      assertThat(shrunk(seed, Gen.doubles(-1, 1), x -> assertThat(x >= 0.3 && x < 0.4).isFalse())).isEqualTo(0.3);
    }
  }

  @Test
  void openIntervalShrinksToItsSimplestDecimal() {
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(shrunk(seed, Gen.doubles(2, 3), v -> assertThat(v > 2.7 && v < 2.75).isFalse())).isEqualTo(2.71);
    }
  }

  @Test
  void edgeTriesIncludeSignedZerosTinyAndHugeValuesInfinitiesAndNaN() {
    List<Double> seen = new ArrayList<>();
    PropertyRunner.check("edges", quiet(1).withTries(128), Gen.anyDoubles(true), seen::add);
    List<Double> early = seen.subList(0, GenerationSchedule.MAX_EDGE_TRIES);
    assertThat(early).contains(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    assertThat(early.stream().anyMatch(x -> Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0))).isTrue();
    assertThat(seen).anyMatch(x -> Double.isFinite(x) && x != 0 && Math.abs(x) != 1);

    List<Double> bounded = new ArrayList<>();
    PropertyRunner.check("bounded edges", quiet(1).withTries(128), Gen.doubles(0.5, 2), bounded::add);
    assertThat(bounded).allMatch(x -> x >= 0.5 && x <= 2).contains(0.5, 1.0, 2.0);
  }

  @Test
  void infiniteRangesAndNaNAreGeneratedOnlyWhenAllowed() {
    List<Double> seen = new ArrayList<>();
    PropertyRunner.check("finite", quiet(2).withTries(2000), Gen.doubles(-5, 5), seen::add);
    assertThat(seen).allMatch(Double::isFinite);
    seen.clear();
    PropertyRunner.check("half line", quiet(2).withTries(2000), Gen.doubles(0, Double.POSITIVE_INFINITY), seen::add);
    assertThat(seen).allMatch(x -> x >= 0 && !Double.isNaN(x)).contains(Double.POSITIVE_INFINITY)
        .anyMatch(x -> x > 1e6 && Double.isFinite(x));
  }

  @Test
  void namedEdgeCasesWithoutValuesNeverFail() {
    PropertyResult r = PropertyRunner.check("no named edges", quiet(3).withTries(2000),
        Gen.integers(0, 10).withEdgeCases(), x -> assertThat(x).isBetween(0, 10));
    assertThat(r.passed()).isTrue();
  }
}
