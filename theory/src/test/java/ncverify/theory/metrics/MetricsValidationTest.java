package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Finite;
import ncverify.theory.linalg.PseudoInverse;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Bad inputs to the metrics are rejected with {@link InvalidInputException} (never a NaN or an
 * unrelated exception), and boundary cases behave as documented; branches that mutation testing found
 * unchecked.
 */
class MetricsValidationTest extends MetricsTestSupport {

  private static LabeledFeatures small() {
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 0, 3, -1}, {0, 6, 0, 2}});
    return new LabeledFeatures(h, new int[] {0, 1, 0, 1}, 2);
  }

  @Test
  void labeledFeaturesRejectsBadInput() {
    DMatrixRMaj h = new DMatrixRMaj(2, 3);
    assertThatThrownBy(() -> new LabeledFeatures(null, new int[] {0, 1, 0}, 2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LabeledFeatures(h, null, 2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new LabeledFeatures(h, new int[] {0, 1, 2}, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 2 at index 2 is outside 0..1");
    DMatrixRMaj bad = new DMatrixRMaj(2, 3);
    bad.set(1, 2, Double.NEGATIVE_INFINITY);
    assertThatThrownBy(() -> new LabeledFeatures(bad, new int[] {0, 1, 0}, 2))
        .isInstanceOf(InvalidInputException.class).hasMessage("features contain -Inf at sample 2, dim 1");
    assertThat(LabeledFeatures.of(h, new int[] {0, 2, 1}).numClasses()).isEqualTo(3);
  }

  @Test
  void labeledFeaturesValueSemantics() {
    LabeledFeatures a = small();
    LabeledFeatures b = small();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new LabeledFeatures(a.features(), new int[] {0, 1, 1, 1}, 2));
    assertThat(a).isNotEqualTo(new LabeledFeatures(a.features(), new int[] {0, 1, 2, 1}, 3));
    assertThat(a).isNotEqualTo(a.toString());
    DMatrixRMaj other = a.features().copy();
    other.set(0, 0, 5);
    assertThat(a).isNotEqualTo(new LabeledFeatures(other, a.labels(), 2));
    assertThat(a.toString()).isEqualTo("LabeledFeatures[d=2, N=4, K=2]");
    assertThat(a.label(1)).isEqualTo(1);
    assertThat(a.oneHot().get(1, 3)).isEqualTo(1.0);
  }

  @Test
  void classifierShapesAreChecked() {
    LabeledFeatures f = small();
    DMatrixRMaj wrong = new DMatrixRMaj(2, 3);
    assertThatThrownBy(() -> NcMetrics.measure(f, wrong, null, List.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("W is 2x3");
    DMatrixRMaj nan = new DMatrixRMaj(2, 2);
    nan.set(0, 1, Double.NaN);
    assertThatThrownBy(() -> NcMetrics.measure(f, nan, null, List.of())).isInstanceOf(InvalidInputException.class);
    DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
    assertThatThrownBy(() -> NcMetrics.measure(f, w, new double[3], List.of()))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> TrainError.of(wrong, null, f)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Nc3Cosine.of(wrong, ClassMeans.of(f))).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Nc3Cosine.of(new DMatrixRMaj(2, 2), ClassMeans.of(f)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 0 of W is zero");
    // null layers mean "no layers"; a null W skips the classifier metrics
    MetricsReport r = NcMetrics.measure(f, null, null, null, null);
    assertThat(r.toMap()).containsKey("nc1");
  }

  @Test
  void trainErrorFromLogitsChecksItsInput() {
    DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 2}});
    assertThat(TrainError.fromLogits(z, new int[] {0, 1, 0})).isEqualTo(1.0 / 3);
    assertThatThrownBy(() -> TrainError.fromLogits(z, new int[] {0, 1})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> TrainError.fromLogits(z, new int[] {0, 2, 0})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> TrainError.fromLogits(z, new int[] {0, -1, 0})).isInstanceOf(InvalidInputException.class);
    DMatrixRMaj inf = z.copy();
    inf.set(1, 1, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> TrainError.fromLogits(inf, new int[] {0, 1, 0}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("+Inf");
  }

  @Test
  void layerChainsAreChecked() {
    DMatrixRMaj w1 = new DMatrixRMaj(3, 2);
    DMatrixRMaj w2 = new DMatrixRMaj(2, 3);
    Balancedness.requireChain(List.of(w1, w2));
    assertThatThrownBy(() -> Balancedness.requireChain(null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Balancedness.requireChain(Arrays.asList(w1, null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("layer 2 is null");
    assertThatThrownBy(() -> Balancedness.requireChain(List.of(w1, new DMatrixRMaj(2, 2))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("do not chain");
    DMatrixRMaj nan = new DMatrixRMaj(3, 2);
    nan.set(0, 0, Double.NaN);
    assertThatThrownBy(() -> Balancedness.requireChain(List.of(nan))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void nearestClassMeanChecksDimensionsAndBreaksTiesTowardsTheLowerClass() {
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{-1, 1}, {0, 0}});
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{0, -0.9, 0.9}, {5, 0, 0}});
    assertThat(NearestClassMean.classify(h, means)).containsExactly(0, 0, 1);
    assertThatThrownBy(() -> NearestClassMean.classify(new DMatrixRMaj(3, 2), means))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void conditioningBoundaries() {
    assertThatThrownBy(() -> Conditioning.of(new DMatrixRMaj(2, 2))).isInstanceOf(InvalidInputException.class);
    DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{1, Double.NaN}});
    assertThatThrownBy(() -> Conditioning.of(nan)).isInstanceOf(InvalidInputException.class);
    DMatrixRMaj singular = new DMatrixRMaj(new double[][] {{2, 0}, {0, 0}});
    assertThat(Conditioning.cond(singular)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Conditioning.condPlus(singular)).isEqualTo(1.0);
  }

  @Test
  void pseudoInverseRankCutoffIsStrict() {
    double c = PseudoInverse.RELATIVE_CUTOFF;
    assertThat(PseudoInverse.rank(new double[] {1.0, c})).isEqualTo(1);
    assertThat(PseudoInverse.rank(new double[] {1.0, Math.nextUp(c)})).isEqualTo(2);
    assertThat(PseudoInverse.rank(new double[] {2.0, 1.5 * c})).isEqualTo(1);
    assertThat(PseudoInverse.rank(new double[] {})).isZero();
    assertThat(PseudoInverse.rank(new double[] {0.0, 0.0})).isZero();
    assertThat(PseudoInverse.of(new DMatrixRMaj(0, 3)).numRows).isEqualTo(3);
    assertThat(Finite.kind(Double.NaN)).isEqualTo("NaN");
    assertThat(Finite.kind(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(Finite.kind(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
  }
}
