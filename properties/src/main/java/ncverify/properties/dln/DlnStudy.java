package ncverify.properties.dln;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.UfmGens;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.claims.ufm.DlnGeometryClaim;
import ncverify.theory.claims.ufm.DlnMinorityCollapseClaim;
import ncverify.theory.claims.ufm.DlnOptimumClaim;
import ncverify.theory.geometry.DeepLinearScalarProblem;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * [DLN] study (docs/theory.md section 3): random class sizes, depth M, width d &gt;= K and regularizers,
 * with lambda_W placed so that b/n_min falls below, near, inside the window above, or above the
 * collapse threshold ({@link DlnCase.Regime}); trains the bias-free deep linear MSE UFM with GD from
 * several seeded random inits ({@link DeepLinearGd}) and compares with {@link DeepLinearUfmOptimum}:
 * <ul>
 *   <li>{@code dln.optimum}: the lowest loss over every restart (converged or not: the closed form bounds
 *       the loss of any point) is never below the closed form (minus tolerance), so no restart is;</li>
 *   <li>{@code dln.minority_collapse}: for the best restart, when it reached the closed-form loss,
 *       class k is (numerically) zero exactly where b/n_k &gt;= (M-1)^{(M-1)/M}/M (M = 1: n_k &lt;= N^2
 *       lambda_W lambda_H), computed here from that formula;</li>
 *   <li>{@code dln.gram_closed_form}: the best restart's W W^T and class-mean norms match the closed
 *       form ({@link DlnGramClaim}).</li>
 * </ul>
 * A class is <em>ambiguous</em> when the loss difference between its two candidate states (zero and
 * the positive root) is within the loss tolerance: reaching "the optimal loss" cannot tell them apart,
 * so it is left out of the collapse count and makes the Gram claim not applicable.
 */
public final class DlnStudy implements Study<DlnCase> {

  /** Study id. */
  public static final String ID = "dln.deep-linear-ufm";
  /** Largest class size generated. */
  public static final int N_MAX = 20;
  /**
   * Init scale of restart r (cycled): multiples of the closed form's natural scales, so restarts
   * start below, at and above the optimum (M &gt;= 2 has spurious local minima on both sides).
   */
  static final double[] INIT_SCALES = {1.0, 2.0, 0.6, 3.0, 1.4};
  /** A trained class counts as alive iff ||w_k|| &gt;= ALIVE_FRAC sqrt(N lambda_H). */
  public static final double ALIVE_FRAC = 1e-3;
  /** Gradient-norm tolerance of a converged run (the objective is O(1)). */
  public static final double GRAD_TOL = 1e-9;

  private final int kMax;
  private final int maxDepth;
  private final int restarts;
  private final DeepLinearGd gd;
  private final Blas blas;
  private final DlnOptimumClaim optimumClaim = new DlnOptimumClaim();
  private final DlnMinorityCollapseClaim collapseClaim = new DlnMinorityCollapseClaim();
  private final List<Claim> geometryClaims = geometryClaimsFromRegistry();

  /** The default study: K 2..4, M 1..4, 3 restarts (K 2..5 and 5 restarts when exhaustive). */
  public DlnStudy() {
    this(Study.exhaustive() ? 5 : 4, 4, Study.exhaustive() ? 5 : 3,
        new DeepLinearGd(500, 100_000, GRAD_TOL), Backends.best());
  }

  /**
   * @param kMax largest class count
   * @param maxDepth largest depth M
   * @param restarts random inits per case
   * @param gd trainer
   * @param blas backend
   */
  public DlnStudy(int kMax, int maxDepth, int restarts, DeepLinearGd gd, Blas blas) {
    this.kMax = kMax;
    this.maxDepth = maxDepth;
    this.restarts = restarts;
    this.gd = gd;
    this.blas = blas;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Deep linear MSE UFM (K 2.." + kMax + ", M 1.." + maxDepth + ", b/n_min below/near/window/above the"
        + " collapse threshold) trained by GD from " + restarts + " inits; loss never below the closed form;"
        + " collapse and Grams as the closed form says.";
  }

  private static List<Claim> geometryClaimsFromRegistry() {
    ClaimRegistry registry = ClaimRegistry.standard();
    List<Claim> out = new ArrayList<>();
    for (DlnGeometryClaim.Part p : DlnGeometryClaim.Part.values()) {
      out.add(registry.get(p.id()));
    }
    return out;
  }

  @Override
  public List<String> claimIds() {
    List<String> ids = new ArrayList<>(List.of(optimumClaim.id(), collapseClaim.id()));
    geometryClaims.forEach(c -> ids.add(c.id()));
    return ids;
  }

  /** Every claim of the study is applicable in at least half of the tries (measured: 0.6-1.0). */
  @Override
  public Map<String, Double> minCoverage() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(optimumClaim.id(), 0.8);
    m.put(collapseClaim.id(), 0.6);
    geometryClaims.forEach(c -> m.put(c.id(), 0.5));
    return m;
  }

