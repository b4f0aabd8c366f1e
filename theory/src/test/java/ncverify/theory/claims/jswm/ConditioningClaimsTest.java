package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The [JSWM] NC2/NC3-from-conditioning claims and the balanced-spectrum lemma. */
class ConditioningClaimsTest {

  private static final double TOL = 1e-10;

  private static Measurement measure(HeadFixtures.Case c) {
    return JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
  }

  @Test
  void exactCaseSatisfiesEveryConditioningClaimWithTheExactEqualities() {
    HeadFixtures.Case c = HeadFixtures.exact(31L, 3, 4, 20, 6);
    Measurement m = measure(c);
    for (Claim claim : List.of(new HeadConditioningClaim(), new PenultimateNc2Claim(), new Nc3CosineClaim(),
        new BalancedSpectrumClaim(), new BalancedSpectrumExactClaim())) {
      assertThat(claim.evaluate(m).verdict()).as(claim.id()).isEqualTo(Verdict.HOLDS);
    }
    // exact case: kappa(Mbar_{L-1}) = kappa(W_L) and the penultimate bound is an equality
    ClaimResult nc2 = new PenultimateNc2Claim().evaluate(m);
    assertThat(nc2.conclusion().orElseThrow().margin()).isCloseTo(0.0, within(TOL));
  }

