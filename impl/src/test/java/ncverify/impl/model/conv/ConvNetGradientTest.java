package ncverify.impl.model.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.loss.Loss;
import ncverify.impl.model.FiniteDifferences;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.conv.ConvFixtures.Case;
import org.junit.jupiter.api.Test;

/**
 * Analytic gradients of every convolutional layer and edge case ({@link ConvFixtures#edgeCases()})
 * against central finite differences of the independently evaluated objective, with both losses,
 * with and without biases, on the full batch and on shuffled mini-batches processed in chunks.
 */
class ConvNetGradientTest {

  private static final double REL_TOL = 1e-6;
  private static final double H = 1e-4;

  @Test
  void fullBatchGradientsMatchFiniteDifferencesForEveryLayerAndEdgeCase() {
    SplittableRandom rng = new SplittableRandom(20261125L);
    for (Case c : ConvFixtures.edgeCases()) {
      for (Loss loss : List.of(Loss.mse(), Loss.crossEntropy())) {
        boolean bias = rng.nextBoolean();
        ConvNet m = ConvFixtures.net(c, loss, bias, rng);
        String what = c + " " + loss.name() + " bias=" + bias;
        double value = m.lossAndGradient(null, 0, m.numSamples()) + m.regularization();
        assertThat(value).as(what).isCloseTo(m.objective(), within(1e-12 * (1 + Math.abs(value))));
        double[][] analytic = grads(m);
        for (int q = 0; q < analytic.length; q++) {
          Parameter p = m.parameters().get(q);
          for (int i = 0; i < analytic[q].length; i++) {
            analytic[q][i] += p.decay() * p.value()[i];
          }
          double[] fd = FiniteDifferences.gradient(p, m::objective, H);
          assertThat(FiniteDifferences.relativeError(analytic[q], fd)).as(what + " " + p).isLessThan(REL_TOL);
        }
      }
    }
  }

  @Test
  void chunkedMiniBatchGradientsMatchFiniteDifferencesOfTheBatchLoss() {
    SplittableRandom rng = new SplittableRandom(11L);
    for (Case c : ConvFixtures.edgeCases()) {
      ConvNet m = ConvFixtures.net(c, Loss.crossEntropy(), true, 2, rng);
      int n = m.numSamples();
      int[] perm = ConvFixtures.permutation(n, rng);
      int b = n - 1;
      m.lossAndGradient(perm, 1, b);
      double[][] analytic = grads(m);
      for (int q = 0; q < analytic.length; q++) {
        Parameter p = m.parameters().get(q);
        double[] fd = FiniteDifferences.gradient(p, () -> m.lossAndGradient(perm, 1, b), H);
        assertThat(FiniteDifferences.relativeError(analytic[q], fd)).as(c + " " + p).isLessThan(REL_TOL);
      }
    }
  }

  static double[][] grads(ConvNet m) {
    return m.parameters().stream().map(p -> p.grad().clone()).toArray(double[][]::new);
  }
}