  @Override
  public Gen<DlnCase> cases() {
    return UfmGens.classCounts(2, kMax).flatMap(k ->
        UfmGens.classSizes(k, N_MAX).flatMap(sizes ->
            UfmGens.depths(maxDepth).flatMap(depth ->
                UfmGens.extraDimensions(2).flatMap(extra ->
                    Gen.logDoubles(0.1, 10).flatMap(ratio ->
                        regimes(depth).flatMap(regime ->
                            lambdas(sizes, depth, ratio, regime).map(l ->
                                new DlnCase(sizes, depth, k + extra, l[0], l[1], regime))))))));
  }

  private static Gen<DlnCase.Regime> regimes(int depth) {
    return depth == 1
        ? Gen.elements(DlnCase.Regime.FREE, DlnCase.Regime.BELOW, DlnCase.Regime.NEAR_THRESHOLD, DlnCase.Regime.ABOVE)
        : Gen.elements(DlnCase.Regime.values());
  }

  /**
   * {lambda_W, lambda_H} with lambda_W = ratio lambda_H (ratio in [0.1, 10] keeps the problem well
   * conditioned) and, except for FREE (lambda_H log-uniform in [1e-3, 1e-1]), b/n_min = c for the
   * regime's c: b = M N^{1 + 1/M} ratio lambda_H^{1 + 1/M}.
   */
  private static Gen<double[]> lambdas(UfmGens.Sizes sizes, int depth, double ratio, DlnCase.Regime regime) {
    int n = sizes.sizes().stream().mapToInt(Integer::intValue).sum();
    int nMin = sizes.sizes().stream().mapToInt(Integer::intValue).min().orElseThrow();
    double collapse = DeepLinearScalarProblem.collapseThreshold(depth);
    double root = DeepLinearScalarProblem.rootExistenceThreshold(depth);
    Gen<Double> c = switch (regime) {
      case FREE -> null;
      case BELOW -> Gen.doubles(0.3, 0.95).map(u -> u * collapse);
      case NEAR_THRESHOLD -> Gen.doubles(0.02, 0.06).flatMap(u -> Gen.booleans().map(up -> (up ? 1 + u : 1 - u) * collapse));
      case WINDOW -> Gen.doubles(0.1, 0.9).map(u -> collapse + u * (root - collapse));
      case ABOVE -> Gen.doubles(1.05, 3.0).map(u -> u * root);
    };
    if (c == null) {
      return Gen.logDoubles(1e-3, 1e-1).map(lh -> new double[] {ratio * lh, lh});
    }
    return c.map(v -> {
      double b = v * nMin;
      double lh = Math.pow(b / (depth * Math.pow(n, 1 + 1.0 / depth) * ratio), depth / (depth + 1.0));
      return new double[] {ratio * lh, lh};
    });
  }

  @Override
  public StudyOutcome run(DlnCase c, long seed) {
    int[] sizes = c.sizes().array();
    int k = c.k();
    int n = c.n();
    int depth = c.depth();
    int[] labels = sortedLabels(sizes);
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, depth, c.lambdaW(), c.lambdaH());
    double closed = opt.optimalLoss();

    double[] losses = new double[restarts];
    double[] grads = new double[restarts];
    int[] steps = new int[restarts];
    boolean[] converged = new boolean[restarts];
    DeepLinearUfm best = null;
    int bestIndex = -1;
    for (int r = 0; r < restarts; r++) {
      DeepLinearUfm model = DeepLinearUfm.builder(c.d(), depth, labels, k).blas(blas).lambdaW(c.lambdaW())
          .lambdaH(c.lambdaH()).build();
      initialize(model, INIT_SCALES[r % INIT_SCALES.length], n * c.lambdaH(), seed + 1_000_003L * r);
      DeepLinearGd.Run run = gd.train(model, seed + r);
      losses[r] = run.objective();
      grads[r] = run.gradNorm();
      steps[r] = run.steps();
      converged[r] = run.converged();
      if (run.converged() && (best == null || losses[r] < losses[bestIndex])) {
        best = model;
        bestIndex = r;
      }
    }
    double tol = lossTolerance(closed);
    boolean anyConverged = best != null;
    // any point's loss is bounded below by the global optimum, so dln.optimum is judged on the lowest
    // loss of every restart, converged or not; the Gram and collapse claims use the best converged one
    double reached = min(losses);
    double bestConverged = anyConverged ? losses[bestIndex] : Double.POSITIVE_INFINITY;
    int reachedOptimum = 0;
    for (int r = 0; r < restarts; r++) {
      if (converged[r] && Math.abs(losses[r] - closed) <= tol) {
        reachedOptimum++;
      }
    }
    boolean bestAtOptimum = anyConverged && Math.abs(bestConverged - closed) <= tol;

