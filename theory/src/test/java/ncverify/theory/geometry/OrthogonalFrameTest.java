package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class OrthogonalFrameTest {

  private static final double TOL = 1e-12;

  @Test
  void columnsAreOrthonormal() {
    for (int k = 1; k <= 6; k++) {
      for (int d : new int[] {k, k + 3}) {
        OrthogonalFrame f = OrthogonalFrame.of(k, d, 7L * k + d);
        assertThat(f.dimension()).isEqualTo(d);
        assertThat(f.numVectors()).isEqualTo(k);
        double[][] g = Arrays2d.gramCols(Arrays2d.of(f.matrix()));
        assertThat(Arrays2d.maxAbsDiff(g, Arrays2d.identity(k))).isLessThan(TOL);
        assertThat(Arrays2d.maxAbsDiff(Arrays2d.of(OrthogonalFrame.gram(k)), Arrays2d.identity(k))).isZero();
      }
    }
  }

  @Test
  void seedsGiveDifferentOrientationsButTheSameGram() {
    double[][] a = Arrays2d.of(OrthogonalFrame.of(3, 5, 11).matrix());
    double[][] b = Arrays2d.of(OrthogonalFrame.of(3, 5, 12).matrix());
    assertThat(Arrays2d.maxAbsDiff(a, b)).isGreaterThan(0.1);
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.gramCols(a), Arrays2d.gramCols(b))).isLessThan(TOL);
    assertThat(Arrays2d.maxAbsDiff(a, Arrays2d.of(OrthogonalFrame.of(3, 5, 11).matrix()))).isZero();
  }

  @Test
  void badInputThrows() {
    assertThatThrownBy(() -> OrthogonalFrame.of(4, 3, 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("d >= 4");
    assertThatThrownBy(() -> OrthogonalFrame.of(0, 3, 0)).isInstanceOf(InvalidInputException.class);
  }
}
