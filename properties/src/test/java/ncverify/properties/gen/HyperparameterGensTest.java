package ncverify.properties.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.impl.loss.Loss;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.gen.HyperparameterGens.LossKind;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class HyperparameterGensTest {

  private static final int DRAWS = 300;

  @Test
  void simplestChoicesAreMseSmallestLambdaAndSeedZero() {
    ChoiceSource zero = new ChoiceSource(Mode.ZERO, 0);
    assertThat(HyperparameterGens.losses().generate(zero)).isEqualTo(LossKind.MSE);
    assertThat(HyperparameterGens.lambdas().generate(zero)).isEqualTo(1e-5);
    assertThat(HyperparameterGens.learningRates(1e-3, 1).generate(zero)).isEqualTo(1e-3);
    assertThat(HyperparameterGens.seeds().generate(zero)).isZero();
    assertThat(LossKind.MSE.loss()).isSameAs(Loss.mse());
    assertThat(LossKind.CROSS_ENTROPY.loss()).isSameAs(Loss.crossEntropy());
  }

  @Test
  void lambdasSpreadAcrossOrdersOfMagnitude() {
    int[] decades = new int[4];
    for (long seed = 0; seed < DRAWS; seed++) {
      double l = HyperparameterGens.lambdas().generate(new ChoiceSource(Mode.RANDOM, seed));
      assertThat(l).isBetween(1e-5, 1e-1);
      decades[(int) Math.min(3, Math.floor(Math.log10(l) + 5))]++;
    }
    // log-uniform: each of the four decades gets about a quarter (75 of 300)
    for (int d : decades) {
      assertThat(d).isBetween(40, 110);
    }
  }

  @Test
  void stableLearningRatesAreTheRequestedFractionOfTwoOverCurvature() {
    double curvature = 50;
    for (long seed = 0; seed < DRAWS; seed++) {
      double eta = HyperparameterGens.stableLearningRates(curvature, 0.1, 0.9)
          .generate(new ChoiceSource(Mode.RANDOM, seed));
      assertThat(eta * curvature / 2).isBetween(0.1 * (1 - 1e-12), 0.9 * (1 + 1e-12));
    }
    assertThatThrownBy(() -> HyperparameterGens.stableLearningRates(0, 0.1, 0.5))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> HyperparameterGens.stableLearningRates(1, 0.5, 1.5))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void seedsAreNonNegativeAndVaried() {
    long distinct = java.util.stream.LongStream.range(0, 50)
        .map(s -> HyperparameterGens.seeds().generate(new ChoiceSource(Mode.RANDOM, s))).peek(v ->
            assertThat(v).isNotNegative()).distinct().count();
    assertThat(distinct).isGreaterThan(45);
  }
}
