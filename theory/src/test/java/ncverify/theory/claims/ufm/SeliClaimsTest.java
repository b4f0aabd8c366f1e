package ncverify.theory.claims.ufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.geometry.internal.ClassSizes;
import ncverify.theory.geometry.seli.NuclearNormCeOptimum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The [SELI] claims on constructed paths: the exact certified optimum realized as a UFM point (every
 * claim holds, every 2x-too-strong version fails), a point that converged to the simplex ETF instead of
 * SELI (caught), and the cases where nothing is claimed.
 */
class SeliClaimsTest {

  private static final double TOL = 1e-12;
  private static final double[] PATH = {1e-1, 1e-2, 1e-3};
  private static final int[] STEP = {20, 20, 2, 2};
  private static final List<Claim> LIMIT_CLAIMS = List.of(new SeliConvergenceClaim(), new SeliLogitsClaim(),
      new SeliFeatureGramClaim(), new SeliClassMeanGramClaim(), new SeliStepSpectrumClaim());

  /** The certified optimum at each lambda, realized as a UFM point (W = W*, H = Ht* D^{-1/2} Y), r ~ 1e-13. */
  private static Measurement exactPath(int[] sizes, int[] featureSizes) {
    int[] labels = ClassSizes.sortedLabels(sizes);
    List<SeliMeasurement.Point> points = new ArrayList<>();
    NuclearNormCeOptimum warm = null;
    for (double lambda : PATH) {
      NuclearNormCeOptimum o = NuclearNormCeOptimum.solve(featureSizes, lambda, warm);
      warm = o;
      DMatrixRMaj ht = o.ht();
      int k = sizes.length;
      DMatrixRMaj h = new DMatrixRMaj(k, labels.length);
      for (int i = 0; i < labels.length; i++) {
        for (int r = 0; r < k; r++) {
          h.set(r, i, ht.get(r, labels[i]) / Math.sqrt(featureSizes[labels[i]]));
        }
      }
      points.add(new SeliMeasurement.Point(lambda, o.w(), h, o.relativeGradient(), true));
    }
    return SeliMeasurement.of(sizes, labels, points).measurement();
  }