  @Test
  void perturbedHeadsNeverViolate() {
    List<Claim> claims = List.of(new HeadConditioningClaim(), new PenultimateNc2Claim(), new Nc3CosineClaim(),
        new BalancedSpectrumClaim(), new BalancedSpectrumExactClaim());
    int applicableKappaA = 0;
    int applicablePenult = 0;
    for (long seed = 0; seed < 15; seed++) {
      HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(200 + seed, 3, 4, 16, 6, 5), 0.03, seed);
      Measurement m = measure(c);
      for (Claim claim : claims) {
        ClaimResult r = claim.evaluate(m);
        assertThat(r.verdict()).as("seed %d %s", seed, r).isNotEqualTo(Verdict.VIOLATED);
      }
      applicableKappaA += new HeadConditioningClaim().evaluate(m).verdict() == Verdict.HOLDS ? 1 : 0;
      applicablePenult += new PenultimateNc2Claim().evaluate(m).verdict() == Verdict.HOLDS ? 1 : 0;
      // exact-case claims do not apply to perturbed heads
      assertThat(new Nc3CosineClaim().evaluate(m).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
      assertThat(new BalancedSpectrumExactClaim().evaluate(m).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
    assertThat(applicableKappaA).isEqualTo(15);
    assertThat(applicablePenult).isEqualTo(15);
  }

  @Test
  void rowSpaceOutsideTheFeaturesIsNotApplicable() {
    HeadFixtures.Case c = HeadFixtures.exact(41L, 3, 4, 20, 6);
    // add to the first head layer a component orthogonal to col(Z): outputs unchanged, row(A) leaves col(Z)
    DMatrixRMaj w1 = c.head().get(0).copy();
    DMatrixRMaj pz = Dense.columnProjector(c.zIn());
    DMatrixRMaj e = HeadFixtures.gaussian(w1.numRows, w1.numCols, 0.1, new java.util.Random(43L));
    DMatrixRMaj outside = e.copy();
    CommonOps_DDRM.subtractEquals(outside, HeadFixtures.mult(e, pz));
    CommonOps_DDRM.addEquals(w1, outside);
    Measurement m = JswmQuantities.measure(List.of(w1, c.head().get(1)), c.zIn(), c.labels(), 3, 0.0, 0.0);
    assertThat(m.get(ROW_A_OUTSIDE_COL_Z)).isGreaterThan(1e-3);
    assertThat(m.get(EPS1)).as("Z is untouched by the outside part").isLessThan(1e-10);
    assertThat(new HeadConditioningClaim().evaluate(m).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }

  /**
   * K = 2, one sample per class, Z_{L1} = I, W_L = R45 diag(1, kappa), W_{L-1} = W_L^{-1}: then
   * Mbar_{L-1} = W_L^{-1} and cos(mu_k, w_k) = 2 kappa/(1 + kappa^2) exactly (Kantorovich equality).
   */
  @Test
  void nc3CosineBoundIsAttained() {
    double kappa = 3.0;
    double h = Math.sqrt(0.5);
    DMatrixRMaj rot = new DMatrixRMaj(new double[][] {{h, -h}, {h, h}});
    DMatrixRMaj wL = HeadFixtures.mult(rot, new DMatrixRMaj(new double[][] {{1, 0}, {0, kappa}}));
    DMatrixRMaj wPrev = new DMatrixRMaj(2, 2);
    CommonOps_DDRM.invert(wL, wPrev);
    Measurement m = JswmQuantities.measure(List.of(wPrev, wL), CommonOps_DDRM.identity(2), new int[] {0, 1}, 2,
        0.0, 0.0);
    double expected = 2 * kappa / (1 + kappa * kappa);
    assertThat(m.get(MIN_COS_PENULT)).isCloseTo(expected, within(TOL));
    ClaimResult r = new Nc3CosineClaim().evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(0.0, within(TOL));
    // claiming a better alignment than Kantorovich allows is caught
    Measurement wrong = m.toBuilder().put(KAPPA_WL, 2.0).build();
    ClaimResult v = new Nc3CosineClaim().evaluate(wrong);
    assertThat(v.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(v.conclusion().orElseThrow().margin()).isCloseTo(expected - 0.8, within(TOL));
  }

  @Test
  void deeperBalancedHeadsConditionEachLayerBetter() {
    // same A (same features, labels, seed), heads of depth 2 and 4: kappa(W_L) = kappa(A)^{1/L2}
    Measurement two = measure(HeadFixtures.exact(51L, 3, 4, 20, 6));
    Measurement four = measure(HeadFixtures.exact(51L, 3, 4, 20, 6, 6, 6));
    assertThat(two.get(KAPPA_A)).isCloseTo(four.get(KAPPA_A), within(1e-8 * two.get(KAPPA_A)));
    assertThat(two.get(KAPPA_WL)).isCloseTo(Math.sqrt(two.get(KAPPA_A)), within(1e-8));
    assertThat(four.get(KAPPA_WL)).isCloseTo(Math.pow(four.get(KAPPA_A), 0.25), within(1e-8));
    assertThat(four.get(KAPPA_WL)).isLessThan(two.get(KAPPA_WL));
  }

  @Test
  void wrongKappaIsViolatedWithTheRightMarginSign() {
    Measurement m = measure(HeadFixtures.exact(61L, 3, 4, 20, 6));
    HeadConditioningClaim claim = new HeadConditioningClaim();
    double bound = claim.conclusion(m).bound();
    ClaimResult v = claim.evaluate(m.toBuilder().put(KAPPA_A, bound + 1.0).build());
    assertThat(v.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(v.conclusion().orElseThrow().margin()).isCloseTo(-1.0, within(TOL));
    ClaimResult s = new BalancedSpectrumClaim().evaluate(m.toBuilder().put(SPECTRUM_SQ_DIFF, 1.0)
        .put(SPECTRUM_PAIR_D_OP, 0.25).build());
    assertThat(s.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(s.conclusion().orElseThrow().margin()).isCloseTo(-0.75, within(TOL));
  }

  /**
   * Finding F2 (reports/FINDINGS.md): "exact balance" eps2 <= 1e-10 r^2 leaves singular values up to
   * sqrt(eps2) outside rank(A) (Weyl), far above the 1e-10 rank cutoff. Closed form: W_1 = diag(3, 1, e),
   * W_2 = [diag(3, 1) 0], e = 1e-7, so D = diag(0, 0, -e^2), eps2 = 1e-14 <= 1e-10 r^2 = 9e-10, A = diag(9, 1)
   * padded, kappa(A)^{1/2} = 3 = s_1/s_2 of both layers; kappa(W_1) over all its non-zero singular values
   * would be 3e7.
   */
  @Test
  void exactSpectrumClaimReadsTheRankOfALeadingSingularValues() {
    double e = 1e-7;
    DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 1, 0}, {0, 0, e}});
    DMatrixRMaj w2 = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, 1, 0}});
    DMatrixRMaj zIn = new DMatrixRMaj(new double[][] {{1.0 / 9, 0}, {0, 1}, {0.5, 0.5}});
    Measurement m = JswmQuantities.measure(List.of(w1, w2), zIn, new int[] {0, 1}, 2, 0.0, 0.0);
    assertThat(m.get(EPS2)).isCloseTo(e * e, within(1e-20));
    assertThat(m.get(KAPPA_A)).isCloseTo(9.0, within(TOL));
    assertThat(m.get(KAPPA_W_REL_DEV)).isLessThan(TOL);
    assertThat(new BalancedSpectrumExactClaim().evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
  }
}
