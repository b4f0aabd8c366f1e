package ncverify.properties.dufm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.DeepUfm;
import ncverify.properties.dln.DeepLinearGd;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.ufm.BinaryDncGeometryClaim;
import ncverify.theory.claims.ufm.BinaryDncOptimalClaim;
import ncverify.theory.geometry.dufm.DeepUfmObjective;
import ncverify.theory.geometry.dufm.DeepUfmPoint;
import ncverify.theory.geometry.dufm.DeepUfmRegime;
import ncverify.theory.geometry.dufm.DncSolution;
import ncverify.theory.geometry.dufm.DufmParameters;
import ncverify.theory.linalg.blas.NaiveBlas;
import org.ejml.data.DMatrixRMaj;

/**
 * The binary deep-UFM study [DUFM2] (docs/theory.md section 4.8): K = 2, L 1..5, width 4..8, n 2..3 and
 * lambda = f lambda_c (f log-uniform in [{@link #F_MIN}, {@link #F_MAX}], so DNC is non-trivial); trains
 * the L-DUFM with ReLU by full-batch heavy-ball GD ({@link DeepLinearGd}) from {@link #RESTARTS} random
 * inits to a certified gradient norm and judges
 * <ul>
 *   <li>{@code dufm.binary_dnc_optimal}: the lowest theory objective over every restart is never below
 *       L_DNC (minus tolerance);</li>
 *   <li>{@code dufm.binary_dnc1}, {@code dufm.binary_dnc2}, {@code dufm.binary_dnc3}: the DNC structure of
 *       the best restart (within-class collapse, orthogonal frame of the closed-form norms, aligned weights)
 *       with the tolerance from its certified gradient norm ({@link BinaryDncGeometryClaim}).</li>
 * </ul>
 * Observations: the loss of every restart, gradient norm, curvature, and the cosine of the first-layer
 * class means, which the binary optimum leaves free in [-1, 0] (reports/FINDINGS.md,
 * "dufm.binary-first-layer").
 */
public final class DufmBinaryStudy implements Study<DufmBinaryCase> {

  /** Study id. */
  public static final String ID = "dufm.binary";
  /** Random inits per case; the best by the theory objective is judged. */
  public static final int RESTARTS = 3;
  /** Gradient-norm tolerance of a converged run (the objective is O(1)). */
  public static final double GRAD_TOL = 1e-10;
  /** GD steps per restart at most (a run whose dead units decay slowly stops here, unconverged). */
  public static final int MAX_STEPS = 30_000;
  /** Smallest generated lambda / lambda_c. */
  public static final double F_MIN = 0.02;
  /** Largest generated lambda / lambda_c (DNC non-trivial with a margin). */
  public static final double F_MAX = 0.95;

  private static final BinaryDncOptimalClaim BINARY = new BinaryDncOptimalClaim();
  private static final List<Claim> STRUCTURE = BinaryDncGeometryClaim.all();

