package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** [JSWM] Thm 4.4: one explicit GD step on a pair of layers, written here independently of the main code. */
class BalancednessStepClaimTest {

  private static final double ETA = 0.05;
  private static final double LAMBDA = 0.3;
  private final BalancednessStepClaim claim = new BalancednessStepClaim();

  private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, c);
    return c;
  }

  private static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
    CommonOps_DDRM.multTransB(a, b, c);
    return c;
  }

  private static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
    CommonOps_DDRM.multTransA(a, b, c);
    return c;
  }

  /** W <- (1 - eta lambda) W - eta G. */
  private static DMatrixRMaj step(DMatrixRMaj w, DMatrixRMaj g) {
    DMatrixRMaj out = new DMatrixRMaj(w.numRows, w.numCols);
    CommonOps_DDRM.add(1 - ETA * LAMBDA, w, -ETA, g, out);
    return out;
  }

  /** One GD step of (1/2)||W2 s(W1 X) - Y||^2 + (lambda/2)(||W1||^2 + ||W2||^2); s = identity or ReLU. */
  private static BalancednessStep gdStep(long seed, boolean relu) {
    Random rnd = new Random(seed);
    DMatrixRMaj x = HeadFixtures.gaussian(5, 9, 1.0, rnd);
    DMatrixRMaj y = HeadFixtures.gaussian(3, 9, 1.0, rnd);
    DMatrixRMaj w1 = HeadFixtures.gaussian(4, 5, 0.6, rnd);
    DMatrixRMaj w2 = HeadFixtures.gaussian(3, 4, 0.6, rnd);
    DMatrixRMaj pre = mult(w1, x);
    DMatrixRMaj h = pre.copy();
    if (relu) {
      for (int i = 0; i < h.getNumElements(); i++) {
        h.set(i, Math.max(0.0, h.get(i)));
      }
    }
    DMatrixRMaj e = mult(w2, h);
    CommonOps_DDRM.subtractEquals(e, y);
    DMatrixRMaj g2 = multTransB(e, h);
    DMatrixRMaj back = multTransA(w2, e);
    if (relu) {
      for (int i = 0; i < back.getNumElements(); i++) {
        back.set(i, pre.get(i) > 0 ? back.get(i) : 0.0);
      }
    }
    DMatrixRMaj g1 = multTransB(back, x);
    return BalancednessStep.of(w1, w2, g1, g2, step(w1, g1), step(w2, g2), ETA, LAMBDA);
  }

  @Test
  void identityHoldsForLinearPairs() {
    for (long seed = 0; seed < 10; seed++) {
      BalancednessStep s = gdStep(seed, false);
      assertThat(s.residual()).isLessThan(1e-12 * s.scale() + 1e-15);
      assertThat(claim.evaluate(s.measurement(true)).verdict()).isEqualTo(Verdict.HOLDS);
      assertThat(s.before()).isCloseTo(Dense.frob(before(seed)), org.assertj.core.api.Assertions.within(1e-12));
      // the wrong rate (1 - eta lambda)^4 is caught on an unbalanced pair
      ClaimResult wrong = claim.strengthened(2).evaluate(s.measurement(true));
      assertThat(wrong.verdict()).isEqualTo(Verdict.VIOLATED);
      double decay = 1 - ETA * LAMBDA;
      assertThat(wrong.conclusion().orElseThrow().measured())
          .isCloseTo((decay * decay - Math.pow(decay, 4)) * s.before() - s.residual(),
              org.assertj.core.api.Assertions.within(1e-12));
    }
    assertThat(claim.kind()).isEqualTo(ncverify.theory.claims.ClaimKind.IDENTITY);
  }

  /** D(t) of {@link #gdStep}'s starting pair, computed here. */
  private static DMatrixRMaj before(long seed) {
    Random rnd = new Random(seed);
    HeadFixtures.gaussian(5, 9, 1.0, rnd);
    HeadFixtures.gaussian(3, 9, 1.0, rnd);
    DMatrixRMaj w1 = HeadFixtures.gaussian(4, 5, 0.6, rnd);
    DMatrixRMaj w2 = HeadFixtures.gaussian(3, 4, 0.6, rnd);
    DMatrixRMaj d = multTransA(w2, w2);
    CommonOps_DDRM.subtractEquals(d, multTransB(w1, w1));
    return d;
  }

  /** Unrolled over a trajectory: D(T) = (1 - eta lambda)^{2T} D(0) + eta^2 sum_s (1 - eta lambda)^{2(T-1-s)} Gterm(s). */
  @Test
  void weightDecayShrinksTheImbalanceAtRateOneMinusEtaLambdaSquared() {
    Random rnd = new Random(99L);
    DMatrixRMaj x = HeadFixtures.gaussian(5, 9, 1.0, rnd);
    DMatrixRMaj y = HeadFixtures.gaussian(3, 9, 1.0, rnd);
    DMatrixRMaj w1 = HeadFixtures.gaussian(4, 5, 0.6, rnd);
    DMatrixRMaj w2 = HeadFixtures.gaussian(3, 4, 0.6, rnd);
    DMatrixRMaj predicted = Dense.balanceGap(w1, w2);
    double d0 = Dense.frob(predicted);
    double decay = (1 - ETA * LAMBDA) * (1 - ETA * LAMBDA);
    int steps = 200;
    for (int t = 0; t < steps; t++) {
      DMatrixRMaj e = mult(w2, mult(w1, x));
      CommonOps_DDRM.subtractEquals(e, y);
      DMatrixRMaj g2 = multTransB(e, mult(w1, x));
      DMatrixRMaj g1 = multTransB(multTransA(w2, e), x);
      DMatrixRMaj next = new DMatrixRMaj(predicted.numRows, predicted.numCols);
      CommonOps_DDRM.add(decay, predicted, ETA * ETA, Dense.balanceGap(g1, g2), next);
      predicted = next;
      w1 = step(w1, g1);
      w2 = step(w2, g2);
    }
    DMatrixRMaj actual = Dense.balanceGap(w1, w2);
    assertThat(Dense.frob(Dense.minus(actual, predicted))).isLessThan(1e-9 * (d0 + 1));
    // the gradient term is O(eta^2): the imbalance decays roughly like (1 - eta lambda)^{2T}
    assertThat(Dense.frob(actual)).isLessThan(2 * Math.pow(decay, steps) * d0 + 0.05 * d0);
  }

  @Test
  void identityFailsAcrossTheLastNonlinearityWhereTheClaimDoesNotApply() {
    BalancednessStep s = gdStep(7L, true);
    assertThat(s.residual()).as("cross terms no longer cancel").isGreaterThan(1e-3 * s.scale());
    assertThat(claim.evaluate(s.measurement(false)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    ClaimResult wronglyLabelled = claim.evaluate(s.measurement(true));
    assertThat(wronglyLabelled.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(wronglyLabelled.conclusion().orElseThrow().margin()).isNegative();
  }
}
