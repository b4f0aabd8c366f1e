package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import ncverify.theory.geometry.BalancedHead;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** {@link AssembledBound} against its closed forms, and the two assembled claims on constructed cases. */
class AssembledBoundTest {

  private static final double TOL = 1e-12;

  /** Exact case (eps1 = eps2 = 0): F_NC2 = kW = kA^(1/L2), F_NC3 = 2 kW/(1 + kW^2). */
  @Test
  void exactCaseReducesToTheConditioningOfTheLastLayer() {
    // n_min = 4, n_max = 9, s1Z = 2, kZ = 1.5, no leak, r large enough not to bind
    AssembledBound b = AssembledBound.of(3, 4, 9, 0, 0, 10, 2, 1.5, 0);
    double aLo = 2.0 / 2;
    double aHi = 1.5 * 3 / 2;
    assertThat(b.aLo()).isCloseTo(aLo, within(TOL));
    assertThat(b.aHi()).isCloseTo(aHi, within(TOL));
    double kW = Math.cbrt(aHi / aLo);
    assertThat(b.kW()).isCloseTo(kW, within(TOL));
    assertThat(b.fNc2()).isCloseTo(kW, within(TOL));
    assertThat(b.fNc3()).isCloseTo(2 * kW / (1 + kW * kW), within(TOL));
    assertThat(b.p()).isZero();
    assertThat(b.finite()).isTrue();
  }

  /** Hand-computed values of every intermediate for one non-exact input. */
  @Test
  void intermediatesFollowTheFormulas() {
    AssembledBound b = AssembledBound.of(2, 4, 4, 0.5, 0.01, 1.2, 1.0, 2.0, 0.3);
    double f = 0.25;
    double aLo = 1.5;
    double aHi = Math.min(1.44, Math.sqrt(Math.pow(2 * 2.5, 2) + 0.09));
    double bigDelta = 1.2 * 1.2 * 0.01;
    double delta = bigDelta / (aLo * aLo);
    double wHi = Math.min(1.2, Math.pow(aHi * aHi + bigDelta, 0.25));
    double kA = aHi / aLo;
    double kW = Math.max(1, Math.min(Math.pow((kA * kA + delta) / (1 - delta), 0.25),
        wHi / Math.pow(aLo * aLo - bigDelta, 0.25)));
    double p = Math.sqrt(0.01) * 1.0 / 2;
    assertThat(b.f()).isCloseTo(f, within(TOL));
    assertThat(b.aHi()).isCloseTo(aHi, within(TOL));
    assertThat(b.delta()).isCloseTo(delta, within(TOL));
    assertThat(b.wHi()).isCloseTo(wHi, within(TOL));
    assertThat(b.kW()).isCloseTo(kW, within(TOL));
    assertThat(b.p()).isCloseTo(p, within(TOL));
    assertThat(b.fNc2()).isCloseTo(kW * Math.sqrt(Math.pow(1 + f, 2) + Math.pow(wHi * p, 2)) / (1 - f), within(TOL));
    double align = (kW * kW + 1) / (2 * kW) + kW * f / Math.sqrt(1 - f * f);
    assertThat(b.fNc3()).isCloseTo(1 / Math.hypot(align, wHi * p / (1 - f)), within(TOL));
  }

  @Test
  void theBoundsAreInfiniteOutsideTheirConditions() {
    assertThat(AssembledBound.of(1, 4, 4, 0, 0, 1, 1, 1, 0).finite()).as("L2 = 1").isFalse();
    assertThat(AssembledBound.of(2, 4, 4, 2.0, 0, 1, 1, 1, 0).finite()).as("eps1 = sqrt(n_min)").isFalse();
    AssembledBound big = AssembledBound.of(2, 4, 4, 0, 10, 1, 1, 1, 0);
    assertThat(big.delta()).isGreaterThanOrEqualTo(1);
    assertThat(big.finite()).isFalse();
    assertThat(big.fNc2()).isInfinite();
    assertThat(big.fNc3()).isZero();
  }

