package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class HeadNormConditioningClaimTest {

  private static final double TOL = 1e-9;
  private final HeadNormConditioningClaim claim = new HeadNormConditioningClaim();

  /**
   * Orthogonal features Z (4x4), A = V^T with orthonormal rows, balanced head W1 = Q V^T, W2 = Q^T:
   * sum ||W_l||^2 = L2 K, sigma_K(Z_L) = ||Z||_op = 1, so delta = 0 and the bound forces kappa(A) = 1.
   */
  private static List<DMatrixRMaj> optimalHead(Random rnd, double scale) {
    DMatrixRMaj v = HeadFixtures.orthonormalColumns(4, 2, rnd);
    DMatrixRMaj q = HeadFixtures.orthonormalColumns(3, 2, rnd);
    DMatrixRMaj w1 = HeadFixtures.multTransB(q, v);
    DMatrixRMaj w2 = new DMatrixRMaj(2, 3);
    CommonOps_DDRM.transpose(q, w2);
    CommonOps_DDRM.scale(scale, w1);
    CommonOps_DDRM.scale(1.0 / scale, w2);
    return List.of(w1, w2);
  }

  @Test
  void optimalHeadHasDeltaZeroAndBoundOne() {
    Random rnd = new Random(5L);
    DMatrixRMaj z = HeadFixtures.orthonormalColumns(4, 4, rnd);
    Measurement m = JswmQuantities.measure(optimalHead(rnd, 1.0), z, new int[] {0, 1, 0, 1}, 2, 0.0, 0.0);
    assertThat(m.get(C_HEAD)).isCloseTo(0.0, within(TOL));
    assertThat(m.get(BETA)).isCloseTo(0.0, within(TOL));
    assertThat(m.get(KAPPA_A)).isCloseTo(1.0, within(TOL));
    ClaimResult r = claim.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.conclusion().orElseThrow().parts().get(1).bound()).isCloseTo(1.0, within(1e-4));
    // a wrong kappa is caught with margin 1 - sqrt(1.5)
    ClaimResult v = claim.evaluate(m.toBuilder().put(KAPPA_A, 1.5).build());
    assertThat(v.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(v.conclusion().orElseThrow().margin()).isCloseTo(1.0 - Math.sqrt(1.5), within(1e-4));
  }

  @Test
  void unbalancedRescalingRaisesDeltaAsTheFormulaSays() {
    Random rnd = new Random(6L);
    DMatrixRMaj z = HeadFixtures.orthonormalColumns(4, 4, rnd);
    Measurement m = JswmQuantities.measure(optimalHead(rnd, 2.0), z, new int[] {0, 1, 0, 1}, 2, 0.0, 0.0);
    // sum ||W||^2 = 4 * 2 + 2 / 4 = 8.5, c_head = 8.5 - 4 = 4.5, delta = 2.25
    assertThat(m.get(DELTA)).isCloseTo(2.25, within(TOL));
    assertThat(HeadNormConditioningClaim.delta(m)).isCloseTo(2.25, within(TOL));
    assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void holdsOnRandomHeads() {
    for (long seed = 0; seed < 15; seed++) {
      HeadFixtures.Case c = HeadFixtures.unbalanced(
          HeadFixtures.perturbed(HeadFixtures.exact(300 + seed, 3, 3, 12, 6, 5), 0.1, seed), 0.2 * seed, seed + 7);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      ClaimResult r = claim.evaluate(m);
      assertThat(r.verdict()).as("seed %d %s", seed, r).isEqualTo(Verdict.HOLDS);
    }
  }
}
