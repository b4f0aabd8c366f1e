package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The oracle itself: closed-form 2 x 2 products, then the shared contract (trivially). */
class NaiveBlasTest extends BlasContractTest {

  @Override
  Blas backend() {
    return new NaiveBlas();
  }

  @Test
  void smallProductsByHand() {
    double[] a = {1, 2, 3, 4};   // [[1,2],[3,4]]
    double[] b = {5, 6, 7, 8};   // [[5,6],[7,8]]
    double[] c = {1, 1, 1, 1};
    blas.dgemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
    assertThat(c).containsExactly(19, 22, 43, 50);
    blas.dgemm(true, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);   // A^T B
    assertThat(c).containsExactly(26, 30, 38, 44);
    blas.dgemm(false, true, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);   // A B^T
    assertThat(c).containsExactly(17, 23, 39, 53);
    double[] d = {1, 1, 1, 1};
    blas.dgemm(true, true, 2, 2, 2, 2, a, 0, 2, b, 0, 2, 3, d, 0, 2);    // 2 A^T B^T + 3
    assertThat(d).containsExactly(2 * 23 + 3, 2 * 31 + 3, 2 * 34 + 3, 2 * 46 + 3);
  }
}
