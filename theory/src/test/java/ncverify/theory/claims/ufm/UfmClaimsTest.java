package ncverify.theory.claims.ufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

/** The caller-measured [DLN], [DUFM], [DUFM2] claims, on the reference numbers of docs/theory.md ([SELI]: SeliClaimsTest). */
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

  @Test
  void minorityCollapseMismatchCount() {
    DlnMinorityCollapseClaim claim = new DlnMinorityCollapseClaim();
    Measurement ok = Measurement.builder().put(DlnMinorityCollapseClaim.MISMATCHES, 0)
        .flag(DlnMinorityCollapseClaim.CONVERGED, true).build();
    assertThat(claim.evaluate(ok).verdict()).isEqualTo(Verdict.HOLDS);
    ClaimResult r = claim.evaluate(ok.toBuilder().put(DlnMinorityCollapseClaim.MISMATCHES, 2).build());
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(r.conclusion().orElseThrow().margin()).isEqualTo(-2.0);
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
        .put(DncNotOptimalClaim.LOW_RANK_LOSS, lowRank).put(DncNotOptimalClaim.DNC_LOSS, dnc).build();
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

  private static Measurement dlnGram(boolean atOptimum, double gramError, double gradTol, double minLambda) {
    return Measurement.builder().flag(DlnGramClaim.AT_OPTIMUM, atOptimum).put(DlnGramClaim.GRAM_ERROR, gramError)
        .put(DlnGramClaim.GRAD_TOL, gradTol).put(DlnGramClaim.MIN_LAMBDA, minLambda).build();
  }

  @Test
  void dlnGramBoundIsTheOptimizerPrecisionWithARoundOffFloor() {
    DlnGramClaim claim = new DlnGramClaim();
    assertThat(claim.id()).isEqualTo("dln.gram_closed_form");
    // grad_tol 1e-9 at min lambda 1e-3: allowed error 100 x 1e-9 / 1e-3 = 1e-4
    assertThat(claim.evaluate(dlnGram(true, 5e-5, 1e-9, 1e-3)).verdict()).isEqualTo(Verdict.HOLDS);
    ClaimResult off = claim.evaluate(dlnGram(true, 3e-4, 1e-9, 1e-3));
    assertThat(off.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(off.conclusion().orElseThrow().margin()).isCloseTo(1e-4 - 3e-4, within(TOL));
    // a tiny grad_tol leaves the round-off floor 1e-8
    assertThat(claim.evaluate(dlnGram(true, 5e-9, 1e-14, 1.0)).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(claim.evaluate(dlnGram(true, 2e-8, 1e-14, 1.0)).verdict()).isEqualTo(Verdict.VIOLATED);
    // not at the optimum (or an ambiguous class): nothing claimed
    assertThat(claim.evaluate(dlnGram(false, 1.0, 1e-9, 1e-3)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }
}
