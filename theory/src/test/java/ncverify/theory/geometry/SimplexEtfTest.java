package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class SimplexEtfTest {

  private static final double TOL = 1e-12;

  @Test
  void unitNormsAndEqualNegativeCosines() {
    for (int k = 2; k <= 7; k++) {
      for (int d : new int[] {k - 1, k, k + 5}) {
        double[][] m = Arrays2d.of(SimplexEtf.of(k, d, 42L + d).matrix());
        assertThat(m.length).isEqualTo(d);
        assertThat(m[0].length).isEqualTo(k);
        double[][] g = Arrays2d.gramCols(m);
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            assertThat(g[i][j]).as("K=%d d=%d (%d,%d)", k, d, i, j)
                .isCloseTo(i == j ? 1.0 : -1.0 / (k - 1), within(TOL));
          }
        }
      }
    }
  }

  @Test
  void columnsSumToZeroAndGramIsScaledCentering() {
    int k = 5;
    double[][] m = Arrays2d.of(SimplexEtf.of(k, 9, 3).matrix());
    for (double[] row : m) {
      double s = 0;
      for (double v : row) {
        s += v;
      }
      assertThat(s).isCloseTo(0.0, within(TOL));
    }
    double[][] expected = Arrays2d.scale(Arrays2d.centering(k), k / (k - 1.0));
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.of(SimplexEtf.gram(k)), expected)).isLessThan(TOL);
  }

  @Test
  void seedsGiveDifferentOrientationsButTheSameGram() {
    double[][] a = Arrays2d.of(SimplexEtf.of(4, 6, 1).matrix());
    double[][] b = Arrays2d.of(SimplexEtf.of(4, 6, 2).matrix());
    assertThat(Arrays2d.maxAbsDiff(a, b)).isGreaterThan(0.1);
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.gramCols(a), Arrays2d.gramCols(b))).isLessThan(TOL);
    assertThat(Arrays2d.maxAbsDiff(a, Arrays2d.of(SimplexEtf.of(4, 6, 1).matrix()))).isZero();
  }

  @Test
  void helmertBasisIsOrthonormalAndCentered() {
    int k = 6;
    double[][] b = Arrays2d.of(SimplexEtf.centeredBasis(k));
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.gramCols(b), Arrays2d.identity(k - 1))).isLessThan(TOL);
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.gramRows(b), Arrays2d.centering(k))).isLessThan(TOL);
  }

  @Test
  void badInputThrows() {
    assertThatThrownBy(() -> SimplexEtf.of(1, 3, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SimplexEtf.of(5, 3, 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("d >= 4");
    assertThatThrownBy(() -> SimplexEtf.gram(1)).isInstanceOf(InvalidInputException.class);
  }
}