  private final DeepLinearGd gd = new DeepLinearGd(500, MAX_STEPS, GRAD_TOL);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Binary deep UFM (K = 2, ReLU, MSE, bias-free) on generated L, width, n, lambda below the DNC"
        + " collapse, trained by GD from " + RESTARTS + " inits to a certified gradient norm: loss never below"
        + " L_DNC, and the DNC1-3 structure of the best restart with tolerances from its gradient norm.";
  }

  @Override
  public List<String> claimIds() {
    List<String> ids = new ArrayList<>();
    ids.add(BINARY.id());
    STRUCTURE.forEach(c -> ids.add(c.id()));
    return ids;
  }

  /**
   * Measured in the default campaign (200 tries, seed 20261125): binary 100%, DNC1 76%, DNC2/3 63% (the
   * others stop at a spurious critical point with a dead class, have not converged, or sit on a
   * fourth-order direction); the suite's tries need half. The binary claim asks 60%: the ledger compares
   * its applicability over both studies that judge it (about 76%) with the largest requirement.
   */
  @Override
  public Map<String, Double> minCoverage() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(BINARY.id(), 0.6);
    for (Claim c : STRUCTURE) {
      m.put(c.id(), 0.3);
    }
    return m;
  }

  /** Tries of the property suite (each three short trainings, about half a second). */
  @Override
  public int defaultTries() {
    return 10;
  }

  @Override
  public Gen<DufmBinaryCase> cases() {
    return s -> new DufmBinaryCase(Gen.integers(1, 5).generate(s), Gen.integers(4, 8).generate(s),
        Gen.logDoubles(F_MIN, F_MAX).generate(s), Gen.integers(2, 3).generate(s));
  }

  @Override
  public StudyOutcome run(DufmBinaryCase c, long seed) {
    long start = System.nanoTime();
    int depth = c.depth();
    int n = c.samplesPerClass();
    double lambda = c.collapseFraction() * DeepUfmRegime.dncCollapseLambda(2, depth, n);
    DufmParameters p = DufmParameters.uniform(2, depth, n, lambda);
    DncSolution dnc = DncSolution.of(p);
    DeepUfmObjective objective = DeepUfmObjective.of(p);
    double[] losses = new double[RESTARTS];
    double[] grads = new double[RESTARTS];
    DeepUfmPoint best = null;
    DeepLinearGd.Run bestRun = null;
    int bestIndex = -1;
    for (int r = 0; r < RESTARTS; r++) {
      DeepUfm model = model(c, p, seed + 7919L * r);
      DeepLinearGd.Run run = gd.train(model, seed + r);
      DeepUfmPoint point = new DeepUfmPoint(model.featuresEntering(1), model.layerWeights());
      losses[r] = objective.value(point);
      grads[r] = run.gradNorm();
      if (best == null || losses[r] < losses[bestIndex]) {
        best = point;
        bestRun = run;
        bestIndex = r;
      }
    }
    double lowest = Arrays.stream(losses).min().orElseThrow();
    Measurement mb = Measurement.builder().put(BinaryDncOptimalClaim.K, 2)
        .put(BinaryDncOptimalClaim.REACHED_LOSS, lowest).put(BinaryDncOptimalClaim.DNC_LOSS, dnc.loss()).build();
    Measurement ms = BinaryDncGeometryClaim.measurement(p, best, bestRun.gradNorm(), bestRun.converged(), dnc);
    List<ClaimResult> results = new ArrayList<>();
    results.add(BINARY.evaluate(mb));
    double score = Double.NEGATIVE_INFINITY;
    for (Claim claim : STRUCTURE) {
      ClaimResult r = claim.evaluate(ms);
      results.add(r);
      if (r.conclusion().isPresent() && Double.isFinite(r.conclusion().get().tightness())) {
        score = Math.max(score, r.conclusion().get().tightness());
      }
    }

    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("K", 2);
    obs.put("L", depth);
    obs.put("width", c.width());
    obs.put("n", n);
    obs.put("lambda", lambda);
    obs.put("lambda_over_collapse", c.collapseFraction());
    obs.put("dnc_loss", dnc.loss());
    obs.put("restart_losses", losses);
    obs.put("restart_grad_norms", grads);
    obs.put("best_loss", losses[bestIndex]);
    obs.put("best_gap", losses[bestIndex] - dnc.loss());
    obs.put("best_grad_norm", bestRun.gradNorm());
    obs.put("best_converged", bestRun.converged());
    obs.put("curvature", ms.get(BinaryDncGeometryClaim.CURVATURE));
    obs.put("first_layer_cos", depth >= 2 ? firstLayerCosine(best, p) : null);
    obs.put("seconds", (System.nanoTime() - start) / 1e9);
    StudyOutcome out = StudyOutcome.of(results, obs).withMeasurement(BINARY.id(), mb).withMeasurement(STRUCTURE, ms);
    return Double.isFinite(score) ? out.withTarget(score) : out;
  }

  private static DeepUfm model(DufmBinaryCase c, DufmParameters p, long seed) {
    int[] hidden = new int[c.depth() - 1];
    Arrays.fill(hidden, c.width());
    return DeepUfm.builder(c.width(), c.depth(), p.labels(), 2).blas(new NaiveBlas()).hiddenWidths(hidden)
        .loss(Loss.mse()).normalization(Normalization.MEAN).lambda(p.lambdaH()).initStd(1 / Math.sqrt(c.width()))
        .seed(seed).build();
  }

  /** cos(hbar_{1,1}, hbar_{1,2}) of the first-layer class means (NaN when one is zero). */
  static double firstLayerCosine(DeepUfmPoint point, DufmParameters p) {
    DMatrixRMaj means = DufmStudy.classMeans(point.h1(), p.labels(), 2);
    double dot = 0;
    double a = 0;
    double b = 0;
    for (int r = 0; r < means.numRows; r++) {
      dot += means.get(r, 0) * means.get(r, 1);
      a += means.get(r, 0) * means.get(r, 0);
      b += means.get(r, 1) * means.get(r, 1);
    }
    return dot / Math.sqrt(a * b);
  }
}
