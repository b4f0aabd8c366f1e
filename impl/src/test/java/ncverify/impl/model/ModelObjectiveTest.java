package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Each model's objective equals an independent direct evaluation written with EJML from the
 * docs/theory.md formula (sections 2-5).
 */
class ModelObjectiveTest {

  private static final double TOL = 1e-10;

  private static DMatrixRMaj oneHot(int[] y, int k) {
    DMatrixRMaj m = new DMatrixRMaj(k, y.length);
    for (int i = 0; i < y.length; i++) {
      m.set(y[i], i, 1.0);
    }
    return m;
  }

  private static double sq(DMatrixRMaj m) {
    double v = NormOps_DDRM.normF(m);
    return v * v;
  }

  private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, c);
    return c;
  }

  @Test
  void deepLinearUfmObjectiveEqualsDirectEvaluation() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int t = 0; t < 10; t++) {
      int k = 2 + rng.nextInt(4);
      int n = k + rng.nextInt(10);
      int d = 2 + rng.nextInt(5);
      int m = 1 + rng.nextInt(4);
      int[] y = ModelFixtures.labels(n, k, rng);
      double lw = rng.nextDouble();
      double lh = rng.nextDouble();
      DeepLinearUfm model = DeepLinearUfm.builder(d, m, y, k).blas(new NaiveBlas()).lambdaW(lw).lambdaH(lh)
          .initStd(0.8).seed(t).build();
      DMatrixRMaj h = model.parameters().get(0).valueMatrix();
      DMatrixRMaj prod = h;
      double sumW = 0;
      for (DMatrixRMaj w : model.layerWeights()) {
        prod = mult(w, prod);
        sumW += sq(w);
      }
      DMatrixRMaj diff = new DMatrixRMaj(k, n);
      CommonOps_DDRM.subtract(prod, oneHot(y, k), diff);
      double direct = sq(diff) / (2.0 * n) + lw / 2 * sumW + lh / 2 * sq(h);
      assertThat(model.objective()).isCloseTo(direct, within(TOL * (1 + direct)));
      assertThat(model.logits().data).containsExactly(prod.data, within(1e-12));
    }
  }

  @Test
  void deepUfmObjectiveEqualsDirectEvaluationWithReluBetweenLayers() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int t = 0; t < 10; t++) {
      int k = 2 + rng.nextInt(3);
      int n = k + rng.nextInt(8);
      int l = 1 + rng.nextInt(4);
      int[] y = ModelFixtures.labels(n, k, rng);
      double[] lambdas = new double[l];
      for (int i = 0; i < l; i++) {
        lambdas[i] = rng.nextDouble();
      }
      double lh = rng.nextDouble();
      DeepUfm model = DeepUfm.builder(5, l, y, k).blas(new NaiveBlas()).layerLambdas(lambdas).lambdaH(lh)
          .initStd(0.9).seed(t).build();
      DMatrixRMaj h1 = model.parameters().get(0).valueMatrix();
      DMatrixRMaj z = h1;
      double reg = lh / 2 * sq(h1);
      for (int i = 1; i <= l; i++) {
        DMatrixRMaj w = model.weight(i);
        reg += lambdas[i - 1] / 2 * sq(w);
        z = mult(w, z);
        if (i < l) {
          for (int e = 0; e < z.data.length; e++) {
            z.data[e] = Math.max(0, z.data[e]);
          }
        }
      }
      DMatrixRMaj diff = new DMatrixRMaj(k, n);
      CommonOps_DDRM.subtract(z, oneHot(y, k), diff);
      double direct = sq(diff) / (2.0 * n) + reg;
      assertThat(model.objective()).isCloseTo(direct, within(TOL * (1 + direct)));
    }
  }

  @Test
  void ufmCrossEntropyIsSummedWithSeliRidgeByDefault() {
    SplittableRandom rng = new SplittableRandom(13);
    int k = 3;
    int n = 9;
    int[] y = ModelFixtures.labels(n, k, rng);
    double lambda = 0.3;
    Ufm model = Ufm.builder(4, y, k).blas(new NaiveBlas()).bias(true).lambda(lambda).initStd(1.0).seed(2).build();
    model.parameters().get(2).value()[1] = 0.7;
    DMatrixRMaj h = model.parameters().get(0).valueMatrix();
    DMatrixRMaj w = model.weight(1);
    DMatrixRMaj z = mult(w, h);
    double ce = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int r = 0; r < k; r++) {
        s += Math.exp(z.get(r, i) + (r == 1 ? 0.7 : 0));
      }
      ce += Math.log(s) - z.get(y[i], i) - (y[i] == 1 ? 0.7 : 0);
    }
    double direct = ce + lambda / 2 * (sq(w) + sq(h));
    assertThat(model.objective()).isCloseTo(direct, within(TOL));
    Ufm mean = Ufm.builder(4, y, k).blas(new NaiveBlas()).lambda(lambda).initStd(1.0).seed(2)
        .normalization(Normalization.MEAN).build();
    Ufm sum = Ufm.builder(4, y, k).blas(new NaiveBlas()).lambda(lambda).initStd(1.0).seed(2).build();
    assertThat(mean.evaluate().dataLoss() * n).isCloseTo(sum.evaluate().dataLoss(), within(TOL));
  }

  @Test
  void mlpFeaturesAndObjectiveEqualDirectForwardPass() {
    SplittableRandom rng = new SplittableRandom(14);
    int n = 12;
    int k = 3;
    int[] y = ModelFixtures.labels(n, k, rng);
    DMatrixRMaj x = ModelFixtures.gaussian(4, n, rng);
    double lambda = 0.05;
    Mlp mlp = Mlp.builder(x, y, k).blas(new NaiveBlas()).nonlinearWidths(6, 5).linearHiddenWidths(4)
        .activation(Activation.TANH).bias(true).lambda(lambda).seed(3).build();
    for (int l = 1; l <= 4; l++) {
      double[] b = mlp.parameters().get(2 * l - 1).value();
      for (int i = 0; i < b.length; i++) {
        b[i] = rng.nextGaussian();
      }
    }
    DMatrixRMaj a = x;
    double sumW = 0;
    for (int l = 1; l <= 4; l++) {
      assertThat(mlp.featuresEntering(l).data).containsExactly(a.data, within(1e-12));
      DMatrixRMaj w = mlp.weight(l);
      sumW += sq(w);
      DMatrixRMaj z = mult(w, a);
      DMatrixRMaj b = mlp.bias(l).orElseThrow();
      for (int r = 0; r < z.numRows; r++) {
        for (int c = 0; c < n; c++) {
          z.add(r, c, b.get(r, 0));
        }
      }
      assertThat(mlp.preActivation(l).data).containsExactly(z.data, within(1e-12));
      if (l <= 2) {
        for (int e = 0; e < z.data.length; e++) {
          z.data[e] = Math.tanh(z.data[e]);
        }
      }
      a = z;
    }
    assertThat(mlp.penultimateFeatures().numRows).isEqualTo(4);
    DMatrixRMaj diff = new DMatrixRMaj(k, n);
    CommonOps_DDRM.subtract(a, oneHot(y, k), diff);
    double direct = 0.5 * sq(diff) + lambda / 2 * sumW;
    assertThat(mlp.objective()).isCloseTo(direct, within(TOL * (1 + direct)));
    assertThat(mlp.objectiveFormula()).startsWith("(1/2)||Z_L - Y||^2");
    assertThat(mlp.parameters()).extracting(Parameter::name)
        .containsExactly("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4");
  }

  @Test
  void ufmWithMseDefaultsToTheMeanOfDufm() {
    int[] y = {0, 1, 1, 0};
    Ufm mse = Ufm.builder(3, y, 2).blas(new NaiveBlas()).loss(Loss.mse()).lambda(0.1).initStd(1.0).seed(1).build();
    DMatrixRMaj z = mult(mse.weight(1), mse.parameters().get(0).valueMatrix());
    DMatrixRMaj diff = new DMatrixRMaj(2, 4);
    CommonOps_DDRM.subtract(z, oneHot(y, 2), diff);
    double direct = sq(diff) / (2.0 * 4) + 0.05 * (sq(mse.weight(1)) + sq(mse.parameters().get(0).valueMatrix()));
    assertThat(mse.objective()).isCloseTo(direct, within(TOL));
    assertThat(mse.objectiveFormula()).startsWith("(1/N) (1/2)||Z_L - Y||^2");
  }

  @Test
  void trainErrorCountsArgmaxMistakes() {
    int[] y = {0, 1, 1};
    DeepLinearUfm m = DeepLinearUfm.builder(2, 1, y, 2).blas(new NaiveBlas()).build();
    double[] w = m.parameters().get(1).value();
    double[] h = m.parameters().get(0).value();
    System.arraycopy(new double[] {1, 0, 0, 1}, 0, w, 0, 4);
    // columns of H (d = 2): (1, 0) -> class 0 ok; (0, 1) -> class 1 ok; (2, 1) -> class 0 wrong
    System.arraycopy(new double[] {1, 0, 2, 0, 1, 1}, 0, h, 0, 6);
    assertThat(m.evaluate().trainError()).isCloseTo(1.0 / 3, within(TOL));
  }

  @Test
  void rejectsBadLabels() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ufm.builder(3, new int[] {0, 4, 1}, 3).build())
        .isInstanceOf(ncverify.theory.InvalidInputException.class)
        .hasMessage("label 4 at index 1 is outside 0..2");
  }

  @Test
  void crossEntropyLossOnDeepModelsIsConfigurable() {
    int[] y = {0, 1, 2, 0};
    DeepUfm m = DeepUfm.builder(3, 2, y, 3).blas(new NaiveBlas()).loss(Loss.crossEntropy()).build();
    assertThat(m.objectiveFormula()).startsWith("(1/N) sum_i CE");
  }
}
