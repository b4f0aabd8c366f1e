package ncverify.properties.seli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.linalg.blas.Backends;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.UfmGens;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.claims.ufm.SeliClassMeanGramClaim;
import ncverify.theory.claims.ufm.SeliConvergenceClaim;
import ncverify.theory.claims.ufm.SeliFeatureGramClaim;
import ncverify.theory.claims.ufm.SeliLimitClaim;
import ncverify.theory.claims.ufm.SeliLogitsClaim;
import ncverify.theory.claims.ufm.SeliMeasurement;
import ncverify.theory.claims.ufm.SeliStepSpectrumClaim;
import ncverify.theory.geometry.SelMatrix;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * [SELI] study (docs/theory.md section 2, docs/derivations/seli.md): trains the bias-free CE UFM
 * min CE(W H) + (lambda/2)(||W||^2 + ||H||^2) (sum CE, d &gt;= K) along a decreasing ridge path, each lambda
 * warm-started from the previous solution and certified by {@link CeUfmSolver} (relative stationarity)
 * and the convex dual certificate ||softmax(W H) - Y||_op &lt;= lambda (1 + {@link #CERTIFICATE_TOL}), and
 * judges the SELI limit claims ({@code seli.convergence} for W W^T, {@code seli.logits},
 * {@code seli.feature_gram}, {@code seli.class_mean_gram}, {@code seli.step_spectrum}) on
 * {@link SeliMeasurement} (certified convex optimum, second-order rate); balanced classes are
 * {@link SeliBalancedStudy}'s. Generated: K in 3..kMax (2 as an edge case: SELI is the ETF there), STEP and
 * random sizes up to nMax per class (so R = n_max/n_min up to nMax), d = K..K+4. Observations: every distance per lambda (to SELI, to the ETF,
 * to the certified optimum, the prediction, the tolerance), whether each distance decreased along the path
 * (measured, not claimed: the decrease is not proven), the least-squares slope of ndist(G_W, SELI) versus
 * ln(1/lambda) and ndist x ln(1/lambda) at the smallest lambda.
 */
public final class SeliStudy implements Study<SeliCase> {

  /** Study id. */
  public static final String ID = "seli.ridge-path";
  /** Default ridge path: one ridge outside and two inside the second-order regime (lambda &lt;= 1e-2). */
  public static final List<Double> DEFAULT_LAMBDAS = List.of(1e-1, 1e-2, 1e-3);
  /** Exhaustive ridge path. */
  public static final List<Double> EXHAUSTIVE_LAMBDAS = List.of(1e-1, 1e-2, 1e-3, 1e-4);
  /** Largest class count of the campaign's study. */
  public static final int K_MAX = 10;
  /** Largest class size of the campaign's study (so R reaches 100). */
  public static final int N_MAX = 100;
  /** Init standard deviation of W and H at the first lambda. */
  public static final double INIT_STD = 0.1;
  /**
   * Allowed excess of the dual certificate over 1: a run stopped at relative stationarity r &lt;= 1e-4
   * shows excesses of the order of r (measured up to 1.1e-4 on docs/theory.md's reference path).
   */
  public static final double CERTIFICATE_TOL = 1e-3;
  /** Property-suite tries per campaign try unit: the campaign runs 20 x this many (fewer, larger tries). */
  static final int DEFAULT_TRIES = 3;

  private final int kMax;
  private final int nMax;
  private final List<Double> lambdas;
  private final CeUfmSolver solver;
  private final List<Claim> claims;

  /** The campaign's study: K in 2..10, n_k &lt;= 100, lambdas {@link #DEFAULT_LAMBDAS} (exhaustive: one more). */
  public SeliStudy() {
    this(K_MAX, N_MAX, Study.exhaustive() ? EXHAUSTIVE_LAMBDAS : DEFAULT_LAMBDAS,
        new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best()));
  }

  /**
   * @param kMax largest class count
   * @param nMax largest class size
   * @param lambdas ridge path, strictly decreasing
   * @param solver the CE UFM trainer
   */
  public SeliStudy(int kMax, int nMax, List<Double> lambdas, CeUfmSolver solver) {
    this.kMax = kMax;
    this.nMax = nMax;
    this.lambdas = List.copyOf(lambdas);
    this.solver = solver;
    this.claims = ClaimRegistry.standard().get(List.of(SeliConvergenceClaim.ID, SeliLogitsClaim.ID,
        SeliFeatureGramClaim.ID, SeliClassMeanGramClaim.ID, SeliStepSpectrumClaim.ID));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CE UFM (K 3.." + kMax + " and edge case 2, n_k <= " + nMax + ", STEP/random sizes) trained along lambda = "
        + lambdas + " with warm starts; each point is the certified convex optimum, and the Grams, logits and STEP"
        + " spectrum approach SELI (not the ETF) at the second-order rate.";
  }

  @Override
  public List<String> claimIds() {
    return claims.stream().map(Claim::id).toList();
  }

  @Override
  public int defaultTries() {
    return DEFAULT_TRIES;
  }

  @Override
  public Gen<SeliCase> cases() {
    // K = 2 is degenerate for SELI (Zhat has rank 1: SELI = ETF for any sizes): an edge case, not a third of the tries
    return Gen.integers(3, kMax).withEdgeCases(2).flatMap(k ->
        SeliGens.imbalancedSizes(k, nMax).flatMap(sizes ->
            UfmGens.extraDimensions(4).map(extra -> new SeliCase(sizes, k + extra, lambdas))));
  }

  @Override
  public StudyOutcome run(SeliCase c, long seed) {
    Path path = trace(c, seed);
    int m = c.lambdas().size();
    SeliMeasurement sm = path.measurement();
    Measurement meas = sm.measurement();
    List<ClaimResult> results = new ArrayList<>();
    for (Claim claim : claims) {
      results.add(claim.evaluate(meas));
    }
    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("k", c.k());
    obs.put("d", c.d());
    obs.put("profile", c.sizes().profile().name());
    obs.put("class_sizes", c.sizes().sizes());
    obs.put("ratio_r", c.sizes().ratio());
    obs.put("lambdas", c.lambdas());
    obs.put("delta_seli_etf", meas.get(SeliConvergenceClaim.DELTA));
    for (String o : SeliMeasurement.OBJECTS) {
      for (String kind : List.of("dist", "pred", "cert_dist", "tau", "kappa")) {
        obs.put(o + "_" + kind, sm.series(o + "_" + kind));
      }
      obs.put(o + "_dist_decreasing", decreasing(sm.series(o + "_dist")));
    }
    obs.put("w_etf_dist", sm.series("w_etf_dist"));
    obs.put("minority_norm_ratio", sm.series("minority_norm_ratio"));
    obs.put("steps", path.steps());
    obs.put("relative_gradient", path.relativeGradient());
    obs.put("dual_certificate", path.dualCertificate());
    obs.put("converged", path.converged());
    double[] distW = sm.series("w_dist");
    obs.put("rate_slope_per_log_inv_lambda", slope(c.lambdas(), distW));
    double last = c.lambdas().get(m - 1);
    obs.put("dist_times_log_inv_lambda", distW[m - 1] * Math.log(1 / last));
    StudyOutcome out = StudyOutcome.of(results, obs).withMeasurement(claims, meas);
    double score = rateTightness(meas, m);
    return Double.isFinite(score) ? out.withTarget(score) : out;
  }

  /**
   * Largest measured / bound of the rate parts over the objects and the ridges in the second-order regime
   * (close to 1 means close to a counterexample; targeted search maximizes it).
   */
  static double rateTightness(Measurement meas, int points) {
    double worst = Double.NaN;
    for (String o : SeliMeasurement.OBJECTS) {
      SeliLimitClaim claim = (SeliLimitClaim) ClaimRegistry.standard().all().stream()
          .filter(c -> c instanceof SeliLimitClaim s && s.object().equals(o)).findFirst().orElseThrow();
      for (int i = 1; i <= points; i++) {
        if (meas.get(SeliLimitClaim.lambdaName(i)) <= SeliLimitClaim.LAMBDA_ASYMPTOTIC) {
          double t = meas.get(SeliLimitClaim.distName(o, i)) / claim.rateBound(meas, i);
          worst = Double.isNaN(worst) ? t : Math.max(worst, t);
        }
      }
    }
    return worst;
  }

  /**
   * The trained path: the SELI measurement (null when not asked for) and the solver's diagnostics per lambda.
   */
  public record Path(SeliMeasurement measurement, double[] distEtf, double[] distOrtho, int[] steps,
      double[] relativeGradient, double[] dualCertificate, boolean converged) {
  }

  /** Trains the whole path of {@code c} from a seeded init and measures it. */
  public Path trace(SeliCase c, long seed) {
    return trace(c, seed, true);
  }

  /** Trains the whole path of {@code c}; with {@code measure} also solves the references and measures. */
  Path trace(SeliCase c, long seed, boolean measure) {
    int[] sizes = c.sizes().array();
    int[] labels = SelMatrix.of(sizes).labels();
    int k = c.k();
    DMatrixRMaj etfGram = SimplexEtf.gram(k);
    DMatrixRMaj ortho = CommonOps_DDRM.identity(k);
    int m = c.lambdas().size();
    double[] distEtf = new double[m];
    double[] distOrtho = new double[m];
    int[] steps = new int[m];
    double[] rel = new double[m];
    double[] cert = new double[m];
    boolean converged = true;
    List<SeliMeasurement.Point> points = new ArrayList<>();
    CeUfmSolver.Solution s = null;
    for (int i = 0; i < m; i++) {
      double lambda = c.lambdas().get(i);
      s = solver.solve(c.d(), labels, k, lambda, s, INIT_STD, seed);
      DMatrixRMaj w = s.w();
      DMatrixRMaj h = s.h();
      DMatrixRMaj wwt = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransB(w, w, wwt);
      DMatrixRMaj z = new DMatrixRMaj(k, h.numCols);
      CommonOps_DDRM.mult(w, h, z);
      distEtf[i] = Norms.ndist(wwt, etfGram, "W W^T", "ETF");
      distOrtho[i] = Norms.ndist(wwt, ortho, "W W^T", "I");
      steps[i] = s.steps();
      rel[i] = s.relativeGradient();
      cert[i] = dualCertificate(z, labels, lambda);
      boolean ok = s.converged() && cert[i] <= 1 + CERTIFICATE_TOL;
      converged &= ok;
      points.add(new SeliMeasurement.Point(lambda, w, h, s.relativeGradient(), ok));
    }
    return new Path(measure ? SeliMeasurement.of(sizes, labels, points) : null, distEtf, distOrtho, steps, rel, cert,
        converged);
  }

  /**
   * ||softmax(X) - Y||_op / lambda at X = W H. With d &gt;= K the UFM equals the convex problem
   * min_X CE(X) + lambda ||X||_* (docs/theory.md section 2), whose optimality condition is
   * -grad CE(X) in lambda d||X||_*, in particular ||grad CE(X)||_op &lt;= lambda: a value at most 1 (up to
   * the optimizer's precision) certifies that the stationary point is the global minimum, not a saddle.
   */
  static double dualCertificate(DMatrixRMaj logits, int[] labels, double lambda) {
    int k = logits.numRows;
    DMatrixRMaj g = new DMatrixRMaj(k, logits.numCols);
    for (int i = 0; i < logits.numCols; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, logits.get(c, i));
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(logits.get(c, i) - max);
      }
      for (int c = 0; c < k; c++) {
        g.set(c, i, Math.exp(logits.get(c, i) - max) / sum - (labels[i] == c ? 1 : 0));
      }
    }
    return Svd.singularValues(g)[0] / lambda;
  }

  static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /** True iff every entry is below the previous one. */
  static boolean decreasing(double[] v) {
    for (int i = 1; i < v.length; i++) {
      if (!(v[i] < v[i - 1])) {
        return false;
      }
    }
    return true;
  }

  /** Least-squares slope of dist against ln(1/lambda). */
  static double slope(List<Double> lambdas, double[] dist) {
    int m = lambdas.size();
    double mx = 0;
    double my = 0;
    for (int i = 0; i < m; i++) {
      mx += Math.log(1 / lambdas.get(i)) / m;
      my += dist[i] / m;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < m; i++) {
      double x = Math.log(1 / lambdas.get(i)) - mx;
      sxy += x * (dist[i] - my);
      sxx += x * x;
    }
    return sxy / sxx;
  }
}
