package ncverify.theory.geometry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class HaarOrthogonalTest {

  private static final double TOL = 1e-13;

  @Test
  void orthonormalColumnsAndDeterministic() {
    DMatrixRMaj q = HaarOrthogonal.partial(7, 4, 99);
    assertThat(HaarOrthogonal.orthogonalityDefect(q)).isLessThan(TOL);
    assertThat(HaarOrthogonal.partial(7, 4, 99).data).containsExactly(q.data);
    assertThat(HaarOrthogonal.partial(7, 4, 100).data).isNotEqualTo(q.data);
  }

  @Test
  void entriesHaveHaarSecondMoment() {
    // for Haar Q in O(n), E[q_ij^2] = 1/n and E[q_11] = 0 (the sign fix makes it unbiased)
    int n = 4;
    int trials = 4000;
    double sumSq = 0;
    double sum = 0;
    for (int t = 0; t < trials; t++) {
      DMatrixRMaj q = HaarOrthogonal.square(n, t);
      sumSq += q.get(0, 0) * q.get(0, 0);
      sum += q.get(0, 0);
    }
    assertThat(sumSq / trials).isCloseTo(1.0 / n, within(0.02));
    assertThat(sum / trials).isCloseTo(0.0, within(0.04));
  }

  @Test
  void badShapeThrows() {
    assertThatThrownBy(() -> HaarOrthogonal.partial(2, 3, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> HaarOrthogonal.partial(2, 0, 0)).isInstanceOf(InvalidInputException.class);
  }
}
