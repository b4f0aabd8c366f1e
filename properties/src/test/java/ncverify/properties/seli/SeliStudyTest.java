package ncverify.properties.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.gen.UfmGens;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

class SeliStudyTest {

  private static final double TOL = 1e-12;
  /** Distance of a certified stationary point to an exactly reachable geometry: optimizer error only. */
  private static final double AT_SELI = 1e-6;

  @Test
  void slopeIsExactOnDistancesLinearInLogInverseLambda() {
    List<Double> lambdas = List.of(1e-1, 1e-2, 1e-3);
    double[] dist = new double[3];
    for (int i = 0; i < 3; i++) {
      dist[i] = 0.5 - 0.02 * Math.log(1 / lambdas.get(i));
    }
    assertThat(SeliStudy.slope(lambdas, dist)).isCloseTo(-0.02, within(TOL));
  }

  @Test
  void decreasingMeansStrictlyBelowThePreviousValue() {
    assertThat(SeliStudy.decreasing(new double[] {0.3, 0.2, 0.1})).isTrue();
    assertThat(SeliStudy.decreasing(new double[] {0.3, 0.3, 0.1})).isFalse();
    assertThat(SeliStudy.decreasing(new double[] {0.3})).isTrue();
  }

  @Test
  void twoClassesAreAtSeliForAnyImbalanceAndOnlyTheLogitsClaimApplies() {
    // K = 2: Zhat has rank 1, so SELI is the antipodal pair whatever n_0/n_1 (same as the ETF)
    SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.RANDOM, List.of(7, 2)), 2, List.of(1e-1, 1e-2));
    var out = new SeliStudy().run(c, 3);
    for (double d : (double[]) out.observations().get("w_dist")) {
      assertThat(d).isLessThan(AT_SELI);
    }
    for (ClaimResult r : out.results()) {
      assertThat(r.verdict()).as(r.toString())
          .isEqualTo(r.id().equals("seli.logits") ? Verdict.HOLDS : Verdict.NOT_APPLICABLE);
    }
    assertThat(out.measurements()).containsKeys("seli.convergence", "seli.logits", "seli.step_spectrum");
  }

  @Test
  void theBalancedStudyJudgesTheEtfClaimOnBalancedClassesOnly() {
    SeliBalancedStudy study = new SeliBalancedStudy();
    java.util.Random rng = new java.util.Random(3);
    for (int i = 0; i < 50; i++) {
      SeliCase c = study.cases().generate(new ChoiceSource(ChoiceSource.Mode.RANDOM, rng.nextLong()));
      assertThat(c.sizes().sizes().stream().distinct().count()).isEqualTo(1);
    }
    var out = study.run(new SeliCase(new UfmGens.Sizes(UfmGens.Profile.BALANCED, List.of(3, 3, 3)), 4,
        List.of(1e-1, 1e-2)), 1);
    assertThat(out.results()).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.HOLDS));
    for (double d : (double[]) out.observations().get("dist_orthogonal_frame")) {
      assertThat(d).isGreaterThan(0.1);
    }
  }

  @Test
  void generatedSizesReachRatioOneHundredAndTenClasses() {
    SeliStudy study = new SeliStudy();
    double maxRatio = 0;
    int maxK = 0;
    java.util.Random rng = new java.util.Random(5);
    for (int i = 0; i < 400; i++) {
      SeliCase c = study.cases().generate(new ChoiceSource(ChoiceSource.Mode.RANDOM, rng.nextLong()));
      maxRatio = Math.max(maxRatio, c.sizes().ratio());
      maxK = Math.max(maxK, c.k());
      assertThat(c.sizes().sizes()).allSatisfy(n -> assertThat(n).isBetween(1, SeliStudy.N_MAX));
      assertThat(c.sizes().profile()).isNotEqualTo(UfmGens.Profile.BALANCED);
    }
    assertThat(maxK).isEqualTo(SeliStudy.K_MAX);
    assertThat(maxRatio).isGreaterThanOrEqualTo(50);
  }
}
