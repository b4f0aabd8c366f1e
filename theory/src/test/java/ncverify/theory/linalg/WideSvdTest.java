package ncverify.theory.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.junit.jupiter.api.Test;

/**
 * {@link WideSvd} on matrices built with known singular values, A = U diag(s) V^T (U Haar-like
 * orthogonal, V with orthonormal columns): graded spectra down to 1e-9 s_1, exact zeros (rank
 * deficiency) and zero rows (dead units). A backward-stable SVD gets every singular value to an
 * absolute error of a small multiple of eps s_1; so must this path.
 */
class WideSvdTest {

  private final Random rnd = new Random(Long.getLong("ncverify.seed", 20261125L));

  private DMatrixRMaj orthonormalColumns(int rows, int cols) {
    DMatrixRMaj g = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < g.data.length; i++) {
      g.data[i] = rnd.nextGaussian();
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
    assertThat(qr.decompose(g)).isTrue();
    return qr.getQ(null, true);
  }

  /** U diag(s) V^T with U m x m orthogonal and V N x m orthonormal columns. */
  private DMatrixRMaj withSingularValues(double[] s, int n) {
    int m = s.length;
    DMatrixRMaj u = orthonormalColumns(m, m);
    DMatrixRMaj v = orthonormalColumns(n, m);
    DMatrixRMaj us = u.copy();
    for (int a = 0; a < m; a++) {
      for (int j = 0; j < m; j++) {
        us.set(a, j, u.get(a, j) * s[j]);
      }
    }
    DMatrixRMaj out = new DMatrixRMaj(m, n);
    CommonOps_DDRM.multTransB(us, v, out);
    return out;
  }

