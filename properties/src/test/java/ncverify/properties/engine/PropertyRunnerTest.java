package ncverify.properties.engine;

import static ncverify.properties.engine.PropertyContext.assume;
import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static ncverify.properties.engine.PropertyContext.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine finds and shrinks known bugs to their known minimal counterexamples. */
class PropertyRunnerTest {

  private static final long SEED = 42L;
  private static final double THRESHOLD = 3.7;

  private static PropertyConfig quiet() {
    return PropertyConfig.defaults().withSeed(SEED).withReplay(null).withDatabase(null).withLog(line -> {});
  }

  @Test
  void intSumOverflowShrinksToOneAndMaxValue() {
    PropertyResult r = PropertyRunner.check("sum", quiet().withTries(1000),
        Gen.lists(Gen.integers(0, Integer.MAX_VALUE), 0, 20), xs -> {
          int sum = 0;
          long exact = 0;
          for (int x : xs) {
            sum += x;
            exact += x;
          }
          assertThat((long) sum).isEqualTo(exact);
        });
    assertThat(r.passed()).isFalse();
    assertThat(r.reason()).isEqualTo(PropertyResult.Reason.FALSIFIED);
    // the smallest overflowing list under shortlex order: 2 elements, the first as small as possible
    assertThat(r.shrunkValue()).isEqualTo("[1, 2147483647]");
    assertThat(r.failure()).isInstanceOf(AssertionError.class);
  }

  @Test
  void signedIntSumOverflowShrinksToTwoElements() {
    PropertyResult r = PropertyRunner.check("signed sum", quiet().withTries(1000),
        Gen.lists(Gen.integers(Integer.MIN_VALUE, Integer.MAX_VALUE), 0, 20), xs -> {
          int sum = 0;
          long exact = 0;
          for (int x : xs) {
            sum += x;
            exact += x;
          }
          assertThat((long) sum).isEqualTo(exact);
        });
    assertThat(r.passed()).isFalse();
    String[] parts = r.shrunkValue().replace("[", "").replace("]", "").split(", ");
    assertThat(parts).hasSize(2);
    long a = Long.parseLong(parts[0]);
    long b = Long.parseLong(parts[1]);
    assertThat(Math.abs(a + b)).isGreaterThan(Integer.MAX_VALUE);
    assertThat(Math.min(Math.abs(a), Math.abs(b))).isEqualTo(1);
  }

  @Test
  void longListWithDuplicateShrinksToSixZeros() {
    PropertyResult r = PropertyRunner.check("dups", quiet().withTries(1000),
        Gen.lists(Gen.integers(0, 100), 0, 30),
        xs -> assertThat(xs.size() > 5 && new HashSet<>(xs).size() < xs.size()).isFalse());
    assertThat(r.passed()).isFalse();
    assertThat(r.shrunkValue()).isEqualTo("[0, 0, 0, 0, 0, 0]");
    assertThat(r.originalValue()).isNotEqualTo(r.shrunkValue());
  }

  @Test
  void doubleAboveThresholdShrinksToTheSimplestFailingValue() {
    PropertyResult r = PropertyRunner.check("threshold", quiet(), Gen.doubles(0, 10),
        x -> assertThat(x).isLessThanOrEqualTo(THRESHOLD));
    assertThat(r.passed()).isFalse();
    // integers are simpler than any fraction: the smallest integer above 3.7
    assertThat(Double.parseDouble(r.shrunkValue())).isEqualTo(Math.ceil(THRESHOLD));
  }

  @Test
  void compositeTupleShrinksEachComponent() {
    PropertyResult r = PropertyRunner.check("tuple", quiet().withTries(500),
        Gen.tuple(Gen.integers(-1000, 1000), Gen.lists(Gen.booleans(), 0, 10), Gen.elements("a", "b", "c")),
        t -> assertThat(t.first() >= 10 && t.second().contains(true) && !t.third().equals("a")).isFalse());
    assertThat(r.passed()).isFalse();
    assertThat(r.shrunkValue()).isEqualTo("(10, [true], b)");
  }

  @Test
  void replayFromSeedAndChoicesReproducesTheFailureExactly() {
    PropertyBody<List<Integer>> body = xs -> assertThat(xs.stream().mapToInt(Integer::intValue).sum()).isLessThan(20);
    var gen = Gen.lists(Gen.integers(-20, 20), 0, 10);
    PropertyResult first = PropertyRunner.check("replay", quiet().withTries(1000), gen, body);
    PropertyResult again = PropertyRunner.check("replay", quiet().withTries(1000), gen, body);
    assertThat(first.passed()).isFalse();
    assertThat(again.originalValue()).isEqualTo(first.originalValue());
    assertThat(again.shrunkChoices()).isEqualTo(first.shrunkChoices());

    ChoiceSequence printed = ChoiceSequence.parse(first.shrunkChoices().toString());
    PropertyResult replayed = PropertyRunner.check("replay", quiet().withReplay(printed), gen, body);
    assertThat(replayed.passed()).isFalse();
    assertThat(replayed.shrunkValue()).isEqualTo(first.shrunkValue());
    assertThat(replayed.shrunkChoices()).isEqualTo(first.shrunkChoices());
    assertThat(replayed.failure()).hasMessage(first.failure().getMessage());
    assertThat(first.replayArguments()).isEqualTo("-Dncverify.seed=" + SEED + " -Dncverify.replay=" + printed);
    assertThat(first.report()).contains("replay:   -Dncverify.seed=" + SEED + " -Dncverify.replay=" + printed);

    ChoiceSequence original = ChoiceSequence.parse(first.originalChoices().toString());
    PropertyResult replayedOriginal = PropertyRunner.check("replay", quiet().withReplay(original), gen, body);
    assertThat(replayedOriginal.shrunkValue()).isEqualTo(first.originalValue());
  }

