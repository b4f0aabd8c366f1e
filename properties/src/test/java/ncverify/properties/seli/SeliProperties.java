package ncverify.properties.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.engine.PropertyRunner;
import ncverify.properties.gen.UfmGens;
import ncverify.properties.study.Falsifiability;
import ncverify.properties.study.RecordingStudy;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.properties.study.StudyProperty;
import ncverify.theory.ReferenceValues;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.claims.ufm.SeliLimitClaim;
import ncverify.theory.geometry.StepImbalance;
import ncverify.theory.geometry.seli.ClassLogitGeometry;
import ncverify.theory.geometry.seli.NuclearNormCeOptimum;
import ncverify.theory.geometry.seli.SeliSecondOrder;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.blas.Backends;
import org.junit.jupiter.api.Test;

/**
 * [SELI] properties (docs/theory.md section 2, docs/derivations/seli.md): the ridge-path study over
 * generated cases with the definition of done of every SELI claim (holds where applicable, applicable
 * often enough, wrong version caught), the reference table of docs/theory.md, how the distance at a fixed
 * lambda grows with the imbalance ratio R, and the former fixed-threshold finding, rediscovered by
 * generation and superseded by the rate-based encoding.
 */
class SeliProperties {

  private static final boolean EXHAUSTIVE = Study.exhaustive();
  /** docs/theory.md's reference values are given to 3 decimals (+-5e-4); the rest is optimizer error. */
  private static final double REFERENCE_TOL = 1e-3;
  /** Path of docs/theory.md's reference table. */
  private static final List<Double> REFERENCE_LAMBDAS = Arrays.stream(ReferenceValues.seliRateLambdas()).boxed().toList();
  /** docs/theory.md: K = 4, R = 10, rho = 1/2, n_min = 5, d = 16: ndist(G_W) at lambda = 1e-1..1e-5. */
  private static final double[] REFERENCE_DIST = ReferenceValues.seliRateDistances();
  /** The project's former threshold of seli.convergence at lambda = 1e-3 (reports/FINDINGS.md). */
  private static final double FORMER_THRESHOLD = 0.1;

