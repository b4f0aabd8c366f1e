package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class SelMatrixTest {

  private static final double TOL = 1e-12;

  @Test
  void zhatIsCenteredOneHot() {
    int[] sizes = {3, 1, 2};
    SelMatrix sel = SelMatrix.of(sizes);
    double[][] expected = Arrays2d.mult(Arrays2d.centering(3), Arrays2d.oneHotSorted(sizes));
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.of(sel.zhat()), expected)).isLessThan(TOL);
    assertThat(sel.numSamples()).isEqualTo(6);
    assertThat(sel.labels()).containsExactly(0, 0, 0, 1, 2, 2);
  }

  @Test
  void gramIsSdsAndSvdReconstructs() {
    int[] sizes = {7, 4, 4, 1, 2};
    int k = sizes.length;
    SelMatrix sel = SelMatrix.of(sizes);
    double[][] s = Arrays2d.centering(k);
    double[][] dmat = new double[k][k];
    for (int i = 0; i < k; i++) {
      dmat[i][i] = sizes[i];
    }
    double[][] sds = Arrays2d.mult(Arrays2d.mult(s, dmat), s);
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.of(sel.zhatZhatT()), sds)).isLessThan(TOL);

    double[] l = sel.singularValues();
    for (int i = 1; i < k; i++) {
      assertThat(l[i]).isLessThanOrEqualTo(l[i - 1]);
    }
    assertThat(l[k - 1]).isLessThan(TOL);
    assertThat(sel.rank()).isEqualTo(k - 1);
    double[][] u = Arrays2d.of(sel.u());
    double[][] v = Arrays2d.of(sel.v());
    double[][] ul = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        ul[i][j] = u[i][j] * l[j];
      }
    }
    double[][] rec = Arrays2d.mult(ul, Arrays2d.transpose(v));
    assertThat(Arrays2d.maxAbsDiff(rec, Arrays2d.of(sel.zhat()))).isLessThan(TOL);
    assertThat(Arrays2d.maxAbsDiff(Arrays2d.gramCols(u), Arrays2d.identity(k))).isLessThan(TOL);
    // squared singular values are the eigenvalues of S D S: their sum is tr(S D S) = N - N/K
    double sum = 0;
    for (double x : l) {
      sum += x * x;
    }
    assertThat(sum).isCloseTo(18 - 18.0 / k, org.assertj.core.api.Assertions.within(1e-10));
  }

  @Test
  void badInputThrows() {
    assertThatThrownBy(() -> SelMatrix.of(new int[] {4})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SelMatrix.of(new int[] {4, 0, 1})).isInstanceOf(InvalidInputException.class);
  }
}
