package ncverify.theory.claims.ufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.ReferenceValues;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

/** The caller-measured [DLN], [DUFM], [DUFM2] claims ([SELI]: SeliClaimsTest), on the reference numbers of docs/theory.md. */
class UfmClaimsTest {

  private static final double TOL = 1e-12;

  @Test
  void dlnOptimumNeverBelowTheClosedForm() {
    DlnOptimumClaim claim = new DlnOptimumClaim();
    Measurement at = Measurement.builder().put(DlnOptimumClaim.REACHED_LOSS, 0.25 + 1e-8)
        .put(DlnOptimumClaim.CLOSED_FORM_LOSS, 0.25).flag(DlnOptimumClaim.CONVERGED, true).build();
    assertThat(claim.evaluate(at).verdict()).isEqualTo(Verdict.HOLDS);
    Measurement below = at.toBuilder().put(DlnOptimumClaim.REACHED_LOSS, 0.24).build();
    ClaimResult r = claim.evaluate(below);
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(-0.01, within(TOL));
    assertThat(claim.evaluate(below.toBuilder().flag(DlnOptimumClaim.CONVERGED, false).build()).verdict())
        .isEqualTo(Verdict.NOT_APPLICABLE);
  }

  /** M = 2 (threshold 0.5): classes at b/n_k = 0.3 (alive), 0.6 (zero), 0.55 (ambiguous, ignored). */
  private static Measurement collapse(boolean c0, boolean c1, boolean c2) {
    Measurement.Builder b = Measurement.builder().put(DlnMinorityCollapseClaim.K, 3)
        .put(DlnMinorityCollapseClaim.DEPTH, 2).flag(DlnMinorityCollapseClaim.CONVERGED, true);
    double[] ratio = {0.3, 0.6, 0.55};
    boolean[] collapsed = {c0, c1, c2};
    for (int k = 0; k < 3; k++) {
      b.put(DlnMinorityCollapseClaim.ratioName(k), ratio[k]).flag(DlnMinorityCollapseClaim.collapsedName(k),
          collapsed[k]).flag(DlnMinorityCollapseClaim.ambiguousName(k), k == 2);
    }
    return b.build();
  }

  @Test
  void minorityCollapsePutsEveryClassOnTheSideOfTheThresholdItsTrainedStateSays() {
    DlnMinorityCollapseClaim claim = new DlnMinorityCollapseClaim();
    assertThat(DlnMinorityCollapseClaim.threshold(2)).isCloseTo(0.5, within(TOL));
    assertThat(DlnMinorityCollapseClaim.threshold(3)).isCloseTo(ReferenceValues.DLN_COLLAPSE_THRESHOLD_M3, within(1e-6));
    assertThat(DlnMinorityCollapseClaim.threshold(1)).isEqualTo(1.0);
    ClaimResult ok = claim.evaluate(collapse(false, true, false));
    assertThat(ok.verdict()).isEqualTo(Verdict.HOLDS);
    // closest approach to t = 0.5: class 0 alive at 0.3 (0.3/0.5), class 1 zero at 0.6 (0.5/0.6)
    assertThat(ok.conclusion().orElseThrow().tightness()).isCloseTo(0.5 / 0.6, within(TOL));
    assertThat(claim.evaluate(collapse(false, true, true)).verdict()).isEqualTo(Verdict.HOLDS);
    ClaimResult r = claim.evaluate(collapse(true, false, false));
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    // class 0 (0.3) trained zero and class 1 (0.6) trained alive are both on the wrong side; the first binds
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(-0.2, within(TOL));
    assertThat(r.conclusion().orElseThrow().parts()).filteredOn(p -> !p.holds()).hasSize(2);
    // the wrong version (threshold x 2 = 1.0) expects class 1 alive
    assertThat(claim.strengthened(2).evaluate(collapse(false, true, false)).verdict()).isEqualTo(Verdict.VIOLATED);
    Measurement unconverged = collapse(true, true, true).toBuilder().flag(DlnMinorityCollapseClaim.CONVERGED, false)
        .build();
    assertThat(claim.evaluate(unconverged).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }

  @Test
  void binaryDncOptimal() {
    BinaryDncOptimalClaim claim = new BinaryDncOptimalClaim();
    Measurement m = Measurement.builder().put(BinaryDncOptimalClaim.K, 2).put(BinaryDncOptimalClaim.REACHED_LOSS, 0.2)
        .put(BinaryDncOptimalClaim.DNC_LOSS, 0.2).build();
    assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(claim.evaluate(m.toBuilder().put(BinaryDncOptimalClaim.REACHED_LOSS, 0.19).build()).verdict())
        .isEqualTo(Verdict.VIOLATED);
    assertThat(claim.evaluate(m.toBuilder().put(BinaryDncOptimalClaim.K, 3).build()).verdict())
        .isEqualTo(Verdict.NOT_APPLICABLE);
  }

  private static Measurement dufm(int k, int l, double lowRank, double dnc) {
    return Measurement.builder().put(DncNotOptimalClaim.K, k).put(DncNotOptimalClaim.L, l)
        .put(DncNotOptimalClaim.LOW_RANK_LOSS, lowRank).put(DncNotOptimalClaim.DNC_LOSS, dnc)
        .put(DncNotOptimalClaim.GD_LOSS, Double.POSITIVE_INFINITY).build();
  }

  @Test
  void dncNotOptimalOnTheReferenceNumbers() {
    DncNotOptimalClaim claim = new DncNotOptimalClaim();
    // docs/theory.md section 4, lambda = 0.004, n = 1
    assertThat(claim.evaluate(dufm(10, 4, 0.080911332, 0.099179875)).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(claim.evaluate(dufm(10, 3, 0.072893892, 0.079183324)).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(claim.evaluate(dufm(6, 4, 0.057525025, 0.059707736)).verdict()).isEqualTo(Verdict.HOLDS);
    // outside the regime: L = 2, and K = 6 with L = 3 (the construction is worse there)
    assertThat(claim.evaluate(dufm(10, 2, 0.0624, 0.059189)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(claim.evaluate(dufm(6, 3, 0.07, 0.06)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    // DNC collapsed to zero (loss 1/2): nothing claimed
    assertThat(claim.evaluate(dufm(10, 4, 0.45, 0.5)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    // a tie is a violation of the strict inequality
    ClaimResult tie = claim.evaluate(dufm(10, 4, 0.09, 0.09));
    assertThat(tie.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(tie.conclusion().orElseThrow().margin()).isZero();
  }
}
