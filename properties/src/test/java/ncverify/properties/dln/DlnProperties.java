package ncverify.properties.dln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import ncverify.theory.linalg.blas.Backends;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.Parameter;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.study.RecordingStudy;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.properties.study.StudyProperty;
import ncverify.properties.study.WrongVersions;
import ncverify.theory.geometry.DeepLinearScalarProblem;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import org.junit.jupiter.api.Test;

/**
 * [DLN] properties (docs/theory.md section 3): the deep-linear study over generated cases, and the window
 * between the collapse and root-existence thresholds where the positive root is a genuine local
 * minimum that GD stays in, with a loss above the closed form (zero wins).
 */
class DlnProperties {

  private static final boolean EXHAUSTIVE = Study.exhaustive();
  /** Objective evaluated at an explicit point vs the same value from the scalar problem: round-off only. */
  private static final double VALUE_TOL = 1e-12;

  /**
   * The study over generated cases (every claim holds where it applies, with minimum coverage), and the
   * definition of done of its claims (docs/theory.md section 6): the wrong version of each claim
   * ({@link ncverify.theory.claims.Claim#strengthened}, factor 2) is VIOLATED on the recorded
   * measurements of the same tries.
   */
  @Test
  void deepLinearUfmMatchesClosedForm() {
    RecordingStudy<DlnCase> study = new RecordingStudy<>(new DlnStudy());
    PropertyResult r = StudyProperty.check(study, PropertyConfig.defaults().withTries(EXHAUSTIVE ? 400 : 80)
        .withThreadSafe(true).withThreads(2).withTargetTries(EXHAUSTIVE ? 80 : 10));
    System.out.println(r.report());
    r.orThrow();
    WrongVersions.assertCaught(study);
    printTightness(study.outcomes());
  }

  /** Largest tightness (measured/bound) of each geometry claim over the tries (printed for the docs). */
  private static void printTightness(List<StudyOutcome> outcomes) {
    java.util.Map<String, Double> worst = new java.util.TreeMap<>();
    for (StudyOutcome o : outcomes) {
      @SuppressWarnings("unchecked")
      java.util.Map<String, Double> t = (java.util.Map<String, Double>) o.observations().get("geometry_tightness");
      t.forEach((id, v) -> worst.merge(id, v, Math::max));
    }
    System.out.println("dln geometry: largest tightness per claim " + worst);
  }

  /**
   * M = 2, sizes (10, 10, 5), lambda_W = lambda_H chosen so that b/n_min = 0.56, inside (0.5, 0.6495):
   * the minority class has a positive stationary point, but the closed form collapses it. A point that
   * keeps the root (what code that keeps the root whenever it exists would return) is a real local
   * minimum: GD started there stays, at a loss exactly (n_min/(2N))(f(root) - 1) above the closed form,
   * while the best of the study's restarts reaches the closed form with the class collapsed.
   */
  @Test
  void windowRootIsALocalMinimumAboveTheOptimum() {
    int[] sizes = {10, 10, 5};
    int depth = 2;
    int n = 25;
    double c = 0.56;
    double lambda = Math.pow(c * 5 / (depth * Math.pow(n, 1.5)), 2.0 / 3.0);
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, depth, lambda, lambda);
    assertThat(opt.b() / 5).isCloseTo(c, within(1e-12));
    assertThat(opt.survives()).containsExactly(true, true, false);
    DeepLinearScalarProblem minority = new DeepLinearScalarProblem(depth, c);
    OptionalDouble root = minority.largestStationaryPoint();
    assertThat(root).isPresent();
    double xRoot = root.getAsDouble();
    double excess = 5 / (2.0 * n) * minority.gainOverZero(xRoot);
    assertThat(excess).as("zero wins in the window").isPositive();

    // the point that keeps the root: width K, W_1 = W_2 = diag(s_k), hbar_k = ||hbar_k|| e_k
    double nLambdaH = n * lambda;
    double[] x = opt.scalarMinimizers();
    x[2] = xRoot;
    int[] labels = DlnStudy.sortedLabels(sizes);
    DeepLinearUfm model = DeepLinearUfm.builder(3, depth, labels, 3).blas(Backends.best()).lambdaW(lambda)
        .lambdaH(lambda).build();
    List<Parameter> params = model.parameters();
    for (Parameter p : params) {
      java.util.Arrays.fill(p.value(), 0.0);
    }
    for (int k = 0; k < 3; k++) {
      double s = Math.sqrt(Math.sqrt(nLambdaH) * x[k]);
      double sigma = s * s;
      double hbar = sigma / (sigma * sigma + nLambdaH);
      params.get(1).value()[k * 3 + k] = s;
      params.get(2).value()[k * 3 + k] = s;
      for (int i = 0; i < n; i++) {
        if (labels[i] == k) {
          params.get(0).value()[k * n + i] = hbar;
        }
      }
    }
    assertThat(model.objective()).as("objective at the root-keeping point")
        .isCloseTo(opt.optimalLoss() + excess, within(VALUE_TOL));
    DeepLinearGd.Run stay = new DeepLinearGd(500, 20_000, DlnStudy.GRAD_TOL).train(model, 1);
    assertThat(stay.converged()).as("the root-keeping point is stationary").isTrue();
    assertThat(stay.objective()).as("GD stays at the local minimum above the optimum")
        .isCloseTo(opt.optimalLoss() + excess, within(1e-9));

    DlnCase pinned = new DlnCase(new ncverify.properties.gen.UfmGens.Sizes(
        ncverify.properties.gen.UfmGens.Profile.STEP, List.of(10, 10, 5)), depth, 3, lambda, lambda,
        DlnCase.Regime.WINDOW);
    var out = new DlnStudy().run(pinned, 11);
    assertThat(out.observations().get("best_minus_closed")).isInstanceOfSatisfying(Double.class,
        d -> assertThat(Math.abs(d)).isLessThan(DlnStudy.lossTolerance(opt.optimalLoss())));
    assertThat((boolean[]) out.observations().get("collapsed_trained")).containsExactly(false, false, true);
  }
}
