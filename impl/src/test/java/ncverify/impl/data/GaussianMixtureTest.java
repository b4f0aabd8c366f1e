package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

  static final double TOL = 1e-12;

  @Test
  void sameSeedSameDataDifferentSeedDifferentData() {
    ClassSizes sizes = ClassSizes.step(4, 3, 0.5, 10);
    Dataset a = new GaussianMixture(6, 5, 0.3, sizes, 42).generate();
    Dataset b = new GaussianMixture(6, 5, 0.3, sizes, 42).generate();
    Dataset c = new GaussianMixture(6, 5, 0.3, sizes, 43).generate();
    assertThat(a.x().data).containsExactly(b.x().data);
    assertThat(a.labels()).containsExactly(b.labels());
    assertThat(a.x().data).isNotEqualTo(c.x().data);
  }

  @Test
  void shapeAndClassSizes() {
    ClassSizes sizes = ClassSizes.longTail(5, 40, 8);
    Dataset d = new GaussianMixture(3, 2, 1, sizes, 7).generate();
    assertThat(d.dim()).isEqualTo(3);
    assertThat(d.size()).isEqualTo(sizes.total());
    assertThat(d.k()).isEqualTo(5);
    assertThat(d.classSizes()).isEqualTo(sizes);
  }

  @Test
  void centresArePairwiseSeparationApartWhenDimAtLeastK() {
    double sep = 3.5;
    DMatrixRMaj c = new GaussianMixture(10, sep, 1, ClassSizes.balanced(4, 2), 5).centres();
    for (int i = 0; i < 4; i++) {
      for (int j = i + 1; j < 4; j++) {
        double s = 0;
        for (int r = 0; r < 10; r++) {
          double diff = c.get(r, i) - c.get(r, j);
          s += diff * diff;
        }
        assertThat(Math.sqrt(s)).isCloseTo(sep, within(TOL * 10));
      }
    }
  }

  @Test
  void zeroNoisePutsEverySampleOnItsCentre() {
    GaussianMixture g = new GaussianMixture(5, 2, 0, ClassSizes.of(3, 1, 2), 9);
    DMatrixRMaj c = g.centres();
    Dataset d = g.generate();
    for (int i = 0; i < d.size(); i++) {
      for (int r = 0; r < 5; r++) {
        assertThat(d.x().get(r, i)).isEqualTo(c.get(r, d.label(i)));
      }
    }
  }

  @Test
  void noiseHasTheRequestedStandardDeviation() {
    double sigma = 0.7;
    GaussianMixture g = new GaussianMixture(20, 1, sigma, ClassSizes.balanced(2, 1000), 3);
    DMatrixRMaj c = g.centres();
    Dataset d = g.generate();
    double ss = 0;
    for (int i = 0; i < d.size(); i++) {
      for (int r = 0; r < 20; r++) {
        double e = d.x().get(r, i) - c.get(r, d.label(i));
        ss += e * e;
      }
    }
    double std = Math.sqrt(ss / (20.0 * d.size()));
    // 40,000 draws: relative standard error of the std estimate is about 1/sqrt(80,000).
    assertThat(std).isCloseTo(sigma, within(sigma * 0.02));
  }

  @Test
  void rejectsBadParameters() {
    ClassSizes s = ClassSizes.balanced(2, 2);
    assertThatThrownBy(() -> new GaussianMixture(0, 1, 1, s, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GaussianMixture(2, Double.NaN, 1, s, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GaussianMixture(2, 1, -1, s, 1))
        .isInstanceOf(InvalidInputException.class);
  }
}
