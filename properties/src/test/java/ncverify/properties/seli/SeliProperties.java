package ncverify.properties.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.theory.linalg.blas.Backends;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.gen.UfmGens;
import ncverify.properties.study.StudyOutcome;
import ncverify.properties.study.StudyProperty;
import ncverify.theory.ReferenceValues;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.ufm.SeliConvergenceClaim;
import ncverify.theory.geometry.StepImbalance;
import org.junit.jupiter.api.Test;

/**
 * [SELI] properties (docs/theory.md section 2): the ridge-path study over generated cases, the reference
 * table of docs/theory.md, and how the distance at a fixed lambda worsens with the imbalance ratio R.
 */
class SeliProperties {

  private static final boolean EXHAUSTIVE = Boolean.getBoolean("ncverify.exhaustive");
  /** docs/theory.md's reference values are given to 3 decimals (+-5e-4); the rest is optimizer error. */
  private static final double REFERENCE_TOL = 1e-3;
  /** Path of docs/theory.md's reference table. */
  private static final List<Double> REFERENCE_LAMBDAS =
      java.util.Arrays.stream(ReferenceValues.seliRateLambdas()).boxed().toList();
  /** docs/theory.md: K = 4, R = 10, rho = 1/2, n_min = 5, d = 16: ndist(G_W) at lambda = 1e-1..1e-5. */
  private static final double[] REFERENCE_DIST = ReferenceValues.seliRateDistances();
  /** The pinned counterexample's distance (0.1056) must clear 0.1 by more than optimizer error (~1e-4). */
  private static final double PINNED_MARGIN = 2e-3;

  @Test
  void ridgePathConvergesToSeli() {
    SeliStudy study = new SeliStudy();
    PropertyResult r = StudyProperty.check(study, PropertyConfig.defaults().withTries(EXHAUSTIVE ? 300 : 60)
        .withThreadSafe(true).withThreads(2).withTargetTries(EXHAUSTIVE ? 60 : 10));
    r.orThrow();
  }

  @Test
  void reproducesTheoryReferenceTable() {
    StepImbalance step = new StepImbalance(4, 10, 0.5, 5);
    SeliStudy study = new SeliStudy(4, REFERENCE_LAMBDAS,
        new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best()));
    SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.STEP,
        java.util.Arrays.stream(step.classSizes()).boxed().toList()), 16, REFERENCE_LAMBDAS);
    SeliStudy.Path path = study.trace(c, 1);
    assertThat(path.converged()).as("every lambda certified stationary").isTrue();
    for (double v : path.dualCertificate()) {
      assertThat(v).as("convex dual certificate ||grad CE||_op / lambda: global optimum")
          .isBetween(1 - SeliStudy.CERTIFICATE_TOL, 1 + SeliStudy.CERTIFICATE_TOL);
    }
    System.out.println("SELI reference: certificates " + java.util.Arrays.toString(path.dualCertificate()));
    for (int i = 0; i < REFERENCE_DIST.length; i++) {
      assertThat(path.distW()[i]).as("ndist(G_W) at lambda %s", REFERENCE_LAMBDAS.get(i))
          .isCloseTo(REFERENCE_DIST[i], within(REFERENCE_TOL));
    }
    for (int i = 1; i < REFERENCE_DIST.length; i++) {
      assertThat(path.distH()[i]).as("ndist(G_H) decreases").isLessThan(path.distH()[i - 1]);
      assertThat(path.distM()[i]).as("ndist(G_M) decreases").isLessThan(path.distM()[i - 1]);
      assertThat(path.distZ()[i]).as("ndist(W H, Zhat) decreases").isLessThan(path.distZ()[i - 1]);
    }
  }

  @Test
  void distanceGrowsWithImbalanceRatio() {
    List<Double> lambdas = List.of(1e-1, 1e-2, 1e-3);
    SeliStudy study = new SeliStudy(4, lambdas,
        new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best()));
    int[] ratios = {1, 2, 5, 10, 20};
    double previous = -1;
    StringBuilder table = new StringBuilder("K=4 rho=1/2 n_min=1 d=8: R, ndist(G_W) at 1e-1/1e-2/1e-3, slope per ln(1/lambda)\n");
    for (int r : ratios) {
      StepImbalance step = new StepImbalance(4, r, 0.5, 1);
      SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.STEP,
          java.util.Arrays.stream(step.classSizes()).boxed().toList()), 8, lambdas);
      SeliStudy.Path path = study.trace(c, 3);
      assertThat(path.converged()).isTrue();
      double last = path.distW()[2];
      table.append(String.format(java.util.Locale.ROOT, "  R=%2d  %.4f %.4f %.4f  slope %.5f%n", r, path.distW()[0],
          path.distW()[1], last, SeliStudy.slope(lambdas, path.distW())));
      if (r == 1) {
        assertThat(last).as("balanced: SELI is the ETF, reached exactly").isLessThan(1e-6);
      } else {
        assertThat(last).as("distance at lambda 1e-3 grows with R").isGreaterThan(previous);
      }
      previous = last;
    }
    System.out.print(table);
  }

  /**
   * Finding (reports/FINDINGS.md, section seli.convergence): the fixed threshold 0.1 of
   * {@code seli.convergence} at lambda = 1e-3 is not uniform in K and R. K = 7 with 2 minority classes
   * of n_min = 1 and 5 majority classes of R = 100: the distance still decreases along the path, but is
   * 0.1056 at lambda = 1e-3, so the claim is VIOLATED by its smallness part only. Corrected claim: the
   * decrease holds; the distance at a given lambda grows with K and R (saturating in R), so a fixed
   * threshold needs a smaller lambda (exhaustive run: below 0.1 at 1e-4).
   */
  @Test
  void fixedThresholdAtLambda1e3FailsForSevenClassesAndRatio100() {
    List<Double> lambdas = EXHAUSTIVE ? List.of(1e-1, 1e-2, 1e-3, 1e-4) : List.of(1e-1, 1e-2, 1e-3);
    SeliStudy study = new SeliStudy(7, lambdas,
        new CeUfmSolver(500, 1_000_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best()));
    List<Integer> sizes = List.of(100, 100, 100, 100, 100, 1, 1);
    SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.STEP, sizes), 9, lambdas);
    StudyOutcome out = study.run(c, 5);
    double[] dist = (double[]) out.observations().get("dist_gram_w");
    assertThat(out.observations().get("converged")).isEqualTo(true);
    for (int i = 1; i < lambdas.size(); i++) {
      assertThat(dist[i]).as("decreasing along the path").isLessThan(dist[i - 1]);
    }
    assertThat(dist[2]).as("ndist(G_W) at lambda 1e-3 exceeds the claim's 0.1")
        .isGreaterThan(SeliConvergenceClaim.DEFAULT_THRESHOLD + PINNED_MARGIN);
    if (EXHAUSTIVE) {
      assertThat(dist[3]).as("below 0.1 one decade later").isLessThan(SeliConvergenceClaim.DEFAULT_THRESHOLD);
      return;
    }
    ClaimResult r = out.results().get(0);
    assertThat(r.id()).isEqualTo("seli.convergence");
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(r.conclusion().orElseThrow().parts()).filteredOn(p -> !p.holds()).hasSize(1)
        .allSatisfy(p -> assertThat(p.description()).contains("(ours)"));
  }
}
