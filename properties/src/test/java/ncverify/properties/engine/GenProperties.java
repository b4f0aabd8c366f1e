package ncverify.properties.engine;

import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;

/** Properties of the generators themselves, written with {@link Property} (examples of the annotation). */
class GenProperties {

  /** A range [lo, hi] and a value generated in it (dependent generation via flatMap). */
  record Bounded(long lo, long hi, long value) {}

  Gen<Bounded> bounded() {
    return Gen.tuple(Gen.longs(-1_000_000, 1_000_000), Gen.longs(0, 1000)).flatMap(t -> {
      long lo = t.first();
      long hi = t.first() + t.second();
      return Gen.longs(lo, hi).map(v -> new Bounded(lo, hi, v));
    });
  }

  @Property(tries = 500, threadSafe = true)
  void longsStayInTheirRange(@ForAll("bounded") Bounded b) {
    boolean atBound = b.value() == b.lo() || b.value() == b.hi();
    label(atBound ? "at a bound" : "inside");
    cover(atBound, 0.02, "value at a bound");
    assertThat(b.value()).isBetween(b.lo(), b.hi());
  }

  Gen<Tuple3<Double, Double, Double>> logRanges() {
    return Gen.tuple(Gen.logDoubles(1e-8, 1e-2), Gen.logDoubles(1, 1e4), Gen.doubles(0, 1))
        .map(t -> new Tuple3<>(t.first(), t.second(), t.third()));
  }

  @Property(tries = 300)
  void logDoublesStayInTheirRange(@ForAll("logRanges") Tuple3<Double, Double, Double> t) {
    double lo = t.first();
    double hi = t.second();
    double x = Gen.logDoubles(lo, hi).generate(new ChoiceSource(Mode.RANDOM, Double.doubleToLongBits(t.third())));
    assertThat(x).isBetween(lo, hi);
  }

  Gen<Tuple2<Integer, Integer>> sizeBounds() {
    return Gen.tuple(Gen.integers(0, 20), Gen.integers(0, 20))
        .map(t -> new Tuple2<>(Math.min(t.first(), t.second()), Math.max(t.first(), t.second())));
  }

  Gen<Long> seeds() {
    return Gen.longs(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
  }

  @Property(tries = 300, threadSafe = true)
  void listsRespectTheirSizeBounds(@ForAll("sizeBounds") Tuple2<Integer, Integer> size, @ForAll("seeds") long seed) {
    List<Integer> xs = Gen.lists(Gen.integers(-3, 3), size.first(), size.second())
        .generate(new ChoiceSource(Mode.RANDOM, seed));
    collect(xs.size() == size.first() ? "min size" : xs.size() == size.second() ? "max size" : "between");
    assertThat(xs.size()).isBetween(size.first(), size.second());
  }

  private static void collect(String what) {
    PropertyContext.collect(what);
  }

  /** A composite generator whose values replay from their recorded choices. */
  static final Gen<Object> COMPOSITE = Gen.oneOf(
      Gen.lists(Gen.tuple(Gen.integers(-50, 50), Gen.doubles(-1, 1)), 0, 8),
      Gen.elements("a", "b").flatMap(s -> Gen.lists(Gen.constant(s), 1, 3)),
      Gen.logDoubles(1e-6, 1).filter(x -> x < 0.5));

  @Property(tries = 300, threadSafe = true)
  void recordedChoicesReplayTheSameValue(@ForAll("seeds") long seed) {
    ChoiceSource random = new ChoiceSource(Mode.RANDOM, seed);
    Object value = COMPOSITE.generate(random);
    ChoiceSource replay = new ChoiceSource(random.choices(), Mode.ZERO, seed + 1);
    assertThat(COMPOSITE.generate(replay)).isEqualTo(value);
    assertThat(replay.choices()).isEqualTo(random.choices());
  }
}
