package ncverify.properties.seli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.claims.ufm.SeliBalancedEtfClaim;
import ncverify.theory.linalg.blas.Backends;

/**
 * [SELI] balanced special case (docs/theory.md section 2: "Balanced classes: SELI = simplex ETF"): trains
 * the CE UFM on balanced classes (K in 2..kMax, n in 1..nMax per class, d = K..K+4) along the ridge path
 * of {@link SeliStudy} and judges {@code seli.balanced_etf}: W W^T is the simplex ETF at every ridge, to
 * optimization error (its wrong version, the orthogonal frame, is measured too).
 */
public final class SeliBalancedStudy implements Study<SeliCase> {

  /** Study id. */
  public static final String ID = "seli.balanced-path";

  private final int kMax;
  private final int nMax;
  private final List<Double> lambdas;
  private final SeliStudy path;
  private final Claim claim = ClaimRegistry.standard().get(SeliBalancedEtfClaim.ID);

  /** The campaign's study: K in 2..10, n in 1..100 per class, the default ridge path. */
  public SeliBalancedStudy() {
    this(SeliStudy.K_MAX, SeliStudy.N_MAX, SeliStudy.DEFAULT_LAMBDAS,
        new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best()));
  }

  public SeliBalancedStudy(int kMax, int nMax, List<Double> lambdas, CeUfmSolver solver) {
    this.kMax = kMax;
    this.nMax = nMax;
    this.lambdas = List.copyOf(lambdas);
    this.path = new SeliStudy(kMax, nMax, lambdas, solver);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "CE UFM on balanced classes (K 2.." + kMax + ", n <= " + nMax + ") along the ridge path; W W^T must be"
        + " the simplex ETF at every lambda.";
  }

  @Override
  public List<String> claimIds() {
    return List.of(claim.id());
  }

  @Override
  public int defaultTries() {
    return 1;
  }

  @Override
  public Gen<SeliCase> cases() {
    return Gen.integers(2, kMax).flatMap(k -> SeliGens.balancedSizes(k, nMax).flatMap(sizes ->
        Gen.integers(0, 4).map(extra -> new SeliCase(sizes, k + extra, lambdas))));
  }

  @Override
  public StudyOutcome run(SeliCase c, long seed) {
    SeliStudy.Path p = path.trace(c, seed, false);
    boolean balanced = c.sizes().sizes().stream().distinct().count() == 1;
    Measurement meas = Measurement.builder().flag(SeliBalancedEtfClaim.BALANCED, balanced)
        .flag(SeliBalancedEtfClaim.CONVERGED, p.converged()).put(SeliBalancedEtfClaim.ETF_DIST, SeliStudy.max(p.distEtf()))
        .put(SeliBalancedEtfClaim.ORTHO_DIST, SeliStudy.max(p.distOrtho())).build();
    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("k", c.k());
    obs.put("d", c.d());
    obs.put("class_sizes", c.sizes().sizes());
    obs.put("lambdas", c.lambdas());
    obs.put("dist_etf", p.distEtf());
    obs.put("dist_orthogonal_frame", p.distOrtho());
    obs.put("steps", p.steps());
    obs.put("relative_gradient", p.relativeGradient());
    obs.put("converged", p.converged());
    return StudyOutcome.of(List.of(claim.evaluate(meas)), obs).withMeasurement(claim.id(), meas);
  }
}
