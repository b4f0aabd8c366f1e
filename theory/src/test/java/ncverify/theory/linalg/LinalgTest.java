package ncverify.theory.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.Random;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class LinalgTest {

  static final double TOL = 1e-12;
  final Random rnd = new Random(Long.getLong("ncverify.seed", 20261125L));

  DMatrixRMaj gaussian(int rows, int cols) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rnd.nextGaussian();
    }
    return m;
  }

  @Test
  void normsOfKnownMatrices() {
    DMatrixRMaj a = new DMatrixRMaj(new double[][] {{3, 0}, {4, 0}});
    assertThat(Norms.frobenius(a)).isCloseTo(5.0, within(TOL));
    assertThat(Norms.op(a)).isCloseTo(5.0, within(TOL));
    DMatrixRMaj b = new DMatrixRMaj(new double[][] {{2, 0}, {0, 1}});
    assertThat(Norms.op(b)).isCloseTo(2.0, within(TOL));
    assertThat(Norms.frobenius(new DMatrixRMaj(new double[][] {{1e200, 1e200}}))).isCloseTo(Math.sqrt(2) * 1e200,
        within(1e186));
    // ndist(I, 2I) = 0; ndist(e1 e1^T, e2 e2^T) = sqrt2
    assertThat(Norms.ndist(b, CommonOps_DDRM.identity(2))).isCloseTo(
        Math.sqrt(Math.pow(2 / Math.sqrt(5) - 1 / Math.sqrt(2), 2) + Math.pow(1 / Math.sqrt(5) - 1 / Math.sqrt(2), 2)),
        within(TOL));
    DMatrixRMaj e1 = new DMatrixRMaj(new double[][] {{1, 0}, {0, 0}});
    DMatrixRMaj e2 = new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}});
    assertThat(Norms.ndist(e1, e2)).isCloseTo(Math.sqrt(2), within(TOL));
    assertThatThrownBy(() -> Norms.ndist(e1, new DMatrixRMaj(2, 2), "W", "Mc"))
        .isInstanceOf(InvalidInputException.class).hasMessage("ndist(W, Mc) is undefined: Mc is zero");
    assertThatThrownBy(() -> Norms.ndist(e1, new DMatrixRMaj(2, 3)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void thinSvdReconstructsTallAndWideMatricesWithDescendingValues() {
    for (int[] shape : new int[][] {{7, 3}, {3, 7}, {4, 4}, {1, 5}}) {
      DMatrixRMaj a = gaussian(shape[0], shape[1]);
      DMatrixRMaj before = a.copy();
      Svd svd = Svd.thin(a);
      assertThat(a.data).containsExactly(before.data);
      double[] s = svd.s();
      int p = Math.min(shape[0], shape[1]);
      assertThat(s).hasSize(p);
      for (int j = 1; j < p; j++) {
        assertThat(s[j]).isLessThanOrEqualTo(s[j - 1]);
      }
      assertThat(Svd.singularValues(a)).containsExactly(s, within(1e-12));
      DMatrixRMaj us = svd.u().copy();
      for (int i = 0; i < us.numRows; i++) {
        for (int j = 0; j < p; j++) {
          us.set(i, j, us.get(i, j) * s[j]);
        }
      }
      DMatrixRMaj rec = new DMatrixRMaj(shape[0], shape[1]);
      CommonOps_DDRM.multTransB(us, svd.v(), rec);
      for (int i = 0; i < rec.data.length; i++) {
        assertThat(rec.data[i]).isCloseTo(a.data[i], within(1e-12));
      }
    }
  }

  @Test
  void pseudoInverseSatisfiesThePenroseConditions() {
    // rank-2 5x4 matrix
    DMatrixRMaj a = new DMatrixRMaj(5, 4);
    CommonOps_DDRM.mult(gaussian(5, 2), gaussian(2, 4), a);
    DMatrixRMaj p = PseudoInverse.of(a);
    assertThat(p.numRows).isEqualTo(4);
    DMatrixRMaj ap = new DMatrixRMaj(5, 5);
    CommonOps_DDRM.mult(a, p, ap);
    DMatrixRMaj pa = new DMatrixRMaj(4, 4);
    CommonOps_DDRM.mult(p, a, pa);
    DMatrixRMaj apa = new DMatrixRMaj(5, 4);
    CommonOps_DDRM.mult(ap, a, apa);
    DMatrixRMaj pap = new DMatrixRMaj(4, 5);
    CommonOps_DDRM.mult(pa, p, pap);
    assertClose(apa, a);
    assertClose(pap, p);
    assertClose(ap, CommonOps_DDRM.transpose(ap, null));
    assertClose(pa, CommonOps_DDRM.transpose(pa, null));
  }

  @Test
  void rankCutoffIsRelativeToTheLargestValue() {
    assertThat(PseudoInverse.rank(new double[] {1, 1e-9, 1e-10, 1e-11})).isEqualTo(2);
    assertThat(PseudoInverse.rank(new double[] {0, 0})).isZero();
    assertThat(PseudoInverse.rank(new double[0])).isZero();
  }

  @Test
  void finiteReportsTheFirstBadEntry() {
    DMatrixRMaj a = new DMatrixRMaj(2, 3);
    a.set(1, 2, Double.NaN);
    assertThatThrownBy(() -> Finite.require(a, "A")).isInstanceOf(InvalidInputException.class)
        .hasMessage("A contains NaN at row 1, column 2");
  }

  @Test
  void squaredFrobeniusIsTheSquareOfTheScaledNormAtAnyScale() {
    DMatrixRMaj base = gaussian(7, 40_000); // several chunks of the parallel sum
    for (double scale : new double[] {1.0, 1e-200, 1e200}) {
      DMatrixRMaj a = base.copy();
      org.ejml.dense.row.CommonOps_DDRM.scale(scale, a);
      double f = Norms.frobenius(a);
      // 1e-12 relative: the two differ in the order of summing 280,000 squares
      assertThat(Norms.squaredFrobenius(a)).as("scale %s", scale).isCloseTo(f * f, withinPercentage(1e-10));
    }
    assertThat(Norms.squaredFrobenius(new DMatrixRMaj(3, 4))).isZero();
  }

  @Test
  void finiteFindsTheFirstBadEntryAcrossParallelChunks() {
    int n = 3 * (1 << 16) + 5; // several chunks of the parallel scan
    double[] v = new double[n];
    assertThat(Finite.firstNonFinite(v, n)).isEqualTo(-1);
    v[n - 1] = Double.NEGATIVE_INFINITY;
    assertThat(Finite.firstNonFinite(v, n)).isEqualTo(n - 1);
    assertThat(Finite.firstNonFinite(v, n - 1)).isEqualTo(-1);
    v[(1 << 16) + 3] = Double.NaN;
    v[2 * (1 << 16)] = Double.POSITIVE_INFINITY;
    assertThat(Finite.firstNonFinite(v, n)).isEqualTo((1 << 16) + 3);
    DMatrixRMaj a = new DMatrixRMaj(3, n / 3, true, java.util.Arrays.copyOf(v, 3 * (n / 3)));
    assertThatThrownBy(() -> Finite.require(a, "A")).hasMessage("A contains NaN at row %d, column %d",
        ((1 << 16) + 3) / (n / 3), ((1 << 16) + 3) % (n / 3));
  }

  @Test
  void wideProductsMatchDirectProducts() {
    int d = 5;
    int n = 600;
    DMatrixRMaj h = gaussian(d, n);
    DMatrixRMaj a = gaussian(d, 3);
    DMatrixRMaj c = gaussian(d, 2);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rnd.nextInt(2);
    }
    double[] at = CommonOps_DDRM.transpose(a, null).data;
    double[] out = new double[3 * WideProducts.BLOCK];
    double[] scratch = new double[WideProducts.BLOCK];
    double[] dist = new double[2 * WideProducts.BLOCK];
    for (int i0 = 0; i0 < n; i0 += WideProducts.BLOCK) {
      int width = Math.min(WideProducts.BLOCK, n - i0);
      WideProducts.projectBlock(at, 3, h, c, labels, i0, width, out, scratch);
      WideProducts.squaredDistancesBlock(h, c, i0, width, dist);
      for (int b = 0; b < width; b++) {
        int i = i0 + b;
        for (int j = 0; j < 3; j++) {
          double expected = 0;
          for (int x = 0; x < d; x++) {
            expected += a.get(x, j) * (h.get(x, i) - c.get(x, labels[i]));
          }
          assertThat(out[j * width + b]).isCloseTo(expected, within(1e-12));
        }
        for (int k = 0; k < 2; k++) {
          double expected = 0;
          for (int x = 0; x < d; x++) {
            expected += Math.pow(h.get(x, i) - c.get(x, k), 2);
          }
          assertThat(dist[k * width + b]).isCloseTo(expected, within(1e-12));
        }
      }
    }
  }

  private static void assertClose(DMatrixRMaj actual, DMatrixRMaj expected) {
    for (int i = 0; i < actual.data.length; i++) {
      assertThat(actual.data[i]).isCloseTo(expected.data[i], within(1e-10));
    }
  }
}
