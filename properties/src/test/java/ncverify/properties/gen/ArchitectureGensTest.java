package ncverify.properties.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import ncverify.impl.model.Activation;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.ArchitectureGens.DimRegime;
import ncverify.properties.gen.ArchitectureGens.FeatureDim;
import ncverify.properties.gen.ArchitectureGens.MlpShape;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ArchitectureGensTest {

  private static final int DRAWS = 300;

  @Test
  void featureDimsCoverKMinusOneKTwiceKAndMuchLarger() {
    int k = 5;
    Set<DimRegime> seen = EnumSet.noneOf(DimRegime.class);
    for (long seed = 0; seed < DRAWS; seed++) {
      FeatureDim f = ArchitectureGens.featureDims(k, 64).generate(new ChoiceSource(Mode.RANDOM, seed));
      seen.add(f.regime());
      switch (f.regime()) {
        case EQUAL_K -> assertThat(f.d()).isEqualTo(k);
        case K_MINUS_ONE -> assertThat(f.d()).isEqualTo(k - 1);
        case TWICE_K -> assertThat(f.d()).isEqualTo(2 * k);
        case MUCH_LARGER -> assertThat(f.d()).isBetween(4 * k, 64);
        default -> throw new AssertionError(f);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(DimRegime.values());
    assertThat(ArchitectureGens.featureDims(k, 64).generate(new ChoiceSource(Mode.ZERO, 0)).d()).isEqualTo(k);
  }

  @Test
  void widthsArePowersOfTwoInRange() {
    for (long seed = 0; seed < DRAWS; seed++) {
      int w = ArchitectureGens.widths(8, 256).generate(new ChoiceSource(Mode.RANDOM, seed));
      assertThat(Integer.bitCount(w)).isEqualTo(1);
      assertThat(w).isBetween(8, 256);
    }
    assertThat(ArchitectureGens.widths(8, 256).generate(new ChoiceSource(Mode.ZERO, 0))).isEqualTo(8);
  }

  @Test
  void headDepthsSpanOneToSix() {
    int lo = Integer.MAX_VALUE;
    int hi = 0;
    for (long seed = 0; seed < DRAWS; seed++) {
      int l2 = ArchitectureGens.headDepths().generate(new ChoiceSource(Mode.RANDOM, seed));
      lo = Math.min(lo, l2);
      hi = Math.max(hi, l2);
    }
    assertThat(lo).isEqualTo(1);
    assertThat(hi).isEqualTo(6);
  }

  @Test
  void simplestMlpIsOneReluLayerOfTheSmallestWidthAndTheShallowestHead() {
    int k = 3;
    Gen<MlpShape> g = ArchitectureGens.mlps(k, Gen.constant(4), 3, 16, 128, ArchitectureGens.headDepths(2, 5));
    MlpShape s = g.generate(new ChoiceSource(Mode.ZERO, 0));
    assertThat(s.l1()).isEqualTo(1);
    assertThat(s.l2()).isEqualTo(2);
    assertThat(s.firstWidth()).isEqualTo(16);
    assertThat(s.activation()).isEqualTo(Activation.RELU);
    assertThat(s.linearHiddenWidths()).containsExactly(16);
  }

  @Test
  void mlpShapesRespectTheirRanges() {
    int k = 10;
    Gen<MlpShape> g = ArchitectureGens.mlps(k, Gen.integers(1, 20), 3, 8, 64, ArchitectureGens.headDepths());
    Set<Activation> acts = EnumSet.noneOf(Activation.class);
    for (long seed = 0; seed < DRAWS; seed++) {
      MlpShape s = g.generate(new ChoiceSource(Mode.RANDOM, seed));
      acts.add(s.activation());
      assertThat(s.nonlinearWidths()).hasSize(s.l1());
      assertThat(s.linearHiddenWidths()).hasSize(s.l2() - 1);
      assertThat(s.l1()).isBetween(1, 3);
      assertThat(s.l2()).isBetween(1, 6);
      assertThat(s.firstWidth()).isBetween(8, 64);
      // hidden head layers never narrower than K: the head can keep rank K
      for (int w : s.linearHiddenWidths()) {
        assertThat(w).isGreaterThanOrEqualTo(k).isLessThanOrEqualTo(64);
      }
    }
    assertThat(acts).containsExactlyInAnyOrder(Activation.RELU, Activation.LEAKY_RELU, Activation.TANH);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> ArchitectureGens.widths(3, 8)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArchitectureGens.headDepths(0, 2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ArchitectureGens.featureDims(1, 4)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new MlpShape(2, 4, 4, 1, Activation.IDENTITY, 2, 4))
        .isInstanceOf(InvalidInputException.class);
  }
}
