package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LabeledFeaturesTest extends MetricsTestSupport {

  @Test
  void defaultNumberOfClassesIsMaxLabelPlusOne() {
    LabeledFeatures f = LabeledFeatures.of(gaussian(3, 5, rnd), new int[] {0, 2, 1, 1, 2});
    assertThat(f.numClasses()).isEqualTo(3);
    assertThat(f.dim()).isEqualTo(3);
    assertThat(f.numSamples()).isEqualTo(5);
    assertThat(f.classSizes()).containsExactly(1, 2, 2);
    assertThat(f.oneHot().get(2, 1)).isEqualTo(1.0);
  }

  @Test
  void labelsAreCopied() {
    int[] y = {0, 1};
    LabeledFeatures f = new LabeledFeatures(gaussian(2, 2, rnd), y, 2);
    y[0] = 1;
    f.labels()[1] = 0;
    assertThat(f.labels()).containsExactly(0, 1);
  }

  @Test
  void nonFiniteFeaturesAreRejectedWithTheirPosition() {
    DMatrixRMaj h = gaussian(7, 5, rnd);
    h.set(5, 3, Double.NaN);
    assertThatThrownBy(() -> new LabeledFeatures(h, new int[] {0, 1, 0, 1, 0}, 2))
        .isInstanceOf(InvalidInputException.class).hasMessage("features contain NaN at sample 3, dim 5");
    h.set(5, 3, 0);
    h.set(0, 4, Double.NEGATIVE_INFINITY);
    assertThatThrownBy(() -> new LabeledFeatures(h, new int[] {0, 1, 0, 1, 0}, 2))
        .isInstanceOf(InvalidInputException.class).hasMessage("features contain -Inf at sample 4, dim 0");
  }

  @Test
  void labelOutsideRangeIsRejected() {
    assertThatThrownBy(() -> new LabeledFeatures(gaussian(2, 3, rnd), new int[] {0, 1, 7}, 5))
        .isInstanceOf(InvalidInputException.class).hasMessage("label 7 at index 2 is outside 0..4");
    assertThatThrownBy(() -> LabeledFeatures.of(gaussian(2, 3, rnd), new int[] {0, -1, 1}))
        .isInstanceOf(InvalidInputException.class).hasMessage("label -1 at index 1 is outside 0..1");
  }

  @Test
  void sampleCountMustMatchLabelCount() {
    assertThatThrownBy(() -> new LabeledFeatures(gaussian(2, 3, rnd), new int[] {0, 1}, 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("features have 3 samples (columns) but there are 2 labels");
  }

  @Test
  void emptyClassIsRejected() {
    assertThatThrownBy(() -> new LabeledFeatures(gaussian(2, 3, rnd), new int[] {0, 2, 0}, 3))
        .isInstanceOf(InvalidInputException.class).hasMessage("class 1 has no sample");
  }

  @Test
  void fewerThanTwoClassesAreRejected() {
    assertThatThrownBy(() -> new LabeledFeatures(gaussian(2, 3, rnd), new int[] {0, 0, 0}, 1))
        .isInstanceOf(InvalidInputException.class).hasMessage("need at least 2 classes, got K = 1");
    assertThatThrownBy(() -> LabeledFeatures.of(gaussian(2, 3, rnd), new int[] {0, 0, 0}))
        .isInstanceOf(InvalidInputException.class).hasMessage("need at least 2 classes, got K = 1");
  }

  @Test
  void noSamplesAreRejected() {
    assertThatThrownBy(() -> new LabeledFeatures(new DMatrixRMaj(3, 0), new int[0], 2))
        .isInstanceOf(InvalidInputException.class).hasMessage("no samples (N = 0)");
    assertThatThrownBy(() -> LabeledFeatures.of(new DMatrixRMaj(3, 0), new int[0]))
        .isInstanceOf(InvalidInputException.class).hasMessage("no samples (N = 0)");
  }

  @Test
  void zeroDimensionIsRejected() {
    assertThatThrownBy(() -> new LabeledFeatures(new DMatrixRMaj(0, 2), new int[] {0, 1}, 2))
        .isInstanceOf(InvalidInputException.class).hasMessage("features have dimension d = 0");
  }
}
