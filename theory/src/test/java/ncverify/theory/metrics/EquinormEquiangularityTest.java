package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class EquinormEquiangularityTest extends MetricsTestSupport {

  @Test
  void imbalancedTwoClassesHaveUnequalCenteredNorms() {
    // n = (1, 3): mu_1 - mu_G = (3/4)(mu_1 - mu_2), mu_2 - mu_G = -(1/4)(mu_1 - mu_2):
    // norms 3/4, 1/4 (times ||mu_1 - mu_2||), mean 1/2, population std 1/4 -> 1/2.
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 5, 5, 5}, {2, -1, -1, -1}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 1, 1, 1}, 2);
    assertThat(EquinormMeans.of(ClassMeans.of(f))).isCloseTo(0.5, within(1e-14));
    // with the class-means global mean both centered means have the same norm
    assertThat(EquinormMeans.of(ClassMeans.of(f, GlobalMean.CLASS_MEANS))).isCloseTo(0.0, within(1e-14));
    // two classes: a single pair of cosines, std 0
    assertThat(EquiangularityMeans.of(ClassMeans.of(f))).isEqualTo(0.0);
  }

  @Test
  void crossOfFourMeans() {
    // means (1,0), (-1,0), (0,1), (0,-1), balanced: mu_G = 0; cosines -1,0,0,0,0,-1:
    // mean -1/3, population variance (2 (2/3)^2 + 4 (1/3)^2)/6 = 2/9
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{1, -1, 0, 0}, {0, 0, 1, -1}});
    ClassMeans m = ClassMeans.of(Nc2Test.atMeans(means, 2));
    assertThat(EquiangularityMeans.of(m)).isCloseTo(Math.sqrt(2) / 3, within(1e-14));
    assertThat(EquinormMeans.of(m)).isCloseTo(0.0, within(1e-14));
  }

  @Test
  void zeroCenteredMeanIsRejected() {
    // means (1,0), (-1,0), (0,0): the third centered mean is zero
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{1, -1, 0}, {0, 0, 0}});
    ClassMeans m = ClassMeans.of(Nc2Test.atMeans(means, 1));
    assertThatThrownBy(() -> EquiangularityMeans.of(m)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("centered class mean 2 is zero");
  }
}
