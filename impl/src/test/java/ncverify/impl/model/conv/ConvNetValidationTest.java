package ncverify.impl.model.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Activation;
import ncverify.impl.model.conv.ConvArchitecture.Conv;
import ncverify.impl.model.conv.ConvArchitecture.Pool;
import ncverify.impl.model.conv.ConvArchitecture.Pooling;
import ncverify.impl.model.conv.ConvArchitecture.Stage;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.blas.NaiveBlas;
import org.junit.jupiter.api.Test;

/** Bad shapes and settings fail when the network is built, with one line naming the problem. */
class ConvNetValidationTest {

  private final ImageShape s = new ImageShape(1, 4, 4);
  private final Dataset data = ConvFixtures.images(s, 5, 2, new SplittableRandom(1));

  private ConvNet build(List<Stage> trunk) {
    return ConvNet.builder(data, s).blas(new NaiveBlas())
        .architecture(new ConvArchitecture(trunk, new int[] {}, new int[] {}, Activation.RELU)).build();
  }

  private static void assertOneLine(Throwable e, String part) {
    assertThat(e).isInstanceOf(InvalidInputException.class);
    assertThat(e.getMessage()).contains(part).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void shapesThatDoNotFitAreRefused() {
    assertThatThrownBy(() -> build(List.of(new Conv(2, 5, 1, 0)))).satisfies(e -> assertOneLine(e, "does not fit"));
    assertThatThrownBy(() -> build(List.of(new Pool(Pooling.MAX, 5, 1)))).satisfies(e -> assertOneLine(e, "does not fit"));
    assertThatThrownBy(() -> build(List.of(new Conv(2, 3, 1, 0), new Conv(2, 3, 1, 0), new Conv(2, 3, 1, 0))))
        .satisfies(e -> assertOneLine(e, "does not fit the 2x2x2 input"));
    assertThatThrownBy(() -> ConvNet.builder(data, new ImageShape(1, 3, 5)))
        .satisfies(e -> assertOneLine(e, "16 entries per sample but a 1x3x5 image has 15"));
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> build(List.of(new Conv(2, 3, 0, 1)))).satisfies(e -> assertOneLine(e, "stride 0"));
    assertThatThrownBy(() -> build(List.of(new Conv(0, 3, 1, 1)))).satisfies(e -> assertOneLine(e, "0 channels"));
    assertThatThrownBy(() -> build(List.of(new Conv(2, 3, 1, 3)))).satisfies(e -> assertOneLine(e, "padding 3 >= kernel 3"));
    assertThatThrownBy(() -> build(List.of(new Pool(Pooling.AVG, 0, 1)))).satisfies(e -> assertOneLine(e, "window 0"));
    assertThatThrownBy(() -> new ConvArchitecture(List.of(), new int[] {}, new int[] {}, Activation.RELU))
        .satisfies(e -> assertOneLine(e, "at least one"));
    assertThatThrownBy(() -> new ConvArchitecture(List.of(new Conv(2, 3, 1, 1)), new int[] {}, new int[] {},
        Activation.IDENTITY)).satisfies(e -> assertOneLine(e, "nonlinear activation"));
    assertThatThrownBy(() -> ConvNet.builder(data, s).lambda(-1).build()).satisfies(e -> assertOneLine(e, "lambda"));
    assertThatThrownBy(() -> ConvNet.builder(data, s).initScale(0).build()).satisfies(e -> assertOneLine(e, "init scale"));
  }

  @Test
  void theModelViewIsTheDenseLayersAfterTheTrunk() {
    ConvNet m = ConvNet.builder(data, s).blas(new NaiveBlas()).architecture(
        ConvArchitecture.cnn(new int[] {3}, new int[] {6}, new int[] {4})).seed(2).build();
    assertThat(m.depth()).isEqualTo(3);
    assertThat(m.activation(1)).isEqualTo(Activation.RELU);
    assertThat(m.activation(2)).isEqualTo(Activation.IDENTITY);
    assertThat(m.featuresEntering(1).numRows).isEqualTo(3 * 2 * 2);
    assertThat(m.weight(1).numCols).isEqualTo(12);
    assertThat(m.penultimateFeatures().numRows).isEqualTo(4);
    assertThat(m.logits().numRows).isEqualTo(2);
    assertThat(m.bias(1)).isEmpty();
    assertThat(m.kernels()).extracting(p -> p.name()).containsExactly("K1");
    assertThat(m.name()).isEqualTo("cnn");
    assertThat(m.layerSummary()).containsExactly("1x4x4 -> conv3x3-3/s1/p1 relu -> 3x4x4", "3x4x4 -> maxpool2/s2 -> 3x2x2",
        "3x2x2 -> fc6 relu -> 6x1x1", "6x1x1 -> fc4 identity -> 4x1x1", "4x1x1 -> fc2 identity -> 2x1x1");
    assertThatThrownBy(() -> m.weight(4)).satisfies(e -> assertOneLine(e, "layer 4 is outside 1..3"));
    assertThat(m.architecture().trunkOutput(s)).isEqualTo(new ImageShape(3, 2, 2));
  }

  @Test
  void theObjectiveGradientOfALayerIsItsDataGradientPlusWeightDecay() {
    ConvNet m = ConvNet.builder(data, s).blas(new NaiveBlas()).architecture(
        ConvArchitecture.cnn(new int[] {2}, new int[] {}, new int[] {3})).lambda(0.25).seed(4).build();
    m.lossAndGradient(null, 0, m.numSamples());
    double[] g = m.parameters().get(2).grad().clone();
    double[] w = m.parameters().get(2).value();
    double[] r = m.objectiveGradient(2).data;
    for (int i = 0; i < g.length; i++) {
      assertThat(r[i]).isEqualTo(g[i] + 0.25 * w[i]);
    }
  }
}