  @Test
  void theCertifiedOptimumSatisfiesEveryLimitClaimAndEveryTwiceTooStrongVersionFails() {
    Measurement m = exactPath(STEP, STEP);
    for (Claim c : LIMIT_CLAIMS) {
      ClaimResult r = c.evaluate(m);
      assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.HOLDS);
      ClaimResult wrong = c.strengthened(2).evaluate(m);
      assertThat(wrong.verdict()).as("2x too strong: %s", wrong).isEqualTo(Verdict.VIOLATED);
    }
    // the binding parts: the rate (at 1e-2 and 1e-3), the certificate at every lambda
    ConclusionCheck c = new SeliConvergenceClaim().evaluate(m).conclusion().orElseThrow();
    long rate = c.parts().stream().filter(p -> p.description().contains("second-order rate")).count();
    long cert = c.parts().stream().filter(p -> p.description().contains("certified optimum")).count();
    long etf = c.parts().stream().filter(p -> p.description().contains("ETF")).count();
    assertThat(rate).isEqualTo(2);
    assertThat(cert).isEqualTo(3);
    assertThat(etf).as("SELI vs ETF judged where Delta > 2 x rate bound").isEqualTo(2);
    assertThat(m.get(SeliConvergenceClaim.certDistName("w", 3))).isLessThan(1e-9);
  }

  @Test
  void aRunThatConvergedToTheEtfIsCaught() {
    // features and classifier of the balanced optimum (simplex ETF) on STEP-imbalanced labels
    Measurement m = exactPath(STEP, new int[] {11, 11, 11, 11});
    ClaimResult r = new SeliConvergenceClaim().evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(r.conclusion().orElseThrow().parts()).filteredOn(p -> p.description().contains("ETF"))
        .isNotEmpty().allSatisfy(p -> assertThat(p.holds()).isFalse());
    assertThat(new SeliStepSpectrumClaim().evaluate(m).verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(new SeliClassMeanGramClaim().evaluate(m).verdict()).isEqualTo(Verdict.VIOLATED);
  }

  @Test
  void nothingIsClaimedForBalancedClassesUncertifiedRunsOrTwoClasses() {
    Measurement balanced = exactPath(new int[] {5, 5, 5}, new int[] {5, 5, 5});
    for (Claim c : LIMIT_CLAIMS) {
      assertThat(c.evaluate(balanced).verdict()).as(c.id()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
    Measurement uncertified = exactPath(STEP, STEP).toBuilder().flag(SeliLimitClaim.CONVERGED, false).build();
    Measurement noReference = exactPath(STEP, STEP).toBuilder().flag(SeliLimitClaim.REFERENCE_CERTIFIED, false).build();
    for (Claim c : LIMIT_CLAIMS) {
      assertThat(c.evaluate(uncertified).verdict()).as(c.id()).isEqualTo(Verdict.NOT_APPLICABLE);
      assertThat(c.evaluate(noReference).verdict()).as(c.id()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
    Measurement two = exactPath(new int[] {9, 2}, new int[] {9, 2});
    assertThat(new SeliConvergenceClaim().evaluate(two).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(new SeliLogitsClaim().evaluate(two).verdict()).isEqualTo(Verdict.HOLDS);
    Measurement random = exactPath(new int[] {7, 3, 1, 2}, new int[] {7, 3, 1, 2});
    assertThat(new SeliStepSpectrumClaim().evaluate(random).verdict()).as("not STEP").isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(new SeliConvergenceClaim().evaluate(random).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void toleranceIsTwiceConditionTimesStationarityPlusTheWithinClassTerm() {
    Measurement m = Measurement.builder().put("w_kappa_1", 2.5).put("rel_grad_1", 1e-4).put("w_within_1", 3e-5)
        .put("lambda_1", 1e-3).put("w_pred_1", 0.1).build();
    SeliConvergenceClaim c = new SeliConvergenceClaim();
    assertThat(c.tau(m, 1)).isCloseTo(2 * 2.5 * 1e-4 + 3e-5 + SeliLimitClaim.ROUNDOFF, within(TOL));
    assertThat(c.rateBound(m, 1)).isCloseTo((1 + 1 / Math.log(1e3)) * 0.1 + c.tau(m, 1), within(TOL));
  }

  @Test
  void aMissingQuantityIsNamed() {
    Measurement m = exactPath(STEP, STEP);
    Measurement.Builder b = Measurement.builder();
    m.quantities().forEach((k, v) -> {
      if (!k.equals("w_pred_2")) {
        b.put(k, v);
      }
    });
    assertThatThrownBy(() -> new SeliConvergenceClaim().evaluate(b.build()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("'w_pred_2'");
  }

  @Test
  void everySeliClaimIsRegistered() {
    assertThat(ClaimRegistry.standard().ids()).contains(SeliConvergenceClaim.ID, SeliBalancedEtfClaim.ID,
        SeliLogitsClaim.ID, SeliFeatureGramClaim.ID, SeliClassMeanGramClaim.ID, SeliStepSpectrumClaim.ID);
  }

  // ---- seli.balanced_etf --------------------------------------------------------------------------

  private static Measurement seliEtf(boolean balanced, boolean converged, double etfDist) {
    return Measurement.builder().flag(SeliBalancedEtfClaim.BALANCED, balanced)
        .flag(SeliBalancedEtfClaim.CONVERGED, converged).put(SeliBalancedEtfClaim.ETF_DIST, etfDist)
        .put(SeliBalancedEtfClaim.ORTHO_DIST, 0.5).build();
  }

  @Test
  void seliBalancedEtfAllowsOnlyOptimizationErrorAndItsWrongGeometryFails() {
    SeliBalancedEtfClaim claim = new SeliBalancedEtfClaim();
    assertThat(claim.id()).isEqualTo("seli.balanced_etf");
    // balanced classes: the optimum is exactly the simplex ETF, measured distances ~1e-15..1e-11
    assertThat(claim.evaluate(seliEtf(true, true, 1e-11)).verdict()).isEqualTo(Verdict.HOLDS);
    ClaimResult far = claim.evaluate(seliEtf(true, true, 1e-3));
    assertThat(far.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(far.conclusion().orElseThrow().margin()).isCloseTo(1e-6 - 1e-3, within(TOL));
    // imbalanced classes (SELI is not the ETF there) or an unconverged path: nothing claimed
    assertThat(claim.evaluate(seliEtf(false, true, 0.3)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(claim.evaluate(seliEtf(true, false, 0.3)).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    // the wrong version claims the orthogonal frame, which the ETF is not
    assertThat(claim.strengthened(2).evaluate(seliEtf(true, true, 1e-11)).verdict()).isEqualTo(Verdict.VIOLATED);
  }

  /** Centering of an ETF check: the realized ETF point really is the ETF (guards the construction above). */
  @Test
  void theBalancedOptimumIsTheEtf() {
    NuclearNormCeOptimum o = NuclearNormCeOptimum.solve(new int[] {11, 11, 11, 11}, 1e-2);
    DMatrixRMaj g = new DMatrixRMaj(4, 4);
    CommonOps_DDRM.multTransB(o.w(), o.w(), g);
    assertThat(ncverify.theory.linalg.Norms.ndist(g, ncverify.theory.geometry.SimplexEtf.gram(4))).isLessThan(1e-10);
  }
}
