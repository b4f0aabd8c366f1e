package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import ncverify.properties.engine.ChoiceSource.Mode;
import org.junit.jupiter.api.Test;

/**
 * Shrinking from random (not edge-case) counterexamples, over many seeds: the result is the known
 * minimal counterexample whatever the starting point.
 */
class ShrinkerTest {

  private static final int SEEDS = 20;
  private static final int BUDGET = 5000;

  /** Shrinks the first random counterexample found from {@code seed}. */
  private static <T> TryOutcome shrinkRandom(Gen<T> gen, PropertyBody<? super T> body, long seed) {
    for (long i = 0; ; i++) {
      TryOutcome o = TryOutcome.run(gen, body, ChoiceSequence.EMPTY, Mode.RANDOM, Seeds.forTry(seed, i));
      if (o.failed()) {
        TryOutcome shrunk = new Shrinker(c -> TryOutcome.run(gen, body, c, Mode.ZERO, seed), o, BUDGET).shrink();
        assertThat(shrunk.choices()).isLessThanOrEqualTo(o.choices());
        return shrunk;
      }
    }
  }

  @Test
  void sumOverflowShrinksToOneAndMaxFromAnyStart() {
    Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, Integer.MAX_VALUE), 0, 20);
    PropertyBody<List<Integer>> body = xs -> {
      int sum = 0;
      for (int x : xs) {
        sum += x;
      }
      assertThat((long) sum).isEqualTo(xs.stream().mapToLong(Integer::longValue).sum());
    };
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(shrinkRandom(gen, body, seed).value()).as("seed %d", seed).isEqualTo("[1, 2147483647]");
    }
  }

  @Test
  void duplicateInLongListShrinksToSixZerosFromAnyStart() {
    Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 100), 0, 30);
    PropertyBody<List<Integer>> body = xs -> assertThat(xs.size() > 5 && new HashSet<>(xs).size() < xs.size()).isFalse();
    for (long seed = 0; seed < SEEDS; seed++) {
      assertThat(shrinkRandom(gen, body, seed).value()).as("seed %d", seed).isEqualTo("[0, 0, 0, 0, 0, 0]");
    }
  }

  @Test
  void signedThresholdShrinksToTheSimplestValueBelowItFromAnyStart() {
    double threshold = -2.25;
    for (long seed = 0; seed < SEEDS; seed++) {
      TryOutcome t = shrinkRandom(Gen.doubles(-10, 10), x -> assertThat(x).isGreaterThanOrEqualTo(threshold), seed);
      assertThat(Double.parseDouble(t.value())).as("seed %d", seed).isEqualTo(-3.0);
    }
  }

  @Test
  void shrinkingRespectsTheBudget() {
    Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 1000), 0, 50);
    PropertyBody<List<Integer>> body = xs -> assertThat(xs.stream().mapToInt(Integer::intValue).sum()).isLessThan(300);
    TryOutcome start = TryOutcome.run(gen, body, ChoiceSequence.parse("1,1000,1,1000"), Mode.ZERO, 0);
    Shrinker s = new Shrinker(c -> TryOutcome.run(gen, body, c, Mode.ZERO, 0), start, 3);
    s.shrink();
    assertThat(s.evaluations()).isLessThanOrEqualTo(3);
  }

  /**
   * Issue 15 item 6, "passes that keep failing are demoted": shrinking a strictly decreasing list of ten
   * integers takes about twenty rounds (each round lowers the chain a little). The passes that can never
   * succeed on it (zeroing a span or sorting siblings breaks the decrease) run in the first
   * {@link Shrinker#DEMOTE_AFTER} rounds and then only in a round where every other pass is stuck, while
   * without demotion they run in every round; the shrunk counterexample is the same either way, reached
   * with fewer property evaluations.
   */
  @Test
  void passesThatNeverSucceedAreDemotedWithoutChangingTheResult() {
    Gen<List<Integer>> gen = Gen.listsOf(Gen.integers(0, 1000), 10);
    PropertyBody<List<Integer>> body = xs -> {
      boolean decreasing = true;
      for (int i = 0; i + 1 < xs.size(); i++) {
        decreasing &= xs.get(i) > xs.get(i + 1);
      }
      assertThat(decreasing).isFalse();
    };
    TryOutcome start = TryOutcome.run(gen, body, ChoiceSequence.parse("1000,900,800,700,600,500,400,300,200,100"),
        Mode.ZERO, 0);
    assertThat(start.failed()).isTrue();
    Shrinker demoting = new Shrinker(c -> TryOutcome.run(gen, body, c, Mode.ZERO, 0), start, BUDGET, Long.MAX_VALUE);
    TryOutcome shrunk = demoting.shrink();
    Shrinker everyRound = new Shrinker(c -> TryOutcome.run(gen, body, c, Mode.ZERO, 0), start, BUDGET,
        Long.MAX_VALUE, Integer.MAX_VALUE);
    TryOutcome reference = everyRound.shrink();

    assertThat(shrunk.value()).isEqualTo("[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
    assertThat(shrunk.choices()).isEqualTo(reference.choices());
    assertThat(demoting.rounds()).isGreaterThanOrEqualTo(10).isEqualTo(everyRound.rounds());
    for (String never : List.of("zero spans", "sort siblings")) {
      Shrinker.PassStats d = stats(demoting, never);
      assertThat(d.successes()).as(never).isZero();
      // DEMOTE_AFTER rounds, then once more in the final round, where every pass was stuck
      assertThat(d.runs()).as(never).isEqualTo(Shrinker.DEMOTE_AFTER + 1);
      assertThat(stats(everyRound, never).runs()).as(never).isEqualTo(everyRound.rounds());
    }
    assertThat(stats(demoting, "minimize choices").runs()).isEqualTo(demoting.rounds());
    assertThat(demoting.evaluations()).isLessThan(everyRound.evaluations());
  }

  private static Shrinker.PassStats stats(Shrinker s, String pass) {
    return s.passStats().stream().filter(p -> p.name().equals(pass)).findFirst().orElseThrow();
  }
}
