package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class Nc4Test extends MetricsTestSupport {

  @Test
  void theNearestClassMeanClassifierAsALinearRuleHasZeroNc4() {
    // argmax_k mu_k^T h - ||mu_k||^2/2 = argmin_k ||h - mu_k||: W = Mbar^T, b_k = -||mu_k||^2/2
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + rnd.nextInt(8);
      int d = 1 + rnd.nextInt(15);
      LabeledFeatures f = randomFeatures(k, d, rnd);
      ClassMeans means = ClassMeans.of(f);
      DMatrixRMaj w = transpose(means.mbar());
      double[] b = new double[k];
      for (int c = 0; c < k; c++) {
        for (int a = 0; a < d; a++) {
          b[c] -= w.get(c, a) * w.get(c, a) / 2;
        }
      }
      assertThat(Nc4.of(f, means, w, b)).isEqualTo(0.0);
    }
  }

  @Test
  void handExampleCountsDisagreementsAndBreaksTiesTowardsLowestIndex() {
    // d = 1, class means: class 0 at 0, class 1 at 4. Samples 0, 4 (class 0), 4, 2 (class 1):
    // mean0 = 2, mean1 = 3 ; NCC: 0 -> 0, 4 -> 1, 4 -> 1, 2 -> 0 (|2-2| < |2-3|).
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{0, 4, 4, 2}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 0, 1, 1}, 2);
    assertThat(NearestClassMean.classify(f, ClassMeans.of(f))).containsExactly(0, 1, 1, 0);
    // classifier: logits (h, 2) -> predicts 1 iff h > 2, ties (h = 2) to class 0: predictions 0,1,1,0
    DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1}, {0}});
    double[] b = {0, 2};
    // logits class0 = h, class1 = 2: h=0 -> 1, h=4 -> 0, h=4 -> 0, h=2 -> tie -> 0
    assertThat(Logits.argmax(Logits.product(w, h), b)).containsExactly(1, 0, 0, 0);
    assertThat(Nc4.of(f, ClassMeans.of(f), w, b)).isEqualTo(3.0 / 4);
    // versus labels 0,0,1,1: wrong at samples 0, 2, 3
    assertThat(TrainError.of(w, b, f)).isEqualTo(3.0 / 4);
  }

  @Test
  void nearestMeanTiesGoToLowestIndex() {
    // sample at 1 is equidistant from means 0 and 2
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{2, 0}});
    assertThat(NearestClassMean.classify(new DMatrixRMaj(new double[][] {{1, 1.5, 0.5}}), means))
        .containsExactly(0, 0, 1);
  }

  @Test
  void trainErrorFromLogitsAndFitError() {
    DMatrixRMaj logits = new DMatrixRMaj(new double[][] {{1, 0, 3}, {1, 2, 1}});
    int[] y = {1, 1, 1};
    // argmax: tie -> 0 (wrong), 1 (right), 0 (wrong)
    assertThat(TrainError.fromLogits(logits, y)).isEqualTo(2.0 / 3);
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 0, 2}, {0, 1, 0}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 1, 0}, 2);
    // W = I: WH = H, Y = [[1,0,1],[0,1,0]], residual [[0,0,1],[0,0,0]]
    assertThat(FitError.of(new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}}), f)).isCloseTo(1.0, within(1e-15));
    // W = 0: ||Y|| = sqrt(N)
    assertThat(FitError.of(new DMatrixRMaj(2, 2), f)).isCloseTo(Math.sqrt(3), within(1e-15));
    assertThat(TrainError.of(new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}}), null, f)).isEqualTo(0.0);
  }

  @Test
  void badClassifierInputsAreRejected() {
    LabeledFeatures f = randomFeatures(3, 4, rnd);
    ClassMeans means = ClassMeans.of(f);
    DMatrixRMaj w = gaussian(3, 4, rnd);
    assertThatThrownBy(() -> Nc4.of(f, means, w, new double[2])).isInstanceOf(InvalidInputException.class)
        .hasMessage("bias has length 2 but must have length K = 3");
    assertThatThrownBy(() -> TrainError.of(w, new double[] {0, Double.NaN, 0}, f))
        .isInstanceOf(InvalidInputException.class).hasMessage("bias contains NaN at index 1");
    DMatrixRMaj bad = w.copy();
    bad.set(2, 3, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> FitError.of(bad, f)).isInstanceOf(InvalidInputException.class)
        .hasMessage("W contains +Inf at row 2, column 3");
    assertThatThrownBy(() -> TrainError.fromLogits(new DMatrixRMaj(3, 2), new int[] {0, 3}))
        .isInstanceOf(InvalidInputException.class).hasMessage("label 3 at index 1 is outside 0..2");
    assertThatThrownBy(() -> TrainError.fromLogits(new DMatrixRMaj(3, 2), new int[] {0}))
        .isInstanceOf(InvalidInputException.class);
  }
}
