package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import ncverify.theory.claims.Measurement;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The [JSWM] matrix lemmas that hold for any (balanced) head and so are unit tests of the helpers they
 * exercise, not claims (docs/theory.md section 6): the exactly balanced spectrum (every layer carries
 * S^{1/L2}, formerly {@code jswm.lemma.balanced_spectrum.exact}), the Thm 5.2 mechanism (formerly
 * {@code jswm.thm5.2.conditioning}, helper {@link ConditioningRoots}) and the NTK lower bounds of Prop 5.3
 * (formerly {@code jswm.prop5.3.ntk} and {@code .balanced}, helper {@link JswmQuantities#headNtkOpNorm}).
 * Kernel lemma, Weyl on a pair and kappa(A) from conditioning are proof steps of the assembled bounds,
 * tested in {@link AssembledBoundStepsTest}.
 */
class HeadLemmasTest {

  private static final double TOL = 1e-10;

  /** Exactly balanced heads: kappa(W_l) = kappa(A)^{1/L2} in every layer, so deeper heads condition better. */
  @Test
  void exactlyBalancedLayersShareTheRootOfTheProductSpectrum() {
    for (int depth = 2; depth <= 4; depth++) {
      int[] widths = new int[depth - 1];
      java.util.Arrays.fill(widths, 6);
      HeadFixtures.Case c = HeadFixtures.exact(51L, 3, 4, 20, widths);
      double kappaA = c.sA()[0] / c.sA()[2];
      for (DMatrixRMaj w : c.head()) {
        double[] s = Dense.singularValues(w);
        assertThat(s[0] / s[2]).isCloseTo(Math.pow(kappaA, 1.0 / depth), within(1e-8));
        for (int i = 3; i < s.length; i++) {
          assertThat(s[i]).isLessThan(1e-12 * s[0]);
        }
      }
    }
  }

  /**
   * Finding F2 (reports/FINDINGS.md): "exact balance" eps2 &lt;= 1e-10 r^2 leaves singular values up to sqrt(eps2)
   * outside rank(A) (Weyl), far above the 1e-10 rank cutoff, so kappa(W_l) must be read over the rank(A)
   * leading singular values. Closed form: W_1 = diag(3, 1, e), W_2 = [diag(3, 1) 0], e = 1e-7, eps2 = 1e-14,
   * A = diag(9, 1) padded, kappa(A)^{1/2} = 3 = s_1/s_2 of both layers; over all its non-zero singular values
   * kappa(W_1) would be 3e7.
   */
  @Test
  void exactBalanceIsReadOverTheRankOfTheProduct() {
    double e = 1e-7;
    DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 1, 0}, {0, 0, e}});
    DMatrixRMaj w2 = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 1, 0}});
    DMatrixRMaj zIn = new DMatrixRMaj(new double[][] {{1.0 / 9, 0}, {0, 1}, {0.5, 0.5}});
    Measurement m = JswmQuantities.measure(List.of(w1, w2), zIn, new int[] {0, 1}, 2, 0.0, 0.0);
    assertThat(m.get(EPS2)).isCloseTo(e * e, within(1e-20));
    assertThat(m.get(KAPPA_A)).isCloseTo(9.0, within(TOL));
    double[] s1 = Dense.singularValues(w1);
    assertThat(s1[0] / s1[1]).isCloseTo(3.0, within(TOL));
    assertThat(s1[0] / s1[2]).isGreaterThan(1e7);
  }

  /** delta = (sum_head ||W_l||^2 - L2 K + 2K log_+(||Z_L1||_op/sigma_K(Z_L)))/L2 of the Thm 5.2 mechanism. */
  private static double delta(List<DMatrixRMaj> head, Measurement m) {
    double sq = 0;
    for (DMatrixRMaj w : head) {
      sq += NormOps_DDRM.normF(w) * NormOps_DDRM.normF(w);
    }
    double k = m.get(K);
    double l2 = head.size();
    double beta = 2 * k * Math.max(0, Math.log(m.get(Z_IN_OP) / m.get(SIGMA_K_OUT)));
    return (sq - l2 * k + beta) / l2;
  }

  /**
   * Thm 5.2 mechanism: any factorization costs sum ||W_l||^2 &gt;= L2 sum_i s_i(A)^{2/L2}, so delta &gt;= 0 and
   * kappa(A)^{1/L2} &lt;= sqrt(u/l), l &lt; 1 &lt; u the roots of x - 1 - log x = delta.
   */
  @Test
  void nearOptimalHeadsAreConditioned() {
    for (long seed = 0; seed < 15; seed++) {
      HeadFixtures.Case c = HeadFixtures.unbalanced(
          HeadFixtures.perturbed(HeadFixtures.exact(300 + seed, 3, 3, 12, 6, 5), 0.1, seed), 0.2 * seed, seed + 7);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      double delta = delta(c.head(), m);
      assertThat(delta).isGreaterThanOrEqualTo(-1e-12);
      double root = Math.pow(m.get(KAPPA_A), 1.0 / c.head().size());
      assertThat(root).isLessThanOrEqualTo(ConditioningRoots.of(Math.max(0, delta)).sqrtRatio() * (1 + TOL));
    }
  }

  /**
   * Orthonormal features Z (4x4), A with orthonormal rows, balanced head W1 = Q V^T, W2 = Q^T: sum ||W_l||^2 =
   * L2 K and sigma_K(Z_L) = ||Z||_op = 1, so delta = 0 and kappa(A) = 1; rescaling W1 by 2 and W2 by 1/2
   * (same A) gives sum ||W||^2 = 8.5, delta = (8.5 - 4)/2 = 2.25.
   */
  @Test
  void thm52DeltaHasItsClosedForm() {
    Random rnd = new Random(5L);
    DMatrixRMaj z = HeadFixtures.orthonormalColumns(4, 4, rnd);
    DMatrixRMaj v = HeadFixtures.orthonormalColumns(4, 2, rnd);
    DMatrixRMaj q = HeadFixtures.orthonormalColumns(3, 2, rnd);
    for (double scale : new double[] {1.0, 2.0}) {
      DMatrixRMaj w1 = HeadFixtures.multTransB(q, v);
      DMatrixRMaj w2 = new DMatrixRMaj(2, 3);
      CommonOps_DDRM.transpose(q, w2);
      CommonOps_DDRM.scale(scale, w1);
      CommonOps_DDRM.scale(1.0 / scale, w2);
      List<DMatrixRMaj> head = List.of(w1, w2);
      Measurement m = JswmQuantities.measure(head, z, new int[] {0, 1, 0, 1}, 2, 0.0, 0.0);
      assertThat(m.get(KAPPA_A)).isCloseTo(1.0, within(TOL));
      assertThat(delta(head, m)).isCloseTo(scale == 1.0 ? 0.0 : 2.25, within(TOL));
    }
    assertThat(ConditioningRoots.of(0.0).sqrtRatio()).isEqualTo(1.0);
  }

  /**
   * Prop 5.3 NTK lower bounds: ||Theta||_op &gt;= sigma_K(Z_L)^2/s_K(W_L)^2 for any head, and L2 times that for an
   * exactly balanced head.
   */
  @Test
  void ntkLowerBoundsHoldForAnyHeadAndTheBalancedFactor() {
    for (int depth = 2; depth <= 4; depth++) {
      int[] widths = new int[depth - 1];
      java.util.Arrays.fill(widths, 5);
      HeadFixtures.Case c = HeadFixtures.exact(400 + depth, 3, 3, 12, widths);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      double bound = m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT) / (m.get(SK_WL) * m.get(SK_WL));
      assertThat(m.get(NTK_OP)).as("L2 = %d", depth).isGreaterThanOrEqualTo(depth * bound * (1 - TOL));
    }
    for (long seed = 0; seed < 10; seed++) {
      HeadFixtures.Case c = HeadFixtures.unbalanced(
          HeadFixtures.perturbed(HeadFixtures.exact(500 + seed, 3, 3, 12, 6, 5), 0.1, seed), 0.5, seed + 3);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      double bound = m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT) / (m.get(SK_WL) * m.get(SK_WL));
      assertThat(m.get(NTK_OP)).isGreaterThanOrEqualTo(bound * (1 - TOL));
    }
  }
}
