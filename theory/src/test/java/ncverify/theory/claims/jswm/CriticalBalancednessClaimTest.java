package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * [JSWM] critical-point balancedness on gradients supplied from outside (here the tests' own head backprop,
 * checked against central differences; in the studies the training engine's): the identity holds, a wrong
 * gradient or a wrong factor is caught.
 */
class CriticalBalancednessClaimTest {

  private static final double LOSS_SCALE = 0.5;
  private final CriticalBalancednessClaim claim = new CriticalBalancednessClaim();

  private static double loss(List<DMatrixRMaj> head, DMatrixRMaj z, DMatrixRMaj y) {
    DMatrixRMaj out = z;
    for (DMatrixRMaj w : head) {
      out = HeadFixtures.mult(w, out);
    }
    double acc = 0;
    for (int i = 0; i < out.getNumElements(); i++) {
      acc += (out.get(i) - y.get(i)) * (out.get(i) - y.get(i));
    }
    return LOSS_SCALE / 2 * acc;
  }

  private static Measurement critical(HeadFixtures.Case c, double lambda) {
    return JswmQuantities.criticalPoint(c.head(),
        HeadFixtures.fullGradients(c.head(), c.zIn(), c.labels(), c.k(), lambda, LOSS_SCALE), lambda);
  }

  @Test
  void testBackpropMatchesCentralDifferences() {
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(71L, 2, 3, 8, 4, 3), 0.2, 72L);
    DMatrixRMaj y = JswmQuantities.oneHot(c.labels(), c.k());
    List<DMatrixRMaj> g = HeadFixtures.headGradients(c.head(), JswmQuantities.forward(c.head(), c.zIn()), y,
        LOSS_SCALE);
    double h = 1e-6;
    for (int j = 0; j < c.head().size(); j++) {
      for (int e = 0; e < c.head().get(j).getNumElements(); e += 3) {
        List<DMatrixRMaj> plus = new ArrayList<>(c.head());
        List<DMatrixRMaj> minus = new ArrayList<>(c.head());
        DMatrixRMaj wp = c.head().get(j).copy();
        DMatrixRMaj wm = c.head().get(j).copy();
        wp.set(e, wp.get(e) + h);
        wm.set(e, wm.get(e) - h);
        plus.set(j, wp);
        minus.set(j, wm);
        double fd = (loss(plus, c.zIn(), y) - loss(minus, c.zIn(), y)) / (2 * h);
        assertThat(g.get(j).get(e)).as("layer %d entry %d", j, e).isCloseTo(fd, within(1e-7));
      }
    }
  }

  @Test
  void identityAndBoundHoldAtArbitraryPointsWithTheRightGradient() {
    assertThat(claim.kind()).isEqualTo(ClaimKind.IDENTITY);
    for (long seed = 0; seed < 8; seed++) {
      HeadFixtures.Case c = HeadFixtures.unbalanced(
          HeadFixtures.perturbed(HeadFixtures.exact(seed, 3, 3, 12, 6, 5), 0.2, seed + 10), 0.3, seed + 20);
      Measurement m = critical(c, 0.1);
      assertThat(claim.evaluate(m).verdict()).as("seed %d", seed).isEqualTo(Verdict.HOLDS);
      assertThat(m.get(CRIT_IDENTITY_RESIDUAL)).isLessThan(1e-12 * m.get(CRIT_IDENTITY_SCALE));
      // the wrong factor 2 on lambda D_l is caught on these unbalanced heads
      assertThat(claim.strengthened(2).evaluate(m).verdict()).isEqualTo(Verdict.VIOLATED);
    }
  }

  /** A trainer whose weight decay or gradient is off is caught: the claim cross-checks the gradient. */
  @Test
  void aWrongGradientIsCaught() {
    HeadFixtures.Case c = HeadFixtures.unbalanced(
        HeadFixtures.perturbed(HeadFixtures.exact(3L, 3, 3, 12, 6), 0.2, 13L), 0.3, 23L);
    double lambda = 0.1;
    // weight decay applied twice (R = G + 2 lambda W)
    List<DMatrixRMaj> doubled = HeadFixtures.fullGradients(c.head(), c.zIn(), c.labels(), c.k(), 2 * lambda, 1.0);
    assertThat(claim.evaluate(JswmQuantities.criticalPoint(c.head(), doubled, lambda)).verdict())
        .isEqualTo(Verdict.VIOLATED);
    // the data gradient of a different loss scale
    List<DMatrixRMaj> scaled = HeadFixtures.fullGradients(c.head(), c.zIn(), c.labels(), c.k(), lambda, 1.0);
    CommonOps_DDRM.scale(1.01, scaled.get(1));
    assertThat(claim.evaluate(JswmQuantities.criticalPoint(c.head(), scaled, lambda)).verdict())
        .isEqualTo(Verdict.VIOLATED);
  }

  /** GD with weight decay drives the head to a critical point, which the claim says is balanced. */
  @Test
  void gradientDescentWithWeightDecayBalancesTheHead() {
    HeadFixtures.Case c = HeadFixtures.unbalanced(HeadFixtures.exact(81L, 2, 2, 6, 4), 0.5, 82L);
    DMatrixRMaj y = JswmQuantities.oneHot(c.labels(), c.k());
    double lambda = 0.05;
    double eta = 0.05;
    List<DMatrixRMaj> head = new ArrayList<>(c.head());
    double d0 = JswmQuantities.measure(head, c.zIn(), c.labels(), 2, lambda, eta).get(EPS2);
    for (int t = 0; t < 3000; t++) {
      List<DMatrixRMaj> g = HeadFixtures.headGradients(head, JswmQuantities.forward(head, c.zIn()), y, 1.0);
      for (int j = 0; j < head.size(); j++) {
        DMatrixRMaj next = new DMatrixRMaj(head.get(j).numRows, head.get(j).numCols);
        CommonOps_DDRM.add(1 - eta * lambda, head.get(j), -eta, g.get(j), next);
        head.set(j, next);
      }
    }
    Measurement m = JswmQuantities.criticalPoint(head,
        HeadFixtures.fullGradients(head, c.zIn(), c.labels(), 2, lambda, 1.0), lambda);
    assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(JswmQuantities.measure(head, c.zIn(), c.labels(), 2, lambda, eta).get(EPS2)).isLessThan(1e-3 * d0);
    assertThat(m.get(CRIT_BOUND)).as("near a critical point the bound is small too").isLessThan(1e-2 * d0);
  }

  @Test
  void zeroWeightDecayIsNotApplicableAndBadInputIsRejected() {
    HeadFixtures.Case c = HeadFixtures.exact(91L, 2, 2, 6, 4);
    assertThat(claim.evaluate(critical(c, 0.0)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    List<DMatrixRMaj> g = HeadFixtures.fullGradients(c.head(), c.zIn(), c.labels(), 2, 0.1, 1.0);
    assertThatThrownBy(() -> JswmQuantities.criticalPoint(c.head(), g.subList(0, 1), 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("one gradient per layer");
    assertThatThrownBy(() -> JswmQuantities.criticalPoint(c.head(), List.of(g.get(1), g.get(0)), 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("gradient 1");
    assertThatThrownBy(() -> JswmQuantities.criticalPoint(c.head(), g, -1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> claim.strengthened(1.0)).isInstanceOf(InvalidInputException.class);
  }

  /**
   * Finding F1 (reports/FINDINGS.md): at an exactly balanced critical point D_l and R_l vanish, so a roundoff
   * allowance relative to lambda ||D_l|| + ||W^T R|| + ||R W^T|| is itself at roundoff level. Closed form:
   * Z_L1 = I_2, W_1 = a Q, W_2 = a Q^T (Q a rotation), so A = a^2 I and D = 0; with lambda = 1/2,
   * a^2 = 1 - lambda makes the head critical for (1/2)||A - I||^2 + (lambda/2)(||W_1||^2 + ||W_2||^2). The
   * identity must hold against the size of the Grams.
   */
  @Test
  void identityHoldsAtAnExactlyBalancedCriticalPoint() {
    double lambda = 0.5;
    double a = Math.sqrt(1 - lambda);
    double t = 0.7;
    DMatrixRMaj q = new DMatrixRMaj(new double[][] {{Math.cos(t), -Math.sin(t)}, {Math.sin(t), Math.cos(t)}});
    DMatrixRMaj w1 = q.copy();
    CommonOps_DDRM.scale(a, w1);
    DMatrixRMaj w2 = new DMatrixRMaj(2, 2);
    CommonOps_DDRM.transpose(q, w2);
    CommonOps_DDRM.scale(a, w2);
    List<DMatrixRMaj> head = List.of(w1, w2);
    Measurement m = JswmQuantities.criticalPoint(head,
        HeadFixtures.fullGradients(head, CommonOps_DDRM.identity(2), new int[] {0, 1}, 2, lambda, 1.0), lambda);
    assertThat(m.get(CRIT_D_OP)).isLessThan(1e-15);
    assertThat(m.get(CRIT_IDENTITY_SCALE)).as("the Grams' size, 2 lambda a^2 sqrt(2)")
        .isGreaterThan(lambda * a * a * Math.sqrt(2));
    assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
    // exactly balanced: a wrong factor on lambda D_l = 0 cannot be caught here (D vanishes)
    ClaimResult wrong = claim.strengthened(2).evaluate(m);
    assertThat(wrong.verdict()).isEqualTo(Verdict.HOLDS);
  }
}
