package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Random;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DeepUfmObjectiveTest {

  private static final double FD_STEP = 1e-6;
  private static final double FD_REL = 1e-6;

  @Test
  void valueEqualsPerSampleComputation() {
    Random rng = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      int k = 2 + trial;
      int[] widths = {4 + trial, 5, 3 + trial, k};
      int n = 9;
      int[] labels = randomLabels(n, k, rng);
      double[] lambdas = {0.01, 0.02, 0.005};
      DeepUfmPoint p = DufmTestSupport.randomPoint(widths, n, rng);
      double direct = new DeepUfmObjective(labels, k, lambdas, 0.03).value(p);
      assertThat(direct).isCloseTo(DufmTestSupport.perSampleLoss(p, labels, lambdas, 0.03),
          offset(1e-12));
    }
  }

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    Random rng = new Random(5);
    for (int depth = 1; depth <= 4; depth++) {
      int k = 3;
      int n = 7;
      int[] widths = new int[depth + 1];
      for (int l = 0; l < depth; l++) {
        widths[l] = 3 + rng.nextInt(3);
      }
      widths[depth] = k;
      int[] labels = randomLabels(n, k, rng);
      double[] lambdas = new double[depth];
      for (int l = 0; l < depth; l++) {
        lambdas[l] = 0.01 * (l + 1);
      }
      DeepUfmObjective f = new DeepUfmObjective(labels, k, lambdas, 0.02);
      DeepUfmPoint p = DufmTestSupport.randomPoint(widths, n, rng);
      DeepUfmGradient g = f.gradient(p);
      assertClose(fdH1(f, p), g.dH1());
      for (int l = 1; l <= depth; l++) {
        assertClose(fdW(f, p, l), g.dWeights().get(l - 1));
      }
    }
  }

  @Test
  void zeroPointHasLossOneHalfAndOnlyDataGradient() {
    int k = 3;
    int[] labels = {0, 1, 2, 1};
    DeepUfmPoint zero = new DeepUfmPoint(new DMatrixRMaj(4, 4),
        List.of(new DMatrixRMaj(5, 4), new DMatrixRMaj(k, 5)));
    DeepUfmObjective f = new DeepUfmObjective(labels, k, new double[] {0.1, 0.1}, 0.1);
    assertThat(f.value(zero)).isCloseTo(0.5, offset(1e-15));
    assertThat(f.gradient(zero).norm()).isZero();
  }

  @Test
  void rejectsBadInput() {
    double[] l2 = {0.1, 0.1};
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 7}, 3, l2, 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 7 at index 1");
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 1}, 1, l2, 0.1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 1}, 2, new double[0], 0.1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepUfmObjective(new int[] {0, 1}, 2, l2, 0.0))
        .isInstanceOf(InvalidInputException.class);
    DeepUfmObjective f = new DeepUfmObjective(new int[] {0, 1}, 2, l2, 0.1);
    DeepUfmPoint wrongN = new DeepUfmPoint(new DMatrixRMaj(3, 3),
        List.of(new DMatrixRMaj(3, 3), new DMatrixRMaj(2, 3)));
    assertThatThrownBy(() -> f.value(wrongN)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("3 columns");
    assertThatThrownBy(() -> new DeepUfmPoint(new DMatrixRMaj(3, 2),
        List.of(new DMatrixRMaj(3, 4)))).isInstanceOf(InvalidInputException.class);
    DMatrixRMaj nan = new DMatrixRMaj(3, 2);
    nan.set(0, 0, Double.NaN);
    DeepUfmPoint bad = new DeepUfmPoint(nan, List.of(new DMatrixRMaj(3, 3), new DMatrixRMaj(2, 3)));
    assertThatThrownBy(() -> f.value(bad)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("non-finite");
  }

  private static int[] randomLabels(int n, int k, Random rng) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < k ? i : rng.nextInt(k);
    }
    return y;
  }

  private static DMatrixRMaj fdH1(DeepUfmObjective f, DeepUfmPoint p) {
    DMatrixRMaj h = p.h1();
    DMatrixRMaj g = new DMatrixRMaj(h.numRows, h.numCols);
    for (int i = 0; i < h.getNumElements(); i++) {
      DMatrixRMaj plus = h.copy();
      plus.data[i] += FD_STEP;
      DMatrixRMaj minus = h.copy();
      minus.data[i] -= FD_STEP;
      g.data[i] = (f.value(new DeepUfmPoint(plus, p.weights()))
          - f.value(new DeepUfmPoint(minus, p.weights()))) / (2 * FD_STEP);
    }
    return g;
  }

  private static DMatrixRMaj fdW(DeepUfmObjective f, DeepUfmPoint p, int l) {
    DMatrixRMaj w = p.weight(l);
    DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numCols);
    for (int i = 0; i < w.getNumElements(); i++) {
      List<DMatrixRMaj> plus = p.weights();
      plus.get(l - 1).data[i] += FD_STEP;
      List<DMatrixRMaj> minus = p.weights();
      minus.get(l - 1).data[i] -= FD_STEP;
      g.data[i] = (f.value(new DeepUfmPoint(p.h1(), plus))
          - f.value(new DeepUfmPoint(p.h1(), minus))) / (2 * FD_STEP);
    }
    return g;
  }

  private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual) {
    double scale = Math.max(1e-3, Math.sqrt(DufmTestSupport.frob2(expected)));
    for (int i = 0; i < expected.getNumElements(); i++) {
      assertThat(actual.data[i]).isCloseTo(expected.data[i], offset(FD_REL * scale));
    }
  }
}
