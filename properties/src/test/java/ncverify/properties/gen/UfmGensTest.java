package ncverify.properties.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.Gen;
import org.junit.jupiter.api.Test;

class UfmGensTest {

  private static final long SEED = 11L;
  private static final int N = 2000;

  private static <T> List<T> sample(Gen<T> gen) {
    ChoiceSource s = new ChoiceSource(Mode.RANDOM, SEED);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      out.add(gen.generate(s));
    }
    return out;
  }

  private static <T> T simplest(Gen<T> gen) {
    return gen.generate(new ChoiceSource(Mode.ZERO, SEED));
  }

  @Test
  void simplestCasesAreTwoClassesOfOneSampleAndDepthOne() {
    assertThat(simplest(UfmGens.classCounts(2, 5))).isEqualTo(2);
    UfmGens.Sizes s = simplest(UfmGens.classSizes(4, 20));
    assertThat(s.profile()).isEqualTo(UfmGens.Profile.BALANCED);
    assertThat(s.sizes()).containsExactly(1, 1, 1, 1);
    assertThat(simplest(UfmGens.depths(4))).isEqualTo(1);
    assertThat(simplest(UfmGens.extraDimensions(3))).isZero();
  }

  @Test
  void sizesRespectTheirProfileAndRange() {
    Set<UfmGens.Profile> seen = new HashSet<>();
    for (UfmGens.Sizes s : sample(UfmGens.classSizes(5, 20))) {
      seen.add(s.profile());
      assertThat(s.sizes()).hasSize(5).allSatisfy(n -> assertThat(n).isBetween(1, 20));
      switch (s.profile()) {
        case BALANCED -> assertThat(new HashSet<>(s.sizes())).hasSize(1);
        case STEP -> {
          assertThat(new HashSet<>(s.sizes())).hasSize(2);
          int nMin = s.sizes().get(4);
          assertThat(s.sizes().get(0) % nMin).isZero();
          assertThat(s.ratio()).isGreaterThanOrEqualTo(2);
        }
        case RANDOM -> { }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(UfmGens.Profile.values());
  }

  @Test
  void classCountsIncludeTheEdgeCasesAndStayInRange() {
    List<Integer> ks = sample(UfmGens.classCounts(2, 5));
    assertThat(new HashSet<>(ks)).containsExactlyInAnyOrder(2, 3, 4, 5);
  }
}