  private static void assertSingularValues(double[] got, double[] want, double absTol) {
    double[] sorted = want.clone();
    java.util.Arrays.sort(sorted);
    assertThat(got).hasSize(sorted.length);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(got[i]).as("s_%d", i + 1).isCloseTo(sorted[sorted.length - 1 - i], within(absTol));
    }
  }

  @Test
  void gradedSpectrumToRoundoffOfTheLargest() {
    double[] s = new double[24];
    for (int j = 0; j < s.length; j++) {
      s[j] = 3.0 * Math.pow(10, -9.0 * j / (s.length - 1)); // 3 .. 3e-9
    }
    DMatrixRMaj a = withSingularValues(s, 4000);
    assertThat(WideSvd.isWide(a)).isTrue();
    double[] got = Svd.singularValues(a);
    assertSingularValues(got, s, 1e-14 * s[0]);
    // every singular value above 1e-5 s_1 also to 1e-12 relative (the well-conditioned block)
    for (int j = 0; j < s.length && s[j] > 1e-5 * s[0]; j++) {
      assertThat(got[j]).isCloseTo(s[j], within(1e-12 * s[j]));
    }
  }

  @Test
  void choleskyQr2TakesConditionNumbersUpTo1e6ToBackwardStableAccuracy() {
    for (double kappa : new double[] {1.0, 124.0, 1e6}) {
      double[] s = new double[32];
      for (int j = 0; j < s.length; j++) {
        s[j] = 3.0 * Math.pow(kappa, -(double) j / (s.length - 1)); // 3 .. 3/kappa
      }
      DMatrixRMaj a = withSingularValues(s, 5000);
      DMatrixRMaj f = WideSvd.choleskyQr2(a);
      assertThat(f).as("kappa %g takes the CholeskyQR2 path", kappa).isNotNull();
      // F F^T = A A^T, and the singular values of F are those of A to a small multiple of eps s_1
      assertReproducesTheGram(f, a, 1e-13 * s[0] * s[0]);
      assertSingularValues(Svd.singularValues(a), s, 1e-14 * s[0]);
    }
  }

  @Test
  void choleskyQr2DeclinesAnIllConditionedOrRankDeficientMatrix() {
    double[] graded = {3, 1, 1e-3, 1e-6, 1e-9};
    assertThat(WideSvd.choleskyQr2(withSingularValues(graded, 3000))).isNull();
    assertThat(WideSvd.choleskyQr2(withSingularValues(new double[] {2, 1, 0}, 3000))).isNull();
    assertThat(WideSvd.choleskyQr2(new DMatrixRMaj(4, 3000))).isNull();
  }

  @Test
  void rankDeficientAndZeroRowsGiveZerosBelowTheCutoff() {
    double[] s = {5, 4, 2, 1, 0.5, 1e-3, 0, 0, 0, 0};
    DMatrixRMaj a = withSingularValues(s, 3000);
    DMatrixRMaj withZeroRows = new DMatrixRMaj(13, 3000);
    CommonOps_DDRM.insert(a, withZeroRows, 2, 0); // rows 0, 1 and 12 are zero (dead units)
    double[] got = Svd.singularValues(withZeroRows);
    double[] want = java.util.Arrays.copyOf(s, 13);
    assertSingularValues(got, want, 1e-14 * s[0]);
    assertThat(PseudoInverse.rank(got)).isEqualTo(6);
    // the left singular vectors of the non-zero values span col(A): U_r U_r^T A = A
    WideSvd.Result r = WideSvd.of(withZeroRows);
    DMatrixRMaj ur = CommonOps_DDRM.extract(r.u(), 0, 13, 0, 6);
    DMatrixRMaj proj = new DMatrixRMaj(13, 13);
    CommonOps_DDRM.multTransB(ur, ur, proj);
    DMatrixRMaj pa = new DMatrixRMaj(13, 3000);
    CommonOps_DDRM.mult(proj, withZeroRows, pa);
    CommonOps_DDRM.subtractEquals(pa, withZeroRows);
    assertThat(Norms.frobenius(pa)).isLessThan(1e-12 * Norms.frobenius(withZeroRows));
  }

  @Test
  void factorReproducesTheGramMatrix() {
    double[] s = {10, 7, 3, 1e-4, 1e-7, 0};
    DMatrixRMaj a = withSingularValues(s, 6000);
    assertReproducesTheGram(WideSvd.factor(a), a, 1e-13 * s[0] * s[0]);
  }

  /** ||F F^T - A A^T||_F below {@code tol}. */
  private static void assertReproducesTheGram(DMatrixRMaj f, DMatrixRMaj a, double tol) {
    DMatrixRMaj ff = new DMatrixRMaj(a.numRows, a.numRows);
    CommonOps_DDRM.multTransB(f, f, ff);
    DMatrixRMaj g = new DMatrixRMaj(a.numRows, a.numRows);
    CommonOps_DDRM.multTransB(a, a, g);
    CommonOps_DDRM.subtractEquals(ff, g);
    assertThat(Norms.frobenius(ff)).isLessThan(tol);
  }

  @Test
  void agreesWithTheDirectSvdOnAGaussianMatrixAndOnTheZeroMatrix() {
    DMatrixRMaj a = new DMatrixRMaj(16, 5000);
    for (int i = 0; i < a.data.length; i++) {
      a.data[i] = rnd.nextGaussian() + 0.3;
    }
    double[] direct = Svd.thin(a).s();
    double[] wide = WideSvd.of(a).s();
    for (int j = 0; j < direct.length; j++) {
      assertThat(wide[j]).isCloseTo(direct[j], within(1e-12 * direct[j]));
    }
    assertThat(WideSvd.of(new DMatrixRMaj(8, 8000)).s()).containsOnly(0.0);
  }

  @Test
  void smallOrSquareMatricesAreNotWide() {
    assertThat(WideSvd.isWide(new DMatrixRMaj(10, 30))).isFalse();
    assertThat(WideSvd.isWide(new DMatrixRMaj(300, 300))).isFalse();
    assertThat(WideSvd.isWide(new DMatrixRMaj(10, 4000))).isTrue();
  }
}
