package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ConditioningTest extends MetricsTestSupport {

  @Test
  void rotatedDiagonalMatricesHaveTheRatioOfTheirExtremeEntries() {
    for (int trial = 0; trial < 10; trial++) {
      DMatrixRMaj u = randomStiefel(5, 3, rnd);
      DMatrixRMaj v = randomStiefel(4, 3, rnd);
      DMatrixRMaj a = mult(mult(u, BalancednessTest.diag(6, 2, 1.5)), transpose(v)); // 5x4, rank 3
      Conditioning c = Conditioning.of(a);
      // min(5,4) = 4 singular values, the 4th is 0 up to rounding: huge (or infinite) cond
      assertThat(c.cond()).isGreaterThan(1e10);
      assertThat(c.condPlus()).isCloseTo(4.0, within(1e-9));
      DMatrixRMaj b = mult(mult(u, BalancednessTest.diag(6, 2, 1.5)), transpose(randomOrthogonal(3, rnd)));
      assertThat(Conditioning.cond(b)).isCloseTo(4.0, within(1e-9));
      assertThat(Conditioning.condPlus(b)).isCloseTo(4.0, within(1e-9));
    }
  }

  @Test
  void exactlyZeroSmallestSingularValueGivesInfinity() {
    DMatrixRMaj a = BalancednessTest.diag(2, 1, 0);
    assertThat(Conditioning.cond(a)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Conditioning.condPlus(a)).isCloseTo(2.0, within(1e-15));
  }

  @Test
  void singularValuesBelowTheCutoffAreDroppedByCondPlusOnly() {
    DMatrixRMaj a = BalancednessTest.diag(1, 1e-12);
    assertThat(Conditioning.cond(a)).isCloseTo(1e12, within(1.0));
    assertThat(Conditioning.condPlus(a)).isEqualTo(1.0);
    // wide matrix: min(m, n) = 2 singular values
    DMatrixRMaj wide = new DMatrixRMaj(new double[][] {{4, 0, 0}, {0, 2, 0}});
    assertThat(Conditioning.cond(wide)).isCloseTo(2.0, within(1e-15));
  }

  @Test
  void zeroMatrixHasNoConditionNumber() {
    assertThatThrownBy(() -> Conditioning.of(new DMatrixRMaj(2, 3)))
        .isInstanceOf(InvalidInputException.class).hasMessage("a 2x3 zero matrix has no condition number");
  }
}