  @Test
  void invalidInputsAreRejected() {
    assertThatThrownBy(() -> AssembledBound.of(0, 4, 4, 0, 0, 1, 1, 1, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AssembledBound.of(2, 4, 3, 0, 0, 1, 1, 1, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AssembledBound.of(2, 4, 4, Double.NaN, 0, 1, 1, 1, 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> AssembledBound.of(2, 4, 4, 0, 0, 1, 0, 1, 0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("||Z||_op=0");
    assertThatThrownBy(() -> AssembledBound.of(2, 4, 4, 0, 0, 1, 1, 0.5, 0)).isInstanceOf(InvalidInputException.class);
  }

  /**
   * The NC2 bound is attained: Z = I_N (kappa(Z) = 1), imbalanced classes, the exactly balanced head through
   * A = Y: kappa(A) = sqrt(n_max/n_min) is exactly the bound's kA, and kappa(Mbar_{L-1}) = kappa(W_L) =
   * kA^(1/L2) = F_NC2.
   */
  @Test
  void nc2BoundIsAttainedByOrthonormalFeaturesAndImbalancedClasses() {
    int[] labels = {0, 0, 0, 0, 1, 2, 2};
    DMatrixRMaj y = JswmQuantities.oneHot(labels, 3);
    List<DMatrixRMaj> head = BalancedHead.through(y, new int[] {4, 5}, 3L);
    Measurement m = JswmQuantities.measure(head, CommonOps_DDRM.identity(7), labels, 3, 0.0, 0.0);
    double expected = Math.pow(Math.sqrt(4.0 / 1.0), 1.0 / 3);
    assertThat(m.get(KAPPA_MBAR_PENULT)).isCloseTo(expected, within(1e-9));
    AssembledBound b = AssembledClaim.bound(m);
    assertThat(b.fNc2()).isCloseTo(expected, within(1e-9));
    ClaimResult r = new Nc2AssembledClaim().evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.conclusion().orElseThrow().tightness()).isCloseTo(1.0, within(1e-6));
    assertThat(new Nc2AssembledClaim().strengthened(2).evaluate(m).verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(new Nc3AssembledClaim().evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
  }

  /**
   * Negative control (docs/theory.md section 5: L2 = 1 gives no control): one linear layer W_L = [I_2 0] with
   * kappa(W_L) = 1 fits the class means Mbar = [I_2; b^T] exactly (W_L Mbar = I) while kappa(Mbar) is large;
   * only a second, balanced layer removes the kernel component b. The bound is not finite for L2 = 1.
   */
  @Test
  void aSingleLinearLayerGivesNoControl() {
    DMatrixRMaj means = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {40, 0}});
    double[] s = Dense.singularValues(means);
    assertThat(s[0] / s[1]).isGreaterThan(40);
    assertThat(AssembledBound.of(1, 1, 1, 0, 0, 1, 1, 1, 0).finite()).isFalse();
  }

  @Test
  void claimsAreNotApplicableWithoutAFitOrWithTooMuchImbalance() {
    HeadFixtures.Case c = HeadFixtures.exact(3L, 3, 2, 8, 4);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), 3, 0.0, 0.0);
    Measurement poorFit = m.toBuilder().put(EPS1, 2.0).build();
    for (var claim : List.of(new Nc2AssembledClaim(), new Nc3AssembledClaim())) {
      assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
      ClaimResult r = claim.evaluate(poorFit);
      assertThat(r.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
      assertThat(r.assumptions()).hasSize(2);
      ClaimResult unbalanced = claim.evaluate(m.toBuilder().put(EPS2, 100.0).build());
      assertThat(unbalanced.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
      assertThat(unbalanced.assumptions().get(2).name()).startsWith("delta");
    }
  }

  /** A measured conclusion beyond the bound is reported VIOLATED with the margin of the excess form. */
  @Test
  void aConclusionBeyondTheBoundIsViolated() {
    HeadFixtures.Case c = HeadFixtures.exact(4L, 3, 2, 8, 4);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), 3, 0.0, 0.0);
    double f2 = AssembledClaim.bound(m).fNc2();
    ClaimResult v = new Nc2AssembledClaim().evaluate(m.toBuilder().put(KAPPA_MBAR_PENULT, f2 + 0.5).build());
    assertThat(v.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(v.conclusion().orElseThrow().margin()).isCloseTo(-0.5, within(1e-9));
    double f3 = AssembledClaim.bound(m).fNc3();
    ClaimResult w = new Nc3AssembledClaim().evaluate(m.toBuilder().put(MIN_COS_PENULT, f3 - 0.1).build());
    assertThat(w.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(w.conclusion().orElseThrow().margin()).isCloseTo(-0.1, within(1e-9));
    ClaimResult inf = new Nc2AssembledClaim().evaluate(m.toBuilder().put(KAPPA_MBAR_PENULT,
        Double.POSITIVE_INFINITY).build());
    assertThat(inf.verdict()).as("rank-deficient class means").isEqualTo(Verdict.VIOLATED);
  }
}
