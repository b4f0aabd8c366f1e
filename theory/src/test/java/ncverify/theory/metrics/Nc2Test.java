package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class Nc2Test extends MetricsTestSupport {

  /** Features equal to the given class means, with balanced classes of the given size. */
  static LabeledFeatures atMeans(DMatrixRMaj means, int perClass) {
    int k = means.numCols;
    int[] y = new int[k * perClass];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % k;
    }
    DMatrixRMaj h = new DMatrixRMaj(means.numRows, y.length);
    for (int i = 0; i < y.length; i++) {
      for (int a = 0; a < means.numRows; a++) {
        h.set(a, i, means.get(a, y[i]));
      }
    }
    return new LabeledFeatures(h, y, k);
  }

  @Test
  void simplexEtfMeansHaveZeroEtfDistance() {
    for (int k = 2; k <= 10; k++) {
      for (int d : new int[] {k - 1, k, k + 3, 2 * k + 5}) {
        DMatrixRMaj etf = scale(0.1 + 5 * rnd.nextDouble(), simplexEtf(k, d, rnd));
        // shift by an arbitrary global mean: centering must remove it
        DMatrixRMaj shifted = etf.copy();
        DMatrixRMaj shift = gaussian(d, 1, rnd);
        for (int a = 0; a < d; a++) {
          for (int c = 0; c < k; c++) {
            shifted.add(a, c, shift.get(a, 0));
          }
        }
        ClassMeans means = ClassMeans.of(atMeans(shifted, 2));
        assertThat(Nc2EtfMeans.of(means)).as("K=%d d=%d", k, d).isCloseTo(0.0, within(ZERO_TOL));
        assertThat(EquinormMeans.of(means)).isCloseTo(0.0, within(ZERO_TOL));
        assertThat(EquiangularityMeans.of(means)).isCloseTo(0.0, within(ZERO_TOL));
        // classifier aligned with the ETF
        assertThat(Nc2EtfWeights.of(transpose(etf))).isCloseTo(0.0, within(ZERO_TOL));
      }
    }
  }

  @Test
  void nonEtfMeansHavePositiveEtfDistance() {
    // orthogonal frame e_1..e_K has centered Gram (I - 11^T/K): it IS an ETF after centering,
    // but a frame with unequal norms is not.
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}});
    assertThat(Nc2EtfMeans.of(ClassMeans.of(atMeans(means, 1)))).isGreaterThan(0.05);
  }

  @Test
  void orthogonalFrameMeansAreOrthoAndWellConditioned() {
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + rnd.nextInt(9);
      int d = k + rnd.nextInt(10);
      DMatrixRMaj frame = scale(0.5 + 3 * rnd.nextDouble(), randomStiefel(d, k, rnd));
      ClassMeans means = ClassMeans.of(atMeans(frame, 3));
      assertThat(Nc2OrthoMeans.of(means)).isCloseTo(0.0, within(ZERO_TOL));
      assertThat(Nc2DiagMeans.of(means)).isCloseTo(0.0, within(ZERO_TOL));
      assertThat(CondClassMeans.of(means)).isCloseTo(1.0, within(1e-9));
      // a centered orthogonal frame with equal norms is a simplex ETF
      assertThat(Nc2EtfMeans.of(means)).isCloseTo(0.0, within(ZERO_TOL));
    }
  }

  @Test
  void orthogonalMeansOfUnequalNormsAreDiagonalButNotOrtho() {
    DMatrixRMaj q = randomStiefel(7, 3, rnd);
    DMatrixRMaj means = mult(q, new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 4}}));
    ClassMeans m = ClassMeans.of(atMeans(means, 2));
    assertThat(Nc2DiagMeans.of(m)).isCloseTo(0.0, within(ZERO_TOL));
    assertThat(CondClassMeans.of(m)).isCloseTo(4.0, within(1e-9));
    // Gram = diag(1, 4, 16)/sqrt(273) versus I/sqrt(3)
    double n = Math.sqrt(1 + 16 + 256);
    double expected = Math.sqrt(Math.pow(1 / n - 1 / Math.sqrt(3), 2) + Math.pow(4 / n - 1 / Math.sqrt(3), 2)
        + Math.pow(16 / n - 1 / Math.sqrt(3), 2));
    assertThat(Nc2OrthoMeans.of(m)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void diagonalDistanceOfAKnownGram() {
    // means (1,0), (1,1): Gram [[1,1],[1,2]], ||G|| = sqrt(7), diag = diag(1,2), ||diag|| = sqrt(5)
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{1, 1}, {0, 1}});
    double a = 1 / Math.sqrt(7) - 1 / Math.sqrt(5);
    double b = 2 / Math.sqrt(7) - 2 / Math.sqrt(5);
    double off = 1 / Math.sqrt(7);
    double expected = Math.sqrt(a * a + b * b + 2 * off * off);
    assertThat(Nc2DiagMeans.of(ClassMeans.of(atMeans(means, 1)))).isCloseTo(expected, within(1e-14));
  }
}
