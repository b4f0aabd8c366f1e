package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pinned examples run before generated tries and add to the search instead of replacing it. */
class PinnedExamplesTest {

  private static PropertyConfig quiet() {
    return PropertyConfig.defaults().withSeed(3).withReplay(null).withDatabase(null).withTries(50)
        .withLog(line -> { });
  }

  @Test
  void pinnedValuesRunFirstThenTheSearch() {
    List<Integer> seen = new ArrayList<>();
    PropertyResult r = PropertyRunner.check("pinned", quiet(), Gen.integers(0, 100), seen::add, List.of(777, -5));
    assertThat(r.passed()).isTrue();
    assertThat(seen.subList(0, 2)).containsExactly(777, -5);
    assertThat(seen).hasSize(2 + 50);
    assertThat(r.counts().pinned()).isEqualTo(2);
  }

  @Test
  void failingPinnedValueIsReportedAsGivenWithoutShrinking() {
    PropertyResult r = PropertyRunner.check("pinned fails", quiet(), Gen.integers(0, 100),
        x -> assertThat(x).isLessThan(500), List.of(1, 777));
    assertThat(r.passed()).isFalse();
    assertThat(r.counterexample().origin()).isEqualTo("pinned");
    assertThat(r.shrunkValue()).isEqualTo("777");
    assertThat(r.tries()).isZero();
  }

  @Test
  void pinnedChoicesRunFirstAndShrinkLikeGeneratedFailures() {
    List<List<Integer>> seen = new ArrayList<>();
    ChoiceSequence pinned = ChoiceSequence.parse("1,90,1,80,0");
    PropertyResult r = PropertyRunner.check("pinned choices", quiet().withExamples(List.of(pinned)),
        Gen.lists(Gen.integers(0, 100), 0, 5), xs -> {
          seen.add(xs);
          assertThat(xs.stream().mapToInt(Integer::intValue).sum()).isLessThan(150);
        });
    assertThat(seen.get(0)).containsExactly(90, 80);
    assertThat(r.counterexample().origin()).isEqualTo("pinned");
    assertThat(r.shrunkValue()).isEqualTo("[50, 100]");
  }
}
