package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.ModelFixtures.Kind;
import org.junit.jupiter.api.Test;

/**
 * Contract for every model x loss x bias: analytic gradients of the full objective
 * (data gradient + lambda P) agree with central finite differences of the independently evaluated
 * objective ({@link Model#evaluate()}), on the full batch and on shuffled mini-batches.
 */
class ModelGradientTest {

  private static final double REL_TOL = 1e-6;
  private static final double H = 1e-4;
  private static final int INSTANCES = 8;

  @Test
  void fullBatchGradientsMatchFiniteDifferencesForEveryModelLossAndBias() {
    SplittableRandom rng = new SplittableRandom(20261125L);
    for (Kind kind : Kind.values()) {
      for (Loss loss : List.of(Loss.mse(), Loss.crossEntropy())) {
        for (boolean bias : new boolean[] {false, true}) {
          for (int t = 0; t < INSTANCES; t++) {
            ChainModel m = ModelFixtures.random(kind, loss, bias, rng);
            String what = kind + "/" + loss.name() + "/bias=" + bias + "/#" + t + " " + m.objectiveFormula();
            double value = m.lossAndGradient(null, 0, m.numSamples()) + m.regularization();
            assertThat(value).as(what).isCloseTo(m.objective(), within(1e-12 * (1 + Math.abs(value))));
            double[][] all = grads(m);
            for (int q = 0; q < all.length; q++) {
              Parameter p = m.parameters().get(q);
              double[] analytic = all[q];
              for (int i = 0; i < analytic.length; i++) {
                analytic[i] += p.decay() * p.value()[i];
              }
              double[] fd = FiniteDifferences.gradient(p, m::objective, H);
              assertThat(FiniteDifferences.relativeError(analytic, fd)).as(what + " " + p).isLessThan(REL_TOL);
            }
          }
        }
      }
    }
  }

  @Test
  void miniBatchGradientsMatchFiniteDifferencesOfTheBatchLoss() {
    SplittableRandom rng = new SplittableRandom(7L);
    for (Kind kind : Kind.values()) {
      for (Loss loss : List.of(Loss.mse(), Loss.crossEntropy())) {
        for (boolean bias : new boolean[] {false, true}) {
          ChainModel m = ModelFixtures.random(kind, loss, bias, rng);
          int n = m.numSamples();
          int[] perm = permutation(n, rng);
          int off = 1;
          int b = Math.max(1, n / 2);
          m.lossAndGradient(perm, off, b);
          double[][] all = grads(m);
          for (int q = 0; q < all.length; q++) {
            Parameter p = m.parameters().get(q);
            double[] analytic = all[q];
            double[] fd = FiniteDifferences.gradient(p, () -> m.lossAndGradient(perm, off, b), H);
            assertThat(FiniteDifferences.relativeError(analytic, fd)).as(kind + "/" + loss.name() + " " + p).isLessThan(REL_TOL);
          }
        }
      }
    }
  }

  @Test
  void chunkedFullBatchEqualsWeightedSumOfTwoBatches() {
    SplittableRandom rng = new SplittableRandom(3L);
    int n = ChainModel.CHUNK + 53;
    int k = 3;
    int[] y = ModelFixtures.labels(n, k, rng);
    Mlp m = Mlp.builder(ModelFixtures.gaussian(3, n, rng), y, k).blas(new ncverify.theory.linalg.blas.NaiveBlas())
        .nonlinearWidths(4).bias(true).normalization(Normalization.MEAN).seed(5).build();
    m.lossAndGradient(null, 0, n);
    double[][] full = grads(m);
    int b1 = 1000;
    m.lossAndGradient(null, 0, b1);
    double[][] g1 = grads(m);
    m.lossAndGradient(null, b1, n - b1);
    double[][] g2 = grads(m);
    for (int p = 0; p < full.length; p++) {
      double[] combined = new double[full[p].length];
      for (int i = 0; i < combined.length; i++) {
        combined[i] = (b1 * g1[p][i] + (n - b1) * g2[p][i]) / n;
      }
      assertThat(FiniteDifferences.relativeError(full[p], combined)).isLessThan(1e-12);
    }
    // chunked pre-activations of layer 1 equal W_1 X + b_1 1^T computed directly
    org.ejml.data.DMatrixRMaj z = new org.ejml.data.DMatrixRMaj(4, n);
    org.ejml.dense.row.CommonOps_DDRM.mult(m.weight(1), m.featuresEntering(1), z);
    double[] b = m.bias(1).orElseThrow().data;
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < n; c++) {
        z.add(r, c, b[r]);
      }
    }
    assertThat(m.preActivation(1).data).containsExactly(z.data, within(1e-12));
  }

  private static double[][] grads(Model m) {
    return m.parameters().stream().map(p -> p.grad().clone()).toArray(double[][]::new);
  }

  static int[] permutation(int n, SplittableRandom rng) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }
}