    // the rule, written from docs/theory.md section 3 (independent of DeepLinearUfmOptimum's survival test)
    double b = depth * n * Math.pow(n * Math.pow(c.lambdaW(), depth) * c.lambdaH(), 1.0 / depth);
    boolean[] collapseRule = new boolean[k];
    boolean[] ambiguous = new boolean[k];
    int numAmbiguous = 0;
    for (int j = 0; j < k; j++) {
      collapseRule[j] = depth == 1
          ? !(sizes[j] > (double) n * n * c.lambdaW() * c.lambdaH())
          : b / sizes[j] >= Math.pow(depth - 1.0, (depth - 1.0) / depth) / depth;
      DeepLinearScalarProblem p = new DeepLinearScalarProblem(depth, b / sizes[j]);
      var rootOpt = p.largestStationaryPoint();
      double gap = rootOpt.isPresent() ? sizes[j] / (2.0 * n) * Math.abs(p.gainOverZero(rootOpt.getAsDouble()))
          : Double.POSITIVE_INFINITY;
      ambiguous[j] = gap <= tol;
      numAmbiguous += ambiguous[j] ? 1 : 0;
    }

    double[] wNorm = new double[k];
    double[] hNorm = new double[k];
    boolean[] collapsedTrained = new boolean[k];
    int mismatches = 0;
    double alive = ALIVE_FRAC * Math.sqrt(n * c.lambdaH());
    Measurement geometry = null;
    if (best != null) {
      DMatrixRMaj product = product(best);
      DMatrixRMaj means = classMeans(best.parameters().get(0).valueMatrix(), labels, sizes);
      for (int i = 0; i < k; i++) {
        double w2 = 0;
        for (int col = 0; col < product.numCols; col++) {
          w2 += product.get(i, col) * product.get(i, col);
        }
        wNorm[i] = Math.sqrt(w2);
        double s = 0;
        for (int r = 0; r < means.numRows; r++) {
          s += means.get(r, i) * means.get(r, i);
        }
        hNorm[i] = Math.sqrt(s);
        collapsedTrained[i] = wNorm[i] < alive;
        if (!ambiguous[i] && collapsedTrained[i] != collapseRule[i]) {
          mismatches++;
        }
      }
      geometry = DlnGeometryClaim.measurement(best.layerWeights(), best.parameters().get(0).valueMatrix(), labels,
          opt, grads[bestIndex], converged[bestIndex], bestAtOptimum && numAmbiguous == 0);
    }

