package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.theory.InvalidInputException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class GenTest {

  private static final int N = 4000;
  private static final long SEED = 7L;
  /** Tolerance of sample statistics over N draws (several standard errors). */
  private static final double STAT_TOL = 0.05;

  private static <T> List<T> sample(Gen<T> gen, int n) {
    ChoiceSource s = new ChoiceSource(Mode.RANDOM, SEED);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gen.generate(s));
    }
    return out;
  }

  private static <T> T simplest(Gen<T> gen) {
    return gen.generate(new ChoiceSource(Mode.ZERO, SEED));
  }

  @Test
  void zeroChoicesGiveTheSimplestValue() {
    assertThat(simplest(Gen.integers(-10, 10))).isZero();
    assertThat(simplest(Gen.integers(3, 10))).isEqualTo(3);
    assertThat(simplest(Gen.integers(-10, -3))).isEqualTo(-3);
    assertThat(simplest(Gen.doubles(2.5, 4))).isEqualTo(2.5);
    assertThat(simplest(Gen.logDoubles(1e-3, 1))).isEqualTo(1e-3);
    assertThat(simplest(Gen.lists(Gen.integers(5, 9), 2, 6))).containsExactly(5, 5);
    assertThat(simplest(Gen.elements("x", "y"))).isEqualTo("x");
    assertThat(simplest(Gen.booleans())).isFalse();
  }

  @Test
  void integersCoverBothBoundsAndStayInside() {
    List<Integer> xs = sample(Gen.integers(-3, 4), N);
    assertThat(new HashSet<>(xs)).containsExactlyInAnyOrder(-3, -2, -1, 0, 1, 2, 3, 4);
  }

  @Test
  void doublesAreUniform() {
    double mean = sample(Gen.doubles(-1, 3), N).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(mean).isCloseTo(1.0, Offset.offset(4 * STAT_TOL));
  }

  @Test
  void logDoublesAreLogUniform() {
    // log10 of a log-uniform value on [1e-6, 1] is uniform on [-6, 0]: mean -3, P(x < 1e-3) = 1/2
    List<Double> xs = sample(Gen.logDoubles(1e-6, 1), N);
    double meanLog = xs.stream().mapToDouble(Math::log10).average().orElseThrow();
    long below = xs.stream().filter(x -> x < 1e-3).count();
    assertThat(meanLog).isCloseTo(-3, Offset.offset(6 * STAT_TOL));
    assertThat((double) below / N).isCloseTo(0.5, Offset.offset(STAT_TOL));
  }

  @Test
  void listSizesRespectBoundsAndMeanSize() {
    List<List<Boolean>> lists = sample(Gen.lists(Gen.booleans(), 1, 100), N);
    assertThat(lists).allSatisfy(l -> assertThat(l.size()).isBetween(1, 100));
    double mean = lists.stream().mapToInt(List::size).average().orElseThrow();
    assertThat(mean).isCloseTo(11, Offset.offset(1.0)); // 1 + geometric mean 10
  }

  @Test
  void combinatorsComposeIndependently() {
    List<Tuple2<Integer, String>> pairs = sample(Gen.tuple(Gen.integers(0, 3), Gen.elements("a", "b")), N);
    Set<String> seen = new HashSet<>();
    pairs.forEach(p -> seen.add(p.first() + p.second()));
    assertThat(seen).hasSize(8);
    assertThat(sample(Gen.integers(0, 9).map(x -> 2 * x), 200)).allMatch(x -> x % 2 == 0);
    assertThat(sample(Gen.integers(1, 5).flatMap(n -> Gen.listsOf(Gen.constant(n), n)), 200))
        .allMatch(l -> l.size() == l.get(0));
    assertThat(sample(Gen.integers(0, 9).filter(x -> x % 3 == 0), 200)).allMatch(x -> x % 3 == 0);
    assertThat(new HashSet<>(sample(Gen.oneOf(Gen.constant("k"), Gen.integers(0, 0).map(String::valueOf)), 200)))
        .containsExactlyInAnyOrder("k", "0");
  }

  @Test
  void sameSeedSameValues() {
    Gen<List<Double>> g = Gen.lists(Gen.doubles(-5, 5), 0, 10);
    assertThat(sample(g, 50)).isEqualTo(sample(g, 50));
  }

  @Test
  void invalidRangesAreRejected() {
    List<Supplier<Gen<?>>> bad = Arrays.asList(() -> Gen.integers(5, 4), () -> Gen.doubles(0, Double.NaN),
        () -> Gen.logDoubles(0, 1), () -> Gen.lists(Gen.booleans(), 3, 2), () -> Gen.elements(List.of()),
        () -> Gen.longs(Long.MIN_VALUE, 1));
    for (Supplier<Gen<?>> b : bad) {
      assertThatThrownBy(b::get).isInstanceOf(InvalidInputException.class);
    }
  }
}