  private static CeUfmSolver solver() {
    return new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best());
  }

  /**
   * The suite's study: K up to 6 and n_k up to 30 (the campaign's runs K up to 10 and n_k up to 100 with
   * fewer tries; the exhaustive profile runs the campaign's).
   */
  private static SeliStudy suiteStudy() {
    return EXHAUSTIVE ? new SeliStudy() : new SeliStudy(6, 30, SeliStudy.DEFAULT_LAMBDAS, solver());
  }

  @Test
  void everySeliClaimHoldsAlongTheRidgePathAndItsWrongVersionIsCaught() {
    RecordingStudy<SeliCase> study = new RecordingStudy<>(suiteStudy());
    PropertyResult r = StudyProperty.check(study, PropertyConfig.defaults().withTries(EXHAUSTIVE ? 60 : 32)
        .withThreadSafe(true).withThreads(2).withTargetTries(EXHAUSTIVE ? 20 : 4));
    List<StudyOutcome> outs = study.outcomes();
    System.out.println(observationSummary(outs));
    r.orThrow();
    List<Claim> claims = study.claimIds().stream().map(ClaimRegistry.standard()::get).toList();
    for (Falsifiability.Report report : Falsifiability.judgeAll(claims, outs)) {
      System.out.println("[SELI] " + report);
      assertThat(report.caught()).as(report.toString()).isTrue();
    }
  }

  @Test
  void balancedClassesGiveTheSimplexEtfAtEveryRidgeAndTheOrthogonalFrameIsCaught() {
    SeliBalancedStudy inner = EXHAUSTIVE ? new SeliBalancedStudy()
        : new SeliBalancedStudy(6, 30, SeliStudy.DEFAULT_LAMBDAS, solver());
    RecordingStudy<SeliCase> study = new RecordingStudy<>(inner);
    StudyProperty.check(study, PropertyConfig.defaults().withTries(EXHAUSTIVE ? 30 : 8).withThreadSafe(true)
        .withThreads(2).withTargetTries(0)).orThrow();
    Falsifiability.Report report = Falsifiability.judgeStrengthened(
        ClaimRegistry.standard().get(ncverify.theory.claims.ufm.SeliBalancedEtfClaim.ID), study.outcomes());
    System.out.println("[SELI] " + report);
    assertThat(report.caught()).as(report.toString()).isTrue();
  }

  @Test
  void reproducesTheoryReferenceTable() {
    StepImbalance step = new StepImbalance(4, 10, 0.5, 5);
    SeliStudy study = new SeliStudy(4, 50, REFERENCE_LAMBDAS, solver());
    SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.STEP,
        Arrays.stream(step.classSizes()).boxed().toList()), 16, REFERENCE_LAMBDAS);
    SeliStudy.Path path = study.trace(c, 1);
    assertThat(path.converged()).as("every lambda certified stationary").isTrue();
    for (double v : path.dualCertificate()) {
      assertThat(v).as("convex dual certificate ||grad CE||_op / lambda: global optimum")
          .isBetween(1 - SeliStudy.CERTIFICATE_TOL, 1 + SeliStudy.CERTIFICATE_TOL);
    }
    double[] distW = path.measurement().series("w_dist");
    for (int i = 0; i < REFERENCE_DIST.length; i++) {
      assertThat(distW[i]).as("ndist(G_W) at lambda %s", REFERENCE_LAMBDAS.get(i))
          .isCloseTo(REFERENCE_DIST[i], within(REFERENCE_TOL));
    }
    double[] certDist = path.measurement().series("w_cert_dist");
    double[] tau = path.measurement().series("w_tau");
    for (int i = 0; i < REFERENCE_DIST.length; i++) {
      assertThat(certDist[i]).as("trained G_W = certified optimum at lambda %s", REFERENCE_LAMBDAS.get(i))
          .isLessThanOrEqualTo(tau[i]);
    }
  }

  @Test
  void distanceGrowsWithImbalanceRatio() {
    List<Double> lambdas = SeliStudy.DEFAULT_LAMBDAS;
    SeliStudy study = new SeliStudy(4, 20, lambdas, solver());
    int[] ratios = {1, 2, 5, 10, 20};
    double previous = -1;
    StringBuilder table = new StringBuilder(
        "K=4 rho=1/2 n_min=1 d=8: R, ndist(G_W, SELI) at 1e-1/1e-2/1e-3 (second-order prediction), slope per ln(1/lambda)\n");
    for (int r : ratios) {
      StepImbalance step = new StepImbalance(4, r, 0.5, 1);
      SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.STEP,
          Arrays.stream(step.classSizes()).boxed().toList()), 8, lambdas);
      SeliStudy.Path path = study.trace(c, 3);
      assertThat(path.converged()).isTrue();
      double[] dist = path.measurement().series("w_dist");
      double[] pred = path.measurement().series("w_pred");
      double last = dist[2];
      table.append(String.format(Locale.ROOT, "  R=%2d  %.4f %.4f %.4f (%.4f)  slope %.5f%n", r, dist[0], dist[1], last,
          pred[2], SeliStudy.slope(lambdas, dist)));
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
   * reports/FINDINGS.md, seli.convergence: the former fixed threshold 0.1 at lambda = 1e-3 failed for K = 7,
   * R &gt;= 50 (found on pinned cases). Rediscovered here by generation: STEP cases with K in 6..10, R in
   * 20..100 and one or two minority classes of n_min = 1, solved exactly (certified convex optimum, which
   * the trained UFM equals within its certificate). The distance exceeds 0.1 on some generated cases, and
   * on every case it is within the rate bound (1 + 1/ln(1/lambda)) x the second-order distance that
   * replaced the threshold: the finding was an artefact of the threshold, not of [SELI].
   */
  @Test
  void formerThresholdFindingIsRediscoveredByGenerationAndSupersededByTheRate() {
    double lambda = 1e-3;
    List<String> exceeding = new ArrayList<>();
    Gen<int[]> steps = Gen.integers(6, 10).flatMap(k -> Gen.integers(20, 100).flatMap(r ->
        Gen.integers(1, 2).map(minority -> {
          int[] sizes = new int[k];
          for (int c = 0; c < k; c++) {
            sizes[c] = c < k - minority ? r : 1;
          }
          return sizes;
        })));
    PropertyResult r = PropertyRunner.check("seli former threshold", PropertyConfig.defaults().withTries(EXHAUSTIVE ? 200 : 40),
        steps, sizes -> {
          ClassLogitGeometry seli = ClassLogitGeometry.seli(sizes);
          ClassLogitGeometry opt = NuclearNormCeOptimum.solve(sizes, lambda).geometry();
          ClassLogitGeometry pred = ClassLogitGeometry.of(sizes, SeliSecondOrder.of(sizes).classLogits(lambda));
          double dist = Norms.ndist(opt.gramW(), seli.gramW());
          double bound = (1 + 1 / Math.log(1 / lambda)) * Norms.ndist(pred.gramW(), seli.gramW());
          if (dist > FORMER_THRESHOLD) {
            synchronized (exceeding) {
              exceeding.add(String.format(Locale.ROOT, "K=%d R=%d minority=%d: %.4f", sizes.length, sizes[0],
                  Arrays.stream(sizes).filter(s -> s == 1).count(), dist));
            }
          }
          assertThat(dist).as("rate bound at %s", Arrays.toString(sizes)).isLessThanOrEqualTo(bound);
        });
    r.orThrow();
    System.out.println("[SELI] former threshold 0.1 at lambda 1e-3 exceeded on generated cases: " + exceeding);
    assertThat(exceeding).as("the former finding is rediscovered by generation").isNotEmpty();
  }

  /** The former pinned counterexample (K = 7, R = 100, two minority classes of one sample), trained: every claim holds. */
  @Test
  void formerPinnedCounterexampleHoldsUnderTheRateEncoding() {
    List<Integer> sizes = List.of(100, 100, 100, 100, 100, 1, 1);
    SeliStudy study = new SeliStudy(7, 100, SeliStudy.DEFAULT_LAMBDAS, solver());
    StudyOutcome out = study.run(new SeliCase(new UfmGens.Sizes(UfmGens.Profile.STEP, sizes), 9,
        SeliStudy.DEFAULT_LAMBDAS), 5);
    double[] dist = (double[]) out.observations().get("w_dist");
    assertThat(dist[2]).as("above the former threshold").isGreaterThan(FORMER_THRESHOLD);
    assertThat(out.results()).hasSize(5).allSatisfy(res -> assertThat(res.verdict()).as(res.toString())
        .isEqualTo(Verdict.HOLDS));
  }

  /** Measured observations (not claims): how often each distance decreased along the path, and tightness. */
  private static String observationSummary(List<StudyOutcome> outs) {
    List<StudyOutcome> distinct = outs.stream()
        .filter(x -> ((Number) x.observations().get("delta_seli_etf")).doubleValue() > 0).toList();
    StringBuilder sb = new StringBuilder("[SELI] observations over " + outs.size() + " tries (" + distinct.size()
        + " with SELI != ETF):");
    for (String o : List.of("w", "logits", "feature", "class_mean", "spectrum")) {
      long dec = distinct.stream().filter(x -> Boolean.TRUE.equals(x.observations().get(o + "_dist_decreasing")))
          .count();
      double certWorst = 0;
      for (StudyOutcome x : outs) {
        double[] cd = (double[]) x.observations().get(o + "_cert_dist");
        double[] tau = (double[]) x.observations().get(o + "_tau");
        for (int i = 0; i < cd.length; i++) {
          certWorst = Math.max(certWorst, cd[i] / tau[i]);
        }
      }
      sb.append(String.format(Locale.ROOT, "%n  %-10s distance decreased along the path in %d/%d; max ndist(O, O*)/tau %.3f",
          o, dec, distinct.size(), certWorst));
    }
    double tight = outs.stream().filter(x -> x.targetScore().isPresent()).mapToDouble(x -> x.targetScore().getAsDouble())
        .max().orElse(Double.NaN);
    sb.append(String.format(Locale.ROOT, "%n  max ndist(O, SELI) / rate bound over objects and lambdas <= %s: %.3f",
        SeliLimitClaim.LAMBDA_ASYMPTOTIC, tight));
    return sb.toString();
  }
}
