package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Blas} must satisfy, checked against the {@link NaiveBlas} oracle:
 * all transpose combinations, odd sizes, offsets, leading dimensions larger than the row length,
 * alpha/beta special cases and argument validation. Subclasses supply the backend.
 */
abstract class BlasContractTest {

  /** Relative tolerance, measured against sum_p |alpha a_ip b_pj| + |beta c_ij|. */
  static final double TOL = 1e-12;
  static final int[] SIZES = {1, 7, 33, 130};
  static final long SEED = 20261125L;

  private final Blas oracle = new NaiveBlas();
  Blas blas;

  /** The backend under test. */
  abstract Blas backend();

  @BeforeEach
  void setUp() {
    blas = backend();
  }

  @Test
  void trsmLowerSolvesInPlaceWithoutReadingTheUpperTriangle() {
    SplittableRandom rnd = new SplittableRandom(SEED + 5);
    for (int[] s : new int[][] {{1, 1}, {3, 1}, {7, 40}, {33, 130}, {130, 7}}) {
      int m = s[0];
      int n = s[1];
      for (boolean padded : new boolean[] {false, true}) {
        int lOff = padded ? 3 : 0;
        int ldl = m + (padded ? 2 : 0);
        int bOff = padded ? 5 : 0;
        int ldb = n + (padded ? 4 : 0);
        double[] l = new double[lOff + m * ldl];
        Arrays.fill(l, Double.NaN); // the strict upper triangle and the padding must not be read
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < i; j++) {
            l[lOff + i * ldl + j] = rnd.nextDouble(-1, 1) / m;
          }
          l[lOff + i * ldl + i] = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble(0.5, 2);
        }
        double[] b = new double[bOff + m * ldb];
        for (int i = 0; i < b.length; i++) {
          b[i] = rnd.nextDouble(-1, 1);
        }
        double[] x = b.clone();
        blas.trsmLower(m, n, l, lOff, ldl, x, bOff, ldb);
        // L X = B, row by row, with the lower triangle only (an independent check: the product, not a solve)
        for (int i = 0; i < m; i++) {
          for (int t = 0; t < n; t++) {
            double acc = 0;
            double scale = 0;
            for (int j = 0; j <= i; j++) {
              acc += l[lOff + i * ldl + j] * x[bOff + j * ldb + t];
              scale += Math.abs(l[lOff + i * ldl + j] * x[bOff + j * ldb + t]);
            }
            assertThat(acc).as("%s m=%d n=%d padded=%s at (%d,%d)", blas.name(), m, n, padded, i, t)
                .isCloseTo(b[bOff + i * ldb + t], org.assertj.core.api.Assertions.within(TOL * (scale + 1)));
          }
        }
        for (int i = 0; i < b.length; i++) { // outside B (offset, padding) untouched
          boolean inside = i >= bOff && (i - bOff) % ldb < n && (i - bOff) / ldb < m;
          if (!inside) {
            assertThat(x[i]).isEqualTo(b[i]);
          }
        }
      }
    }
  }

  @Test
  void gramEqualsTheProductWithTheTranspose() {
    SplittableRandom rnd = new SplittableRandom(SEED + 4);
    for (int[] s : new int[][] {{1, 1}, {5, 3}, {7, 40}, {33, 300}}) {
      for (boolean tight : new boolean[] {false, true}) {
        Case c = Case.random(rnd, false, true, s[0], s[0], s[1], 3, 3, 2, 4);
        c = tight ? c.tight() : c;
        double[] a = c.a; // A A^T: the same operand on both sides
        double[] c0 = c.c.clone();
        for (int i = 0; i < s[0]; i++) { // a symmetric C on entry
          for (int j = 0; j < i; j++) {
            c0[c.cOff + i * c.ldc + j] = c0[c.cOff + j * c.ldc + i];
          }
        }
        double[] want = c0.clone();
        new NaiveBlas().dgemm(false, true, s[0], s[0], s[1], 0.75, a, c.aOff, c.lda, a, c.aOff, c.lda, 0.5, want,
            c.cOff, c.ldc);
        double[] got = c0.clone();
        blas.gram(s[0], s[1], 0.75, a, c.aOff, c.lda, 0.5, got, c.cOff, c.ldc);
        for (int i = 0; i < got.length; i++) {
          assertThat(got[i]).as("%s n=%d k=%d tight=%s at %d", blas.name(), s[0], s[1], tight, i)
              .isCloseTo(want[i], org.assertj.core.api.Assertions.within(TOL * (s[1] + 1)));
        }
      }
    }
  }

  @Test
  void operandsEndingRightAfterTheirLastElement() {
    SplittableRandom rnd = new SplittableRandom(SEED + 3);
    for (int[] s : new int[][] {{1, 1, 1}, {5, 1, 3}, {1, 6, 4}, {9, 7, 1}, {33, 40, 21}}) {
      for (int t = 0; t < 4; t++) {
        check(Case.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 5, 2, 1, 11).tight(), 0.75, 0.5);
        check(Case.random(rnd, (t & 1) != 0, (t & 2) != 0, s[0], s[1], s[2], 0, 0, 0, 3).tight(), 1.0, 0.0);
      }
    }
  }

  @Test
  void everyTransposeCombinationAtOddSizes() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int m : SIZES) {
      for (int n : SIZES) {
        for (int k : SIZES) {
          for (int t = 0; t < 4; t++) {
            Case c = Case.random(rnd, (t & 1) != 0, (t & 2) != 0, m, n, k, 0, 0, 0, 0);
            check(c, 1.0, 0.0);
          }
        }
      }
    }
  }

  @Test
  void offsetsAndLeadingDimensionsLargerThanTheRow() {
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    for (int t = 0; t < 4; t++) {
      Case c = Case.random(rnd, (t & 1) != 0, (t & 2) != 0, 33, 7, 130, 5, 3, 11, 4);
      double[] before = c.c.clone();
      check(c, 0.75, -1.25);
      // Padding (elements outside the m x n window of C) must be untouched.
      double[] after = c.result(blas);
      for (int idx = 0; idx < after.length; idx++) {
        if (!c.insideC(idx)) {
          assertThat(after[idx]).as("padding at %d", idx).isEqualTo(before[idx]);
        }
      }
    }
  }

  @Test
  void alphaBetaCases() {
    SplittableRandom rnd = new SplittableRandom(SEED + 2);
    double[] alphas = {1, -0.5, 0, 3};
    double[] betas = {0, 1, 2.5, -1};
    for (double alpha : alphas) {
      for (double beta : betas) {
        for (int t = 0; t < 4; t++) {
          Case c = Case.random(rnd, (t & 1) != 0, (t & 2) != 0, 33, 130, 7, 2, 1, 3, 2);
          check(c, alpha, beta);
        }
      }
    }
  }

  /**
   * BLAS semantics: with beta = 0, C is overwritten and its old entries never enter, so NaN in C must
   * not propagate. The expected value is the oracle's alpha op(A) op(B) on a zero C (the old entries
   * of C replaced by 0, which beta = 0 makes irrelevant), compared at the error-bound scale.
   */
  @Test
  void betaZeroIgnoresNanInC() {
    SplittableRandom rnd = new SplittableRandom(SEED + 3);
    for (int t = 0; t < 4; t++) {
      Case c = Case.random(rnd, (t & 1) != 0, (t & 2) != 0, 7, 33, 7, 0, 0, 0, 0);
      double alpha = t == 3 ? -0.5 : 1.0;
      double[] want = new double[c.c.length];
      oracle.dgemm(c.ta, c.tb, 7, 33, 7, alpha, c.a, 0, c.lda, c.b, 0, c.ldb, 0, want, 0, c.ldc);
      double[] got = new double[c.c.length];
      Arrays.fill(got, Double.NaN);
      blas.dgemm(c.ta, c.tb, 7, 33, 7, alpha, c.a, 0, c.lda, c.b, 0, c.ldb, 0, got, 0, c.ldc);
      for (int i = 0; i < 7; i++) {
        for (int j = 0; j < 33; j++) {
          double scale = 0;
          for (int p = 0; p < 7; p++) {
            scale += Math.abs(alpha * c.opA(i, p) * c.opB(p, j));
          }
          int idx = i * c.ldc + j;
          assertThat(Math.abs(got[idx] - want[idx])).as("%s ta=%b tb=%b C(%d,%d) = %s, oracle %s", blas.name(), c.ta,
              c.tb, i, j, got[idx], want[idx]).isLessThanOrEqualTo(TOL * Math.max(scale, Double.MIN_NORMAL));
        }
      }
    }
  }

  @Test
  void zeroDepthScalesC() {
    double[] c = {1, 2, 3, 4, 5, 6};
    blas.dgemm(false, false, 2, 3, 0, 1, new double[0], 0, 1, new double[0], 0, 3, 2, c, 0, 3);
    assertThat(c).containsExactly(2, 4, 6, 8, 10, 12);
  }

  @Test
  void emptyOutputIsANoOp() {
    double[] c = {1, 2};
    blas.dgemm(false, false, 0, 2, 3, 1, new double[0], 0, 3, new double[6], 0, 2, 0, c, 0, 2);
    assertThat(c).containsExactly(1, 2);
  }

  @Test
  void badArgumentsAreRejected() {
    double[] a = new double[6];
    double[] b = new double[6];
    double[] c = new double[4];
    assertThatThrownBy(() -> blas.dgemm(false, false, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("leading dimension of C");
    assertThatThrownBy(() -> blas.dgemm(false, false, 2, 2, 3, 1, a, 1, 3, b, 0, 2, 0, c, 0, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("A (2 x 3");
    assertThatThrownBy(() -> blas.dgemm(false, false, -1, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("negative dimension");
    assertThatThrownBy(() -> blas.dgemm(false, true, 2, 2, 3, 1, a, 0, 3, b, 0, 2, 0, c, 0, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("leading dimension of B");
    assertThatThrownBy(
        () -> blas.dgemm(false, false, 2, 2, 3, Double.NaN, a, 0, 3, b, 0, 2, 0, c, 0, 2))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("finite");
  }

  /** Runs both backends on copies of c and compares elementwise against the error-bound scale. */
  void check(Case c, double alpha, double beta) {
    double[] want = c.c.clone();
    oracle.dgemm(c.ta, c.tb, c.m, c.n, c.k, alpha, c.a, c.aOff, c.lda, c.b, c.bOff, c.ldb,
        beta, want, c.cOff, c.ldc);
    double[] got = c.c.clone();
    blas.dgemm(c.ta, c.tb, c.m, c.n, c.k, alpha, c.a, c.aOff, c.lda, c.b, c.bOff, c.ldb,
        beta, got, c.cOff, c.ldc);
    for (int i = 0; i < c.m; i++) {
      for (int j = 0; j < c.n; j++) {
        // Independent scale: sum_p |alpha op(A)_ip op(B)_pj| + |beta c_ij|, by explicit indexing.
        double scale = Math.abs(beta * c.c[c.cOff + i * c.ldc + j]);
        for (int p = 0; p < c.k; p++) {
          scale += Math.abs(alpha * c.opA(i, p) * c.opB(p, j));
        }
        int idx = c.cOff + i * c.ldc + j;
        assertThat(Math.abs(got[idx] - want[idx]))
            .as("%s ta=%b tb=%b m=%d n=%d k=%d alpha=%s beta=%s at (%d,%d)", blas.name(), c.ta,
                c.tb, c.m, c.n, c.k, alpha, beta, i, j)
            .isLessThanOrEqualTo(TOL * Math.max(scale, Double.MIN_NORMAL));
      }
    }
  }

  /** One random dgemm problem with padding: offsets and leading dims = columns + pad. */
  static final class Case {
    final boolean ta;
    final boolean tb;
    final int m;
    final int n;
    final int k;
    final double[] a;
    final double[] b;
    final double[] c;
    final int aOff;
    final int bOff;
    final int cOff;
    final int lda;
    final int ldb;
    final int ldc;

    private Case(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c,
                 int aOff, int bOff, int cOff, int lda, int ldb, int ldc) {
      this.ta = ta;
      this.tb = tb;
      this.m = m;
      this.n = n;
      this.k = k;
      this.a = a;
      this.b = b;
      this.c = c;
      this.aOff = aOff;
      this.bOff = bOff;
      this.cOff = cOff;
      this.lda = lda;
      this.ldb = ldb;
      this.ldc = ldc;
    }

    static Case random(SplittableRandom rnd, boolean ta, boolean tb, int m, int n, int k,
                       int aOff, int bOff, int cOff, int pad) {
      int aRows = ta ? k : m;
      int aCols = ta ? m : k;
      int bRows = tb ? n : k;
      int bCols = tb ? k : n;
      int lda = aCols + pad;
      int ldb = bCols + pad;
      int ldc = n + pad;
      double[] a = rnd.doubles(aOff + (long) aRows * lda, -1, 1).toArray();
      double[] b = rnd.doubles(bOff + (long) bRows * ldb, -1, 1).toArray();
      double[] c = rnd.doubles(cOff + (long) m * ldc + 2, -1, 1).toArray();
      return new Case(ta, tb, m, n, k, a, b, c, aOff, bOff, cOff, lda, ldb, ldc);
    }

    /**
     * The same problem with A and B cut right after their last element (offset + (rows - 1) ld + cols):
     * a block in the middle of a wider matrix, as the metrics pass to the backend.
     */
    Case tight() {
      int aRows = ta ? k : m;
      int aCols = ta ? m : k;
      int bRows = tb ? n : k;
      int bCols = tb ? k : n;
      return new Case(ta, tb, m, n, k, java.util.Arrays.copyOf(a, aOff + (aRows - 1) * lda + aCols),
          java.util.Arrays.copyOf(b, bOff + (bRows - 1) * ldb + bCols), c, aOff, bOff, cOff, lda, ldb, ldc);
    }

    double opA(int i, int p) {
      return ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    double opB(int p, int j) {
      return tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    boolean insideC(int idx) {
      int rel = idx - cOff;
      return rel >= 0 && rel / ldc < m && rel % ldc < n;
    }

    double[] result(Blas blas) {
      double[] out = c.clone();
      blas.dgemm(ta, tb, m, n, k, 0.75, a, aOff, lda, b, bOff, ldb, -1.25, out, cOff, ldc);
      return out;
    }
  }
}