  @Test
  void coverFailsWhenConditionIsTooRare() {
    PropertyResult r = PropertyRunner.check("cover", quiet().withTries(200), Gen.integers(0, 1000), x -> {
      cover(x < 10, 0.5, "small");
      assertThat(x < 10 ? x * 2 : 0).isLessThan(100);
    });
    assertThat(r.passed()).isFalse();
    assertThat(r.reason()).isEqualTo(PropertyResult.Reason.COVER);
    assertThat(r.failure()).isInstanceOf(HealthCheckException.class).hasMessageContaining("'small'");
    assertThat(r.statistics().covers().get("small").fraction()).isLessThan(0.5);
  }

  @Test
  void coverPassesWhenConditionIsFrequentEnough() {
    PropertyResult r = PropertyRunner.check("cover ok", quiet().withTries(400), Gen.integers(0, 1000),
        x -> cover(x < 500, 0.3, "lower half"));
    assertThat(r.passed()).isTrue();
    assertThat(r.statistics().covers().get("lower half").fraction()).isBetween(0.3, 0.7);
  }

  @Test
  void tooManyDiscardsFailWithClearMessage() {
    PropertyResult r = PropertyRunner.check("assume", quiet().withTries(100), Gen.integers(0, 1_000_000),
        x -> assume(x == 7));
    assertThat(r.passed()).isFalse();
    assertThat(r.reason()).isEqualTo(PropertyResult.Reason.DISCARDS);
    assertThat(r.discards()).isEqualTo(501);
    assertThat(r.failure()).hasMessageContaining("too many discards");
  }

  @Test
  void moderateDiscardsAreCountedNotFailed() {
    PropertyResult r = PropertyRunner.check("assume ok", quiet().withTries(300), Gen.integers(0, 99), x -> {
      assume(x % 2 == 0);
      assertThat(x % 2).isZero();
    });
    assertThat(r.passed()).isTrue();
    assertThat(r.tries()).isEqualTo(300);
    assertThat(r.discards()).isBetween(100, 500);
  }

  @Test
  void tooStrictFilterFailsNamingTheFilter() {
    PropertyResult r = PropertyRunner.check("filter", quiet(),
        Gen.integers(0, 1_000_000).filter("equals 1234", x -> x == 1234), x -> {});
    assertThat(r.passed()).isFalse();
    assertThat(r.reason()).isEqualTo(PropertyResult.Reason.FILTER);
    assertThat(r.failure()).isInstanceOf(FilterExhaustedException.class).hasMessageContaining("'equals 1234'");
  }

  @Test
  void labelsAreCountedOverValidTries() {
    PropertyResult r = PropertyRunner.check("labels", quiet().withTries(1000), Gen.integers(0, 9),
        x -> label(x < 5 ? "low" : "high"));
    assertThat(r.statistics().labels().get("low") + r.statistics().labels().get("high")).isEqualTo(1000);
    assertThat(r.statistics().labels().get("low")).isBetween(400, 600);
    assertThat(r.report()).contains("low").contains("high").contains("seed " + SEED);
  }

  /** A needle: the cube of half-width 0.01 around (0.7, ..., 0.7) in [0, 1]^5, volume 3.2e-9. */
  private static final double NEEDLE = 0.7;
  private static final double NEEDLE_HALF_WIDTH = 0.01;
  private static final int BUDGET = 10_000;

  private static PropertyBody<List<Double>> needleBody() {
    return xs -> {
      double dist2 = 0;
      boolean inside = true;
      for (double x : xs) {
        dist2 += (x - NEEDLE) * (x - NEEDLE);
        inside &= Math.abs(x - NEEDLE) < NEEDLE_HALF_WIDTH;
      }
      target(-dist2);
      assertThat(inside).as("point inside the needle").isFalse();
    };
  }

  @Test
  void targetedSearchFindsNeedleThatRandomSearchMisses() {
    var box = Gen.listsOf(Gen.doubles(0, 1), 5);
    PropertyResult random = PropertyRunner.check("needle random", quiet().withTries(BUDGET).withTargetTries(0), box,
        needleBody());
    PropertyResult targeted = PropertyRunner.check("needle targeted",
        quiet().withTries(BUDGET / 2).withTargetTries(BUDGET / 2), box, needleBody());
    assertThat(random.passed()).as("random search with %d tries", BUDGET).isTrue();
    assertThat(random.tries()).isEqualTo(BUDGET);
    assertThat(targeted.passed()).isFalse();
    assertThat(targeted.tries() + targeted.targetEvaluations()).isLessThanOrEqualTo(BUDGET);
  }

