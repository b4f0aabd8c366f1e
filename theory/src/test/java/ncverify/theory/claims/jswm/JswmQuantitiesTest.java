package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Measurement;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class JswmQuantitiesTest {

  private static final double TOL = 1e-9;
  private static final double ROUNDOFF = 1e-12;

  @Test
  void exactCaseHasClosedFormQuantities() {
    HeadFixtures.Case c = HeadFixtures.exact(11L, 3, 4, 20, 6, 5);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, 0.1);
    double kappaA = c.sA()[0] / c.sA()[2];
    assertThat(m.get(K)).isEqualTo(3.0);
    assertThat(m.get(L2)).isEqualTo(3.0);
    assertThat(m.get(N)).isEqualTo(12.0);
    assertThat(m.get(N_MIN)).isEqualTo(4.0);
    assertThat(m.get(N_MAX)).isEqualTo(4.0);
    assertThat(m.get(EPS1)).isLessThan(ROUNDOFF);
    assertThat(m.get(EPS2)).isLessThan(ROUNDOFF * m.get(R) * m.get(R));
    // every head layer carries S^{1/L2}: r = s_1(A)^{1/3}, kappa(W_L) = kappa(A)^{1/3}
    assertThat(m.get(R)).isCloseTo(Math.cbrt(c.sA()[0]), within(TOL));
    assertThat(m.get(KAPPA_A)).isCloseTo(kappaA, within(TOL * kappaA));
    assertThat(m.get(KAPPA_WL)).isCloseTo(Math.cbrt(kappaA), within(TOL));
    // exact interpolation + balance: penultimate features collapse; class means = W_L^+
    assertThat(m.get(NC1TR_PENULT)).isLessThan(1e-20);
    assertThat(m.get(KAPPA_MBAR_PENULT)).isCloseTo(m.get(KAPPA_WL), within(TOL));
    // d = 20 > N = 12: the head built from Y Z^+ acts inside col Z only
    assertThat(m.get(LEAK_OP)).isLessThan(ROUNDOFF);
    double[] sZ = Dense.singularValues(c.zIn());
    assertThat(m.get(Z_IN_OP)).isCloseTo(sZ[0], within(TOL * sZ[0]));
    assertThat(m.get(KAPPA_Z_IN)).isCloseTo(sZ[0] / sZ[11], within(TOL * sZ[0] / sZ[11]));
    // Z_L = Y exactly: sigma_K(Z_L) = sqrt(n)
    assertThat(m.get(SIGMA_K_OUT)).isCloseTo(2.0, within(TOL));
    assertThat(m.get(LOSS_SCALE)).isEqualTo(1.0);
  }

  /**
   * The leak ||A (I - P_Z)||_op: a first-layer component E (I - P_Z) orthogonal to col Z leaves the outputs
   * unchanged and is measured exactly (closed form: Z spans the first two coordinates of R^3).
   */
  @Test
  void leakIsThePartOfTheHeadActingOutsideTheFeatures() {
    DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1, 0, 2, 0}, {0, 1, 0, 3}, {0, 0, 0, 0}});
    int[] labels = {0, 1, 0, 1};
    DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{1, 0, 0.5}, {0, 1, 0}});
    DMatrixRMaj w2 = CommonOps_DDRM.identity(2);
    Measurement m = JswmQuantities.measure(List.of(w1, w2), z, labels, 2, 0.0, 0.0);
    assertThat(m.get(LEAK_OP)).isCloseTo(0.5, within(TOL));
    assertThat(m.get(KAPPA_Z_IN)).isCloseTo(Dense.singularValues(z)[0] / Dense.singularValues(z)[1], within(TOL));
  }

  /** kappa(Mbar_{L-1}) is s_1/s_K: class means of rank &lt; K are infinitely ill conditioned, not well conditioned. */
  @Test
  void rankDeficientClassMeansHaveInfiniteConditioning() {
    // Z_{L-1} = W_1 Z has identical class means for classes 0 and 1
    DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1, 1, 0}, {0, 0, 1}});
    DMatrixRMaj w1 = CommonOps_DDRM.identity(2);
    DMatrixRMaj w2 = new DMatrixRMaj(new double[][] {{1, 0}, {1, 0}, {0, 1}});
    Measurement m = JswmQuantities.measure(List.of(w1, w2), z, new int[] {0, 1, 2}, 3, 0.0, 0.0);
    assertThat(m.get(KAPPA_MBAR_PENULT)).isInfinite();
  }

  @Test
  void nc1TraceMatchesTheDirectScatterMatrices() {
    java.util.Random rnd = new java.util.Random(3L);
    int[] labels = {0, 1, 2, 0, 1, 2, 0, 0, 1};
    DMatrixRMaj h = HeadFixtures.gaussian(4, labels.length, 1.0, rnd);
    int k = 3;
    int n = labels.length;
    // direct: Sigma_W = (1/N) sum (h_i - mu_yi)(h_i - mu_yi)^T, Sigma_B = (1/K) sum_k (mu_k - mu_G)(mu_k - mu_G)^T
    double[][] mu = new double[k][4];
    int[] cnt = new int[k];
    double[] g = new double[4];
    for (int i = 0; i < n; i++) {
      cnt[labels[i]]++;
      for (int r = 0; r < 4; r++) {
        mu[labels[i]][r] += h.get(r, i);
        g[r] += h.get(r, i) / n;
      }
    }
    double trW = 0;
    double trB = 0;
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < 4; r++) {
        mu[c][r] /= cnt[c];
        trB += (mu[c][r] - g[r]) * (mu[c][r] - g[r]) / k;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 4; r++) {
        double dlt = h.get(r, i) - mu[labels[i]][r];
        trW += dlt * dlt / n;
      }
    }
    assertThat(JswmQuantities.nc1Trace(h, labels, k)).isCloseTo(trW / trB, within(TOL * trW / trB));
  }

  /** ||Theta||_op = ||J||_op^2 with J the Jacobian of vec(Z_L) w.r.t. all head entries, built entry by entry. */
  @Test
  void headNtkMatchesAnExplicitJacobian() {
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(5L, 2, 3, 8, 4, 3), 0.05, 6L);
    List<DMatrixRMaj> head = c.head();
    int kn = c.k() * c.zIn().numCols;
    int params = 0;
    for (DMatrixRMaj w : head) {
      params += w.getNumElements();
    }
    DMatrixRMaj jac = new DMatrixRMaj(kn, params);
    DMatrixRMaj base = outputs(head, c.zIn());
    int col = 0;
    for (int j = 0; j < head.size(); j++) {
      for (int e = 0; e < head.get(j).getNumElements(); e++) {
        List<DMatrixRMaj> bumped = new ArrayList<>(head);
        DMatrixRMaj w = head.get(j).copy();
        w.set(e, w.get(e) + 1.0); // Z_L is affine in one entry: the difference is the exact derivative
        bumped.set(j, w);
        DMatrixRMaj out = outputs(bumped, c.zIn());
        for (int i = 0; i < kn; i++) {
          jac.set(i, col, out.get(i) - base.get(i));
        }
        col++;
      }
    }
    double jop = Dense.opNorm(jac);
    Measurement m = JswmQuantities.measure(head, c.zIn(), c.labels(), c.k(), 0.0, 0.1);
    assertThat(m.get(NTK_OP)).isCloseTo(jop * jop, within(1e-8 * jop * jop));
    // the power-iteration path agrees with the eigensolve
    List<DMatrixRMaj> z = JswmQuantities.forward(head, c.zIn());
    assertThat(JswmQuantities.headNtkOpNorm(head, z, c.k(), false)).isCloseTo(jop * jop, within(1e-6 * jop * jop));
  }

  @Test
  void powerIterationAboveTheExplicitSizeAgreesAndCertifiesTheBalancedBound() {
    HeadFixtures.Case c = HeadFixtures.exact(9L, 3, 70, 215, 5, 4); // K N = 630
    List<DMatrixRMaj> z = JswmQuantities.forward(c.head(), c.zIn());
    double power = JswmQuantities.headNtkOpNorm(c.head(), z, 3);
    double explicit = JswmQuantities.headNtkOpNorm(c.head(), z, 3, true);
    assertThat(power).isCloseTo(explicit, within(1e-6 * explicit));
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), 3, 0.0, 0.0);
    assertThat(m.get(NTK_OP)).isGreaterThanOrEqualTo(
        3 * m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT) / (m.get(SK_WL) * m.get(SK_WL)) * (1 - 1e-12));
  }

  private static DMatrixRMaj outputs(List<DMatrixRMaj> head, DMatrixRMaj z) {
    DMatrixRMaj out = z;
    for (DMatrixRMaj w : head) {
      DMatrixRMaj next = new DMatrixRMaj(w.numRows, out.numCols);
      CommonOps_DDRM.mult(w, out, next);
      out = next;
    }
    return out;
  }

  @Test
  void callerOutputsMustBeTheHeadApplied() {
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(2L, 3, 2, 8, 4), 0.1, 3L);
    DMatrixRMaj out = outputs(c.head(), c.zIn());
    Measurement direct = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), 3, 0.01, 0.1, 1.0);
    Measurement given = JswmQuantities.measure(c.head(), c.zIn(), out, c.labels(), 3, 0.01, 0.1, 1.0);
    assertThat(given.quantities()).isEqualTo(direct.quantities());
    out.add(0, 0, 0.5);
    assertThatThrownBy(() -> JswmQuantities.measure(c.head(), c.zIn(), out, c.labels(), 3, 0.01, 0.1, 1.0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("outputs differ");
  }

  @Test
  void penultimateOperatorNormFromTheFactorEqualsTheExplicitOne() {
    // ||Z_{L-1}||_op is read off W_{L-1} ... W_{L1+1} F (Z_L1 = F Q^T): it must equal the norm of the formed Z_{L-1},
    // on the wide path (WideSvd), the small path (EJML) and for rank-deficient features
    java.util.Random rnd = new java.util.Random(21L);
    List<DMatrixRMaj> head = List.of(HeadFixtures.gaussian(6, 5, 1.0, rnd), HeadFixtures.gaussian(4, 6, 1.0, rnd),
        HeadFixtures.gaussian(3, 4, 1.0, rnd));
    DMatrixRMaj lowRank = HeadFixtures.mult(HeadFixtures.gaussian(5, 3, 1.0, rnd),
        HeadFixtures.gaussian(3, 9000, 1.0, rnd));
    for (DMatrixRMaj z : List.of(HeadFixtures.gaussian(5, 9000, 1.0, rnd), HeadFixtures.gaussian(5, 12, 1.0, rnd),
        lowRank)) {
      int[] labels = HeadFixtures.balancedLabels(3, z.numCols / 3);
      Measurement m = JswmQuantities.measure(head, z, labels, 3, 0.0, 0.0);
      double explicit = ncverify.theory.linalg.Norms.op(JswmQuantities.forward(head, z).get(2));
      assertThat(m.get(Z_PENULT_OP)).as("%dx%d", z.numRows, z.numCols).isCloseTo(explicit, within(1e-13 * explicit));
    }
  }

  @Test
  void aSuppliedForwardPassGivesTheSameQuantitiesAndIsAskedForOnce() {
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(2L, 3, 2, 8, 4), 0.1, 3L);
    Measurement direct = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), 3, 0.01, 0.1, 1.0);
    int[] asked = new int[1];
    Measurement shared = JswmQuantities.measure(c.head(), c.zIn(), () -> {
      asked[0]++;
      return JswmQuantities.forward(c.head(), c.zIn());
    }, c.labels(), 3, 0.01, 0.1, 1.0);
    assertThat(shared.quantities()).isEqualTo(direct.quantities());
    assertThat(asked[0]).isEqualTo(1);
    assertThatThrownBy(() -> JswmQuantities.measure(c.head(), c.zIn(), () -> List.of(c.zIn()), c.labels(), 3, 0.01,
        0.1, 1.0)).hasMessageContaining("one output per head layer");
  }

  @Test
  void badInputIsRejectedWithAClearMessage() {
    HeadFixtures.Case c = HeadFixtures.exact(1L, 3, 2, 8, 4);
    assertThatThrownBy(() -> JswmQuantities.measure(List.of(c.head().get(1)), c.zIn(), c.labels(), 3, 0, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("L2 >= 2");
    int[] bad = c.labels().clone();
    bad[4] = 7;
    assertThatThrownBy(() -> JswmQuantities.measure(c.head(), c.zIn(), bad, 3, 0, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 7 at index 4");
    int[] missing = new int[c.labels().length];
    assertThatThrownBy(() -> JswmQuantities.measure(c.head(), c.zIn(), missing, 3, 0, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("class 1 has no sample");
    assertThatThrownBy(() -> JswmQuantities.measure(List.of(c.head().get(1), c.head().get(0)), c.zIn(),
        c.labels(), 3, 0, 0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("head layer 1");
    assertThatThrownBy(() -> JswmQuantities.measure(c.head(), c.zIn(), c.labels(), 3, -1, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda");
    DMatrixRMaj nan = c.zIn().copy();
    nan.set(0, Double.NaN);
    assertThatThrownBy(() -> JswmQuantities.measure(c.head(), nan, c.labels(), 3, 0, 0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Z_L1");
  }

  /** A wide Z_L1 is not scanned up front: its factorization finds a non-finite entry and names it. */
  @Test
  void aNonFiniteEntryOfWideFeaturesIsNamedWithItsPosition() {
    java.util.Random rnd = new java.util.Random(7L);
    DMatrixRMaj z = HeadFixtures.gaussian(8, 5000, 1.0, rnd);
    assertThat(ncverify.theory.linalg.WideSvd.isWide(z)).isTrue();
    int[] labels = new int[5000];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 3;
    }
    List<DMatrixRMaj> head = List.of(HeadFixtures.gaussian(4, 8, 1.0, rnd), HeadFixtures.gaussian(3, 4, 1.0, rnd));
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      DMatrixRMaj zBad = z.copy();
      zBad.set(5, 4321, bad);
      assertThatThrownBy(() -> JswmQuantities.measure(head, zBad, labels, 3, 0, 0))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("Z_L1")
          .hasMessageContaining("flat index " + (5 * 5000 + 4321));
    }
  }
}