    Measurement m = Measurement.builder()
        .put(DlnOptimumClaim.REACHED_LOSS, reached)
        .put(DlnOptimumClaim.CLOSED_FORM_LOSS, closed)
        .flag(DlnOptimumClaim.CONVERGED, anyConverged)
        .build();
    Measurement.Builder cb = Measurement.builder().put(DlnMinorityCollapseClaim.K, k)
        .put(DlnMinorityCollapseClaim.DEPTH, depth).flag(DlnMinorityCollapseClaim.CONVERGED, bestAtOptimum);
    for (int j = 0; j < k; j++) {
      cb.put(DlnMinorityCollapseClaim.ratioName(j), b / sizes[j]).flag(DlnMinorityCollapseClaim.collapsedName(j),
          collapsedTrained[j]).flag(DlnMinorityCollapseClaim.ambiguousName(j), ambiguous[j]);
    }
    Measurement collapseM = cb.build();
    List<ClaimResult> results = new ArrayList<>(List.of(optimumClaim.evaluate(m), collapseClaim.evaluate(collapseM)));
    Map<String, Double> tightness = new LinkedHashMap<>();
    for (Claim g : geometryClaims) {
      ClaimResult r = geometry == null ? notApplicable(g) : g.evaluate(geometry);
      results.add(r);
      r.conclusion().ifPresent(cc -> tightness.put(g.id(), cc.tightness()));
    }

    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("k", k);
    obs.put("n", n);
    obs.put("depth", depth);
    obs.put("d", c.d());
    obs.put("regime", c.regime().name());
    obs.put("class_sizes", c.sizes().sizes());
    obs.put("lambda_w", c.lambdaW());
    obs.put("lambda_h", c.lambdaH());
    obs.put("b", b);
    obs.put("b_over_n_min", b / min(sizes));
    obs.put("collapse_threshold_size", b / DeepLinearScalarProblem.collapseThreshold(depth));
    obs.put("closed_form_loss", closed);
    obs.put("restart_losses", losses);
    obs.put("restart_grad_norms", grads);
    obs.put("restart_steps", steps);
    obs.put("restarts_at_optimum", reachedOptimum);
    obs.put("lowest_loss", reached);
    obs.put("best_loss", bestConverged);
    obs.put("best_minus_closed", bestConverged - closed);
    obs.put("collapse_rule", collapseRule);
    obs.put("collapse_mismatches", mismatches);
    obs.put("collapsed_trained", collapsedTrained);
    obs.put("ambiguous_classes", numAmbiguous);
    obs.put("class_mean_norms_theory", opt.classMeanNorms());
    obs.put("class_mean_norms_trained", hNorm);
    obs.put("classifier_norms_theory", opt.classifierNorms());
    obs.put("classifier_norms_trained", wNorm);
    obs.put("curvature", geometry == null ? null : geometry.get(DlnGeometryClaim.CURVATURE));
    obs.put("best_grad_norm", best == null ? null : grads[bestIndex]);
    obs.put("geometry_tightness", tightness);
    double proximity = -Math.abs(Math.log(b / min(sizes) / DeepLinearScalarProblem.collapseThreshold(depth)));
    StudyOutcome out = StudyOutcome.of(results, obs).withTarget(proximity)
        .withMeasurement(optimumClaim.id(), m).withMeasurement(collapseClaim.id(), collapseM);
    return geometry == null ? out : out.withMeasurement(geometryClaims, geometry);
  }

  /** The verdict of a geometry claim when no restart converged: its assumptions fail. */
  private static ClaimResult notApplicable(Claim c) {
    return new ClaimResult(c.id(), c.paper(), c.theorem(), ncverify.theory.claims.Verdict.NOT_APPLICABLE,
        List.of(ncverify.theory.claims.AssumptionCheck.flag("some restart converged", false)), null);
  }

  /**
   * Seeded Gaussian init at {@code scale} times the natural scales of the closed form at x = 1:
   * per-layer singular values (N lambda_H)^{1/(2M)} (entries std that / sqrt(width)) and class-mean
   * norms 1/(2 sqrt(N lambda_H)).
   */
  static void initialize(DeepLinearUfm model, double scale, double nLambdaH, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    int depth = model.depth();
    for (var p : model.parameters()) {
      boolean features = p.name().equals("H");
      double target = features ? 1 / (2 * Math.sqrt(nLambdaH)) : Math.pow(nLambdaH, 1.0 / (2 * depth));
      double std = scale * target / Math.sqrt(Math.max(p.rows(), p.cols()));
      double[] v = p.value();
      for (int i = 0; i < v.length; i++) {
        v[i] = std * rng.nextGaussian();
      }
    }
  }

  /** The loss tolerance of the [DLN] loss claims: 1e-9 + 1e-6 |closed form| (optimizer precision). */
  static double lossTolerance(double closed) {
    return 1e-9 + 1e-6 * Math.abs(closed);
  }

  private static DMatrixRMaj product(DeepLinearUfm model) {
    List<DMatrixRMaj> ws = model.layerWeights();
    DMatrixRMaj p = ws.get(0);
    for (int m = 1; m < ws.size(); m++) {
      DMatrixRMaj next = new DMatrixRMaj(ws.get(m).numRows, p.numCols);
      CommonOps_DDRM.mult(ws.get(m), p, next);
      p = next;
    }
    return p;
  }

  private static DMatrixRMaj classMeans(DMatrixRMaj h, int[] labels, int[] sizes) {
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, sizes.length);
    for (int i = 0; i < labels.length; i++) {
      for (int r = 0; r < h.numRows; r++) {
        means.add(r, labels[i], h.get(r, i) / sizes[labels[i]]);
      }
    }
    return means;
  }

  static int[] sortedLabels(int[] sizes) {
    List<Integer> out = new ArrayList<>();
    for (int c = 0; c < sizes.length; c++) {
      for (int i = 0; i < sizes[c]; i++) {
        out.add(c);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static int min(int[] v) {
    int m = Integer.MAX_VALUE;
    for (int x : v) {
      m = Math.min(m, x);
    }
    return m;
  }
}