  @Test
  void sameSeedGivesIdenticalResultsForAnyThreadCount() {
    var gen = Gen.lists(Gen.integers(-1000, 1000), 0, 15);
    PropertyBody<List<Integer>> body = xs -> {
      label("size " + Math.min(xs.size(), 3));
      assume(xs.size() != 1);
      assertThat(xs.stream().mapToInt(Math::abs).sum()).isLessThan(7000);
    };
    PropertyResult one = PropertyRunner.check("det", quiet().withTries(2000).withThreadSafe(true).withThreads(1), gen, body);
    PropertyResult four = PropertyRunner.check("det", quiet().withTries(2000).withThreadSafe(true).withThreads(4), gen, body);
    PropertyResult seq = PropertyRunner.check("det", quiet().withTries(2000), gen, body);
    assertThat(one.passed()).isFalse();
    for (PropertyResult other : List.of(four, seq)) {
      assertThat(other.tries()).isEqualTo(one.tries());
      assertThat(other.discards()).isEqualTo(one.discards());
      assertThat(other.statistics()).isEqualTo(one.statistics());
      assertThat(other.originalChoices()).isEqualTo(one.originalChoices());
      assertThat(other.shrunkChoices()).isEqualTo(one.shrunkChoices());
      assertThat(other.shrunkValue()).isEqualTo(one.shrunkValue());
    }
  }

  @Test
  void passingParallelRunMatchesSequentialStatistics() {
    var gen = Gen.integers(0, 99);
    PropertyBody<Integer> body = x -> label("digit " + x % 10);
    PropertyResult one = PropertyRunner.check("p", quiet().withTries(3000), gen, body);
    PropertyResult many = PropertyRunner.check("p", quiet().withTries(3000).withThreadSafe(true).withThreads(3), gen, body);
    assertThat(many.statistics()).isEqualTo(one.statistics());
    assertThat(many.passed()).isTrue();
  }

  @Test
  void edgeCasesComeBeforeRandomValues() {
    List<List<Integer>> seen = new ArrayList<>();
    PropertyRunner.check("edges", quiet().withTries(128), Gen.lists(Gen.integers(-5, 50), 0, 10), seen::add);
    List<List<Integer>> early = seen.subList(0, 32);
    assertThat(early.get(0)).isEmpty();
    assertThat(early).anyMatch(l -> l.size() == 1).anyMatch(l -> l.size() == 2);
    assertThat(early.stream().flatMap(List::stream).toList()).contains(-5, 50, 0);
  }

  @Test
  void namedEdgeCasesComeBeforeRandomValues() {
    List<Double> seen = new ArrayList<>();
    PropertyRunner.check("named", quiet().withTries(128), Gen.doubles(-1e6, 1e6).withEdgeCases(Math.PI), seen::add);
    assertThat(seen.get(0)).isZero();
    assertThat(seen.subList(0, 32)).contains(Math.PI).containsAnyOf(-1e6, 1e6);
  }

  @Test
  void everyRunLogsItsSeed() {
    List<String> lines = new ArrayList<>();
    PropertyRunner.check("logged", quiet().withSeed(777).withTries(5).withLog(lines::add), Gen.booleans(), b -> {});
    assertThat(lines).singleElement().asString().contains("logged").contains("passed").contains("seed 777");
    lines.clear();
    PropertyRunner.check("table", quiet().withTries(50).withLog(lines::add), Gen.booleans(), b -> label("b=" + b));
    assertThat(lines).singleElement().asString().contains("statistics (50 tries)").contains("b=true").contains("b=false");
  }

  /** What -Prandom-seed (ncverify.seed=random) does: a fresh seed per run, printed with the replay line. */
  @Test
  void randomSeedRunPrintsItsSeedAndTheReplayLineOfAFailure() {
    String before = System.getProperty(Seeds.SEED_PROPERTY);
    long seed;
    long other;
    try {
      System.setProperty(Seeds.SEED_PROPERTY, "random");
      seed = Seeds.resolve(null);
      other = Seeds.resolve(null);
    } finally {
      if (before == null) {
        System.clearProperty(Seeds.SEED_PROPERTY);
      } else {
        System.setProperty(Seeds.SEED_PROPERTY, before);
      }
    }
    assertThat(other).isNotEqualTo(seed);
    List<String> lines = new ArrayList<>();
    PropertyBody<Integer> body = x -> assertThat(x).isLessThan(500);
    PropertyResult r = PropertyRunner.check("random seed", quiet().withSeed(seed).withLog(lines::add),
        Gen.integers(0, 1000), body);
    assertThat(lines).singleElement().asString().contains("seed " + seed)
        .contains("replay:   -Dncverify.seed=" + seed + " -Dncverify.replay=" + r.shrunkChoices());
    PropertyResult replayed = PropertyRunner.check("random seed", quiet().withSeed(seed).withReplay(r.shrunkChoices()),
        Gen.integers(0, 1000), body);
    assertThat(replayed.shrunkValue()).isEqualTo("500");
  }
}
