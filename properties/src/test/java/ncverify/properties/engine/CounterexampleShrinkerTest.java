package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CounterexampleShrinkerTest {

  private static final int LIMIT = 500;
  private static final int BUDGET = 1000;

  /** Records a failing case found outside the runner: the first list with an element >= LIMIT. */
  private static ChoiceSequence failingChoices(Gen<List<Integer>> gen, PropertyBody<List<Integer>> body) {
    for (long seed = 1; ; seed++) {
      ChoiceSource s = new ChoiceSource(ChoiceSource.Mode.RANDOM, seed);
      List<Integer> v = gen.generate(s);
      try {
        body.check(v);
      } catch (Throwable e) {
        return s.choices();
      }
    }
  }

  @Test
  void shrinksAKnownCounterexampleToTheMinimalOne() {
    Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 1000), 0, 10);
    PropertyBody<List<Integer>> body = v -> {
      for (int x : v) {
        if (x >= LIMIT) {
          throw new AssertionError("element " + x + " >= " + LIMIT);
        }
      }
    };
    CounterexampleShrinker.Result r = CounterexampleShrinker.shrink(gen, body, failingChoices(gen, body), 0L, BUDGET);
    assertThat(r.reproduced()).isTrue();
    assertThat(r.value()).isEqualTo(List.of(LIMIT).toString());
    assertThat(r.error()).isInstanceOf(AssertionError.class);
    assertThat(gen.generate(new ChoiceSource(r.choices(), ChoiceSource.Mode.ZERO, 0L))).containsExactly(LIMIT);
  }

  @Test
  void passingChoicesAreReportedAsNotReproduced() {
    CounterexampleShrinker.Result r = CounterexampleShrinker.shrink(Gen.integers(0, 10), v -> { },
        ChoiceSequence.parse("3"), 0L, BUDGET);
    assertThat(r.reproduced()).isFalse();
    assertThat(r.error()).isNull();
  }
}
