package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The settings shared through {@link ModelBuilder} act the same way on every model. */
class ModelBuilderTest {

  private static final double TOL = 1e-12;
  private static final int N = 12;
  private static final int K = 3;

  private final SplittableRandom rng = new SplittableRandom(17);
  private final int[] labels = ModelFixtures.labels(N, K, rng);
  private final DMatrixRMaj x = ModelFixtures.gaussian(4, N, rng);

  /** One fresh builder per model family, with the same shared settings applied. */
  private List<ChainModel> every(Function<ModelBuilder<?>, ModelBuilder<?>> shared) {
    return List.of(
        shared.apply(Mlp.builder(x, labels, K).nonlinearWidths(5)).build(),
        shared.apply(Ufm.builder(4, labels, K)).build(),
        shared.apply(DeepLinearUfm.builder(4, 2, labels, K)).build(),
        shared.apply(DeepUfm.builder(4, 2, labels, K)).build());
  }

  @Test
  void biasAddsOneUnregularizedColumnPerLayer() {
    for (ChainModel m : every(b -> b.blas(new NaiveBlas()).bias(true))) {
      for (int l = 1; l <= m.depth(); l++) {
        assertThat(m.bias(l)).as(m.name() + " b_" + l).isPresent();
        assertThat(m.bias(l).get().numRows).isEqualTo(m.widths()[l]);
      }
      assertThat(m.parameters().stream().filter(p -> p.name().startsWith("b")))
          .allMatch(p -> p.decay() == 0.0);
    }
    for (ChainModel m : every(b -> b.blas(new NaiveBlas()))) {
      assertThat(m.bias(1)).as(m.name()).isEmpty();
    }
  }

  @Test
  void sameSeedSameInitOtherSeedOtherInit() {
    List<ChainModel> a = every(b -> b.blas(new NaiveBlas()).seed(5));
    List<ChainModel> again = every(b -> b.blas(new NaiveBlas()).seed(5));
    List<ChainModel> other = every(b -> b.blas(new NaiveBlas()).seed(6));
    for (int i = 0; i < a.size(); i++) {
      assertThat(again.get(i).weight(1).data).as(a.get(i).name()).isEqualTo(a.get(i).weight(1).data);
      assertThat(other.get(i).weight(1).data).as(a.get(i).name()).isNotEqualTo(a.get(i).weight(1).data);
    }
  }

  @Test
  void meanNormalizationDividesTheSummedDataTermByN() {
    List<ChainModel> sum = every(b -> b.blas(new NaiveBlas()).loss(Loss.mse()).normalization(Normalization.SUM));
    List<ChainModel> mean = every(b -> b.blas(new NaiveBlas()).loss(Loss.mse()).normalization(Normalization.MEAN));
    for (int i = 0; i < sum.size(); i++) {
      double s = sum.get(i).evaluate().dataLoss();
      assertThat(mean.get(i).evaluate().dataLoss()).as(sum.get(i).name()).isCloseTo(s / N,
          offset(TOL * Math.max(1, s)));
    }
  }

  @Test
  void lossIsTheOneSet() {
    for (ChainModel m : every(b -> b.blas(new NaiveBlas()).loss(Loss.crossEntropy()))) {
      assertThat(m.objectiveFormula()).as(m.name()).contains("CE(z_i, y_i)");
    }
    for (ChainModel m : every(b -> b.blas(new NaiveBlas()).loss(Loss.mse()))) {
      assertThat(m.objectiveFormula()).as(m.name()).contains("||Z_L - Y||^2");
    }
  }

  @Test
  void hiddenWidthsAreCheckedAgainstTheDepthNamedByEachPaper() {
    assertThat(DeepLinearUfm.builder(4, 3, labels, K).hiddenWidths(6, 7).build().widths())
        .containsExactly(4, 6, 7, K);
    assertThat(DeepUfm.builder(4, 3, labels, K).build().widths()).containsExactly(4, 4, 4, K);
    assertThatThrownBy(() -> DeepLinearUfm.builder(4, 3, labels, K).hiddenWidths(6))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("M - 1 = 2");
    assertThatThrownBy(() -> DeepUfm.builder(4, 3, labels, K).hiddenWidths(6))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("L - 1 = 2");
    assertThatThrownBy(() -> DeepLinearUfm.builder(4, 0, labels, K))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("M = 0");
  }
}
