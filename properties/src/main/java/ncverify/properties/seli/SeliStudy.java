package ncverify.properties.seli;

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
import ncverify.theory.claims.ufm.SeliBalancedEtfClaim;
import ncverify.theory.claims.ufm.SeliConvergenceClaim;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * [SELI] study (docs/theory.md section 2): trains the bias-free CE UFM
 * min CE(W H) + (lambda/2)(||W||^2 + ||H||^2) (sum CE, d &gt;= K) along a decreasing ridge path,
 * each lambda warm-started from the previous solution and certified stationary by
 * {@link CeUfmSolver}, and measures the normalized distances to the SELI geometry of
 * {@link SeliGeometry}: ndist(W W^T, G_W) (judged by {@code seli.convergence}), ndist(H^T H, G_H),
 * ndist(Mbar^T Mbar, G_M) and ndist(W H, Zhat); for balanced classes also ndist(W W^T, simplex ETF)
 * ({@code seli.balanced_etf}). A run counts as converged only with the convex dual certificate
 * ||softmax(W H) - Y||_op &lt;= lambda (1 + {@link #CERTIFICATE_TOL}) (global optimality, see
 * {@link #dualCertificate}). Observations: every distance per lambda, the imbalance ratio R, the
 * slope of dist(G_W) versus ln(1/lambda) (least squares) and dist x ln(1/lambda) at the smallest
 * lambda (the constant of the ~1/log(1/lambda) rate).
 */
public final class SeliStudy implements Study<SeliCase> {

  /** Study id. */
  public static final String ID = "seli.ridge-path";
  /** Default ridge path (docs/theory.md's reference table starts at 1e-1). */
  public static final List<Double> DEFAULT_LAMBDAS = List.of(1e-1, 1e-2, 1e-3);
  /** Exhaustive ridge path. */
  public static final List<Double> EXHAUSTIVE_LAMBDAS = List.of(1e-1, 1e-2, 1e-3, 1e-4);
  /** Largest class size generated. */
  public static final int N_MAX = 20;
  /** Init standard deviation of W and H at the first lambda. */
  public static final double INIT_STD = 0.1;

  private final int kMax;
  private final List<Double> lambdas;
  private final CeUfmSolver solver;
  private final SeliConvergenceClaim convergence = new SeliConvergenceClaim();
  private final Claim etf = ClaimRegistry.standard().get(SeliBalancedEtfClaim.ID);

  /** The default study: K in 2..5, lambdas {@link #DEFAULT_LAMBDAS}, or the exhaustive ones when asked. */
  public SeliStudy() {
    this(5, Boolean.getBoolean("ncverify.exhaustive") ? EXHAUSTIVE_LAMBDAS : DEFAULT_LAMBDAS,
        new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best()));
  }

  /**
   * @param kMax largest class count
   * @param lambdas ridge path, strictly decreasing
   * @param solver the CE UFM trainer
   */
  public SeliStudy(int kMax, List<Double> lambdas, CeUfmSolver solver) {
    this.kMax = kMax;
    this.lambdas = List.copyOf(lambdas);
    this.solver = solver;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CE UFM (K 2.." + kMax + ", n_k <= " + N_MAX + ", balanced/STEP/random) trained along lambda = "
        + lambdas + " with warm starts; distance of W W^T to SELI must decrease and be small; ETF if balanced.";
  }

  @Override
  public List<String> claimIds() {
    return List.of(convergence.id(), etf.id());
  }

  @Override
  public Map<String, Double> minCoverage() {
    // balanced is one of three profiles: ~1/3 of the tries
    return Map.of(convergence.id(), 0.8, etf.id(), 0.15);
  }

  @Override
  public Gen<SeliCase> cases() {
    return UfmGens.classCounts(2, kMax).flatMap(k ->
        UfmGens.classSizes(k, N_MAX).flatMap(sizes ->
            UfmGens.extraDimensions(4).map(extra -> new SeliCase(sizes, k + extra, lambdas))));
  }

  @Override
  public StudyOutcome run(SeliCase c, long seed) {
    Path path = trace(c, seed);
    int m = c.lambdas().size();
    Measurement.Builder mb = Measurement.builder().put(SeliConvergenceClaim.POINTS, m)
        .flag(SeliConvergenceClaim.CONVERGED, path.converged());
    for (int i = 0; i < m; i++) {
      mb.put(SeliConvergenceClaim.lambdaName(i + 1), c.lambdas().get(i));
      mb.put(SeliConvergenceClaim.distName(i + 1), path.distW()[i]);
    }
    boolean balanced = c.sizes().sizes().stream().distinct().count() == 1;
    double etfMax = 0;
    for (double e : path.distEtf()) {
      etfMax = Math.max(etfMax, e);
    }
    mb.flag(SeliBalancedEtfClaim.BALANCED, balanced).put(SeliBalancedEtfClaim.ETF_DIST, etfMax);
    Measurement meas = mb.build();
    List<ClaimResult> results = List.of(convergence.evaluate(meas), etf.evaluate(meas));

    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("k", c.k());
    obs.put("d", c.d());
    obs.put("profile", c.sizes().profile().name());
    obs.put("class_sizes", c.sizes().sizes());
    obs.put("ratio_r", c.sizes().ratio());
    obs.put("lambdas", c.lambdas());
    obs.put("dist_gram_w", path.distW());
    obs.put("dist_gram_h", path.distH());
    obs.put("dist_gram_class_means", path.distM());
    obs.put("dist_logits", path.distZ());
    obs.put("dist_etf", path.distEtf());
    obs.put("steps", path.steps());
    obs.put("relative_gradient", path.relativeGradient());
    obs.put("dual_certificate", path.dualCertificate());
    obs.put("converged", path.converged());
    obs.put("rate_slope_per_log_inv_lambda", slope(c.lambdas(), path.distW()));
    double last = c.lambdas().get(m - 1);
    obs.put("dist_times_log_inv_lambda", path.distW()[m - 1] * Math.log(1 / last));
    return StudyOutcome.of(results, obs).withTarget(path.distW()[m - 1] / SeliConvergenceClaim.DEFAULT_THRESHOLD);
  }

  /** Distances along the path (index i = lambda_i) and the solver's diagnostics. */
  public record Path(double[] distW, double[] distH, double[] distM, double[] distZ, double[] distEtf, int[] steps,
      double[] relativeGradient, double[] dualCertificate, boolean converged) {
  }

  /**
   * Allowed excess of the dual certificate over 1: a run stopped at relative stationarity r &lt;= 1e-4
   * shows excesses of the order of r (measured up to 1.1e-4 on docs/theory.md's reference path).
   */
  public static final double CERTIFICATE_TOL = 1e-3;

  /** Trains the whole path of {@code c} from a seeded init and measures every distance. */
  public Path trace(SeliCase c, long seed) {
    int[] sizes = c.sizes().array();
    SeliGeometry geometry = SeliGeometry.of(sizes);
    int[] labels = geometry.selMatrix().labels();
    int k = c.k();
    DMatrixRMaj gw = geometry.gramW();
    DMatrixRMaj gh = geometry.gramH();
    DMatrixRMaj gm = geometry.gramClassMeans();
    DMatrixRMaj zhat = geometry.logits();
    DMatrixRMaj etfGram = SimplexEtf.gram(k);
    int m = c.lambdas().size();
    double[] distW = new double[m];
    double[] distH = new double[m];
    double[] distM = new double[m];
    double[] distZ = new double[m];
    double[] distEtf = new double[m];
    int[] steps = new int[m];
    double[] rel = new double[m];
    double[] cert = new double[m];
    boolean converged = true;
    CeUfmSolver.Solution s = null;
    for (int i = 0; i < m; i++) {
      s = solver.solve(c.d(), labels, k, c.lambdas().get(i), s, INIT_STD, seed);
      DMatrixRMaj w = s.w();
      DMatrixRMaj h = s.h();
      DMatrixRMaj wwt = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransB(w, w, wwt);
      DMatrixRMaj hth = new DMatrixRMaj(h.numCols, h.numCols);
      CommonOps_DDRM.multTransA(h, h, hth);
      DMatrixRMaj means = classMeans(h, labels, sizes);
      DMatrixRMaj mtm = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(means, means, mtm);
      DMatrixRMaj z = new DMatrixRMaj(k, h.numCols);
      CommonOps_DDRM.mult(w, h, z);
      distW[i] = Norms.ndist(wwt, gw, "W W^T", "G_W");
      distH[i] = Norms.ndist(hth, gh, "H^T H", "G_H");
      distM[i] = Norms.ndist(mtm, gm, "Mbar^T Mbar", "G_M");
      distZ[i] = Norms.ndist(z, zhat, "W H", "Zhat");
      distEtf[i] = Norms.ndist(wwt, etfGram, "W W^T", "ETF");
      steps[i] = s.steps();
      rel[i] = s.relativeGradient();
      cert[i] = dualCertificate(z, labels, c.lambdas().get(i));
      converged &= s.converged() && cert[i] <= 1 + CERTIFICATE_TOL;
    }
    return new Path(distW, distH, distM, distZ, distEtf, steps, rel, cert, converged);
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

  private static DMatrixRMaj classMeans(DMatrixRMaj h, int[] labels, int[] sizes) {
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, sizes.length);
    for (int i = 0; i < labels.length; i++) {
      for (int r = 0; r < h.numRows; r++) {
        means.add(r, labels[i], h.get(r, i) / sizes[labels[i]]);
      }
    }
    return means;
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
