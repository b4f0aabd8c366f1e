package ncverify.properties.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.gen.ClassSizeGens.Profile;
import ncverify.properties.gen.ClassSizeGens.Scale;
import ncverify.properties.gen.ClassSizeGens.Spec;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClassSizeGensTest {

  private static final int DRAWS = 400;
  private static final Scale SCALE = Scale.small();

  private static <T> T random(ncverify.properties.engine.Gen<T> g, long seed) {
    return g.generate(new ChoiceSource(Mode.RANDOM, seed));
  }

  @Test
  void simplestChoiceIsTwoBalancedClassesOfTheSmallestSize() {
    Spec s = ClassSizeGens.classSizes(SCALE, 25).generate(new ChoiceSource(Mode.ZERO, 0));
    assertThat(s.profile()).isEqualTo(Profile.BALANCED);
    assertThat(s.sizes().toArray()).containsExactly(SCALE.minBalanced(), SCALE.minBalanced());
  }

  @Test
  void classCountsStayInRangeAndTheEdgePhaseTriesTwoThreeAndTen() {
    Set<Integer> edges = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      edges.add(ClassSizeGens.classCounts().generate(new ChoiceSource(Mode.EDGE, seed)));
      assertThat(random(ClassSizeGens.classCounts(), seed)).isBetween(2, 10);
    }
    assertThat(edges).containsExactlyInAnyOrder(2, 3, 10);
  }

  @Test
  void everyProfileIsWellFormed() {
    Set<Profile> seen = EnumSet.noneOf(Profile.class);
    for (long seed = 0; seed < DRAWS; seed++) {
      Spec s = random(ClassSizeGens.classSizes(SCALE, 25), seed);
      seen.add(s.profile());
      int[] n = s.sizes().toArray();
      int min = Arrays.stream(n).min().orElseThrow();
      int max = Arrays.stream(n).max().orElseThrow();
      assertThat(n.length).isBetween(2, 10);
      assertThat(max).isLessThanOrEqualTo(SCALE.maxPerClass());
      switch (s.profile()) {
        case BALANCED -> {
          assertThat(min).isEqualTo(max).isBetween(SCALE.minBalanced(), SCALE.maxBalanced());
        }
        case STEP -> {
          // majority classes first with R n_min samples, then rho K minority classes with n_min
          assertThat((double) max / min).isEqualTo(s.ratio()).isBetween(2.0, 100.0);
          long minority = Arrays.stream(n).filter(x -> x == min).count();
          assertThat(minority).isEqualTo(Math.round(s.rho() * n.length)).isBetween(1L, n.length - 1L);
          assertThat(Arrays.stream(n).allMatch(x -> x == min || x == max)).isTrue();
          assertThat(n[0]).isEqualTo(max);
        }
        case LONG_TAIL -> {
          for (int c = 1; c < n.length; c++) {
            assertThat(n[c]).isLessThanOrEqualTo(n[c - 1]);
          }
          assertThat(min).isGreaterThanOrEqualTo(1);
          assertThat(s.ratio()).isBetween(2.0, (double) n[0]);
        }
        case ONE_SAMPLE -> {
          assertThat(min).isEqualTo(1);
          assertThat(max).isGreaterThanOrEqualTo(2);
        }
        default -> throw new AssertionError(s);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(Profile.values());
  }

  @Test
  void stepRatiosReachOneHundredWhenTheScaleAllowsIt() {
    double largest = 0;
    for (long seed = 0; seed < DRAWS; seed++) {
      largest = Math.max(largest, random(ClassSizeGens.step(4, new Scale(1, 4, 400)), seed).ratio());
      largest = Math.max(largest, ClassSizeGens.step(4, new Scale(1, 4, 400))
          .generate(new ChoiceSource(Mode.EDGE, seed)).ratio());
    }
    assertThat(largest).isEqualTo(100.0);
  }

  @Test
  void balancedPercentageSetsTheShareOfBalancedCases() {
    int balanced = 0;
    for (long seed = 0; seed < DRAWS; seed++) {
      assertThat(random(ClassSizeGens.sizes(3, SCALE, 100), seed).profile()).isEqualTo(Profile.BALANCED);
      assertThat(random(ClassSizeGens.sizes(3, SCALE, 0), seed).profile()).isNotEqualTo(Profile.BALANCED);
      if (random(ClassSizeGens.sizes(3, SCALE, 70), seed).profile() == Profile.BALANCED) {
        balanced++;
      }
    }
    // binomial(400, 0.7): sd ~ 9.2; 5 sd either side
    assertThat(balanced).isBetween(280 - 46, 280 + 46);
  }

  @Test
  void sameChoicesSameSizes() {
    Spec a = random(ClassSizeGens.classSizes(SCALE, 25), 77L);
    Spec b = random(ClassSizeGens.classSizes(SCALE, 25), 77L);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> ClassSizeGens.classCounts(1, 3)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Scale(0, 2, 3)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizeGens.sizes(3, SCALE, 101)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizeGens.balanced(1, SCALE)).isInstanceOf(InvalidInputException.class);
  }
}
