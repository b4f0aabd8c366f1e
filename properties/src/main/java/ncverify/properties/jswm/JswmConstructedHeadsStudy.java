package ncverify.properties.jswm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.ClassSizeGens;
import ncverify.properties.gen.HyperparameterGens;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.jswm.JswmQuantities;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.geometry.BalancedHead;
import ncverify.theory.linalg.PseudoInverse;
import ncverify.theory.metrics.LabeledFeatures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * [JSWM] constructed cases (docs/theory.md section 5): training with weight decay never interpolates exactly
 * and reaches exact balance only sometimes, so the exact-case statements are judged on cases that have
 * exactness by construction, and small perturbations of them probe how close the other bounds come. Features
 * Z_{L1} = Q D R (d x N with d &gt;= N, Q orthonormal columns, D diagonal with entries in [1, spread] so that
 * kappa(Z_{L1}) = spread exactly, R = I or, for "mixed" features, a random rotation that mixes the classes)
 * are fitted exactly by A = Y Z^+, and the head is the exactly balanced factorization of A
 * ({@link BalancedHead}: W_l = U_l S^{1/L2} U_{l-1}^T). Then, in one case out of four, the head is unbalanced
 * without changing its outputs (a component in ker W_L added to W_{L-1}: the negative control of Thm 3.1 NC1,
 * on which "exact interpolation alone collapses" must fail), and in two cases out of five the first head layer
 * gets Gaussian noise of relative size in [1e-4, 1e-2] (no longer exact). The learning rate is a fraction of the
 * head's stability limit 2/(c ||Theta|| + lambda) (lambda = 0), so Prop 5.3 applies; exact balance earns it
 * the factor L2.
 *
 * <p>Judged: {@code jswm.thm3.1.nc1} (balanced classes), {@code jswm.thm3.1.nc1.exact}, {@code jswm.thm3.1.nc2},
 * {@code jswm.thm3.1.nc3} (exact case: F_NC2 = kW, attained when kappa(Z) = 1) and {@code jswm.prop5.3.stability}.
 */
public final class JswmConstructedHeadsStudy implements Study<JswmConstructedHeadsStudy.Case> {

  /** The claims judged. */
  static final List<String> CLAIM_IDS = List.of("jswm.thm3.1.nc1", "jswm.thm3.1.nc1.exact", "jswm.thm3.1.nc2",
      "jswm.thm3.1.nc3", "jswm.prop5.3.stability");

  /**
   * One constructed case.
   *
   * @param sizes class sizes
   * @param extraDim d - N &gt;= 0 (d &gt;= N: Z has full column rank, so A = Y Z^+ interpolates exactly)
   * @param l2 head depth L2 &gt;= 2
   * @param extraWidth hidden widths K + extraWidth (at least 1 when unbalanced, so ker W_L is not trivial)
   * @param spread kappa(Z_{L1}) &gt;= 1
   * @param mixed whether the features are rotated so that they mix the classes (Z = Q D R)
   * @param unbalanced whether a kernel component breaks the balance (outputs unchanged)
   * @param noise relative size of the Gaussian noise on every layer (0: an exact case)
   * @param etaFraction eta as a fraction of the stability limit 2/(c ||Theta|| + lambda)
   * @param seed construction seed
   */
  public record Case(ClassSizeGens.Spec sizes, int extraDim, int l2, int extraWidth, double spread, boolean mixed,
      boolean unbalanced, double noise, double etaFraction, long seed) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Case[%s, d=N+%d, L2=%d, width=K+%d, kappa(Z)=%.3g%s, %s, noise=%.3g,"
          + " eta=%.3g x limit, seed=%d]", sizes, extraDim, l2, extraWidth, spread, mixed ? " mixed" : "",
          unbalanced ? "unbalanced" : "balanced", noise, etaFraction, seed);
    }
  }

  private final List<Claim> claims;
  private final int tries;

  public JswmConstructedHeadsStudy() {
    this(Study.exhaustive() ? 400 : 100);
  }

  /** @param tries default tries */
  public JswmConstructedHeadsStudy(int tries) {
    this.claims = ClaimRegistry.standard().get(CLAIM_IDS);
    this.tries = tries;
  }

  @Override
  public String id() {
    return "jswm.constructed-heads";
  }

  @Override
  public String description() {
    return "Constructed [JSWM] heads: features fitted exactly by A = Y Z^+, exactly balanced heads through A (one in"
        + " four unbalanced in ker W_L as a negative control, two in five perturbed), a stable learning rate;"
        + " judges the NC1 bound, exact-case NC1, the assembled NC2/NC3 and Prop 5.3 (factor L2 under exact"
        + " balance).";
  }

  @Override
  public List<String> claimIds() {
    return CLAIM_IDS;
  }

  /**
   * Coverage (measured on the default 100 tries in brackets): the NC1 bound needs balanced classes (60% of the
   * cases) and a fit, 0.3 [0.64]; the exact NC1 claim the exact and balanced cases (0.6 x 0.75), 0.3 [0.48];
   * NC2/NC3 every case but those where imbalance or noise leaves the assembled bound infinite (delta &gt;= 1),
   * 0.5 [0.75]; stability every case, 0.9 [1.0].
   */
  @Override
  public Map<String, Double> minCoverage() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("jswm.thm3.1.nc1", 0.3);
    m.put("jswm.thm3.1.nc1.exact", 0.3);
    m.put("jswm.thm3.1.nc2", 0.5);
    m.put("jswm.thm3.1.nc3", 0.5);
    m.put("jswm.prop5.3.stability", 0.9);
    return m;
  }

  @Override
  public int defaultTries() {
    return tries;
  }

  /**
   * K in 2..6, balanced classes in 60% (else any imbalance profile), d = N + 0..6, L2 in 2..4, kappa(Z) in
   * [1, 3], mixed features in half the cases, unbalanced in a quarter, noise in two fifths; everything shrinks
   * toward the simplest exact case.
   */
  @Override
  public Gen<Case> cases() {
    return s -> {
      int k = ClassSizeGens.classCounts(2, 6).generate(s);
      ClassSizeGens.Spec sizes = ClassSizeGens.sizes(k, new ClassSizeGens.Scale(1, 6, 12), 60).generate(s);
      int extraDim = Gen.integers(0, 6).generate(s);
      int l2 = Gen.integers(2, 4).generate(s);
      boolean mixed = Gen.booleans().generate(s);
      boolean unbalanced = Gen.integers(0, 3).generate(s) == 3;
      int extraWidth = Gen.integers(unbalanced ? 1 : 0, 4).generate(s);
      double spread = Gen.doubles(1.0, 3.0).generate(s);
      double noise = Gen.integers(0, 4).generate(s) < 3 ? 0.0 : Gen.logDoubles(1e-4, 1e-2).generate(s);
      double eta = Gen.doubles(0.3, 1.0).generate(s);
      long seed = HyperparameterGens.seeds().generate(s);
      return new Case(sizes, extraDim, l2, extraWidth, spread, mixed, unbalanced, noise, eta, seed);
    };
  }

  @Override
  public StudyOutcome run(Case c, long seed) {
    int[] sizes = c.sizes().sizes().toArray();
    int k = sizes.length;
    int[] labels = c.sizes().sizes().sortedLabels();
    int n = labels.length;
    int d = n + c.extraDim();
    SplittableRandom rnd = new SplittableRandom(c.seed() ^ seed);
    DMatrixRMaj z = orthonormalColumns(d, n, rnd);
    for (int col = 0; col < n; col++) {
      double scale = col == 0 ? 1.0 : col == 1 ? c.spread() : 1.0 + (c.spread() - 1.0) * rnd.nextDouble();
      for (int row = 0; row < d; row++) {
        z.set(row, col, scale * z.get(row, col));
      }
    }
    if (c.mixed()) {
      DMatrixRMaj mixedZ = new DMatrixRMaj(d, n);
      CommonOps_DDRM.multTransB(z, orthonormalColumns(n, n, rnd), mixedZ);
      z = mixedZ;
    }
    DMatrixRMaj y = LabeledFeatures.oneHot(labels, k);
    DMatrixRMaj a = new DMatrixRMaj(k, d);
    CommonOps_DDRM.mult(y, PseudoInverse.of(z), a);
    int[] widths = new int[c.l2() - 1];
    java.util.Arrays.fill(widths, k + c.extraWidth());
    List<DMatrixRMaj> head = new ArrayList<>(BalancedHead.through(a, widths, rnd.nextLong()));
    if (c.unbalanced()) {
      unbalance(head, rnd);
    }
    if (c.noise() > 0) {
      // noise on the first head layer only: the fit is perturbed (eps1 > 0) and the first pair unbalanced,
      // the deeper layers stay balanced among themselves; this is where the NC1 bound comes closest (up to 0.86
      // of the bound, against at most 0.04 with noise on the last layer)
      for (DMatrixRMaj w : head.subList(0, 1)) {
        double size = c.noise() * ncverify.theory.linalg.Norms.op(w) / Math.sqrt(w.numRows + w.numCols);
        for (int i = 0; i < w.getNumElements(); i++) {
          w.add(i / w.numCols, i % w.numCols, size * rnd.nextGaussian());
        }
      }
    }
    Measurement probe = JswmQuantities.measure(head, z, labels, k, 0.0, 1.0, 1.0);
    double eta = c.etaFraction() * 2.0 / probe.get(JswmQuantities.NTK_OP);
    Measurement m = probe.toBuilder().put(JswmQuantities.ETA, eta).build();
    Map<String, Object> obs = new LinkedHashMap<>();
    obs.put("K", k);
    obs.put("N", n);
    obs.put("L2", c.l2());
    obs.put("unbalanced", c.unbalanced());
    obs.put("noise", c.noise());
    obs.put("eps1", m.get(JswmQuantities.EPS1));
    obs.put("eps2_rel", m.get(JswmQuantities.EPS2) / Math.pow(m.get(JswmQuantities.R), 2));
    obs.put("nc1tr_penult", m.get(JswmQuantities.NC1TR_PENULT));
    obs.put("kappa_W_L", m.get(JswmQuantities.KAPPA_WL));
    obs.put("kappa_mbar_penult", m.get(JswmQuantities.KAPPA_MBAR_PENULT));
    List<ClaimResult> results = new ArrayList<>();
    double score = Double.NEGATIVE_INFINITY;
    for (Claim claim : claims) {
      ClaimResult r = claim.evaluate(m);
      results.add(r);
      if (r.verdict() != Verdict.NOT_APPLICABLE) {
        double t = r.conclusion().orElseThrow().tightness();
        if (!Double.isNaN(t)) {
          obs.put("tightness " + claim.id(), t);
          score = Math.max(score, t);
        }
      }
    }
    StudyOutcome out = StudyOutcome.of(results, obs).withMeasurement(claims, m);
    return Double.isFinite(score) ? out.withTarget(score) : out;
  }

  /** d x n with orthonormal columns: the Q factor of a seeded Gaussian matrix. */
  private static DMatrixRMaj orthonormalColumns(int d, int n, SplittableRandom rnd) {
    DMatrixRMaj g = new DMatrixRMaj(d, n);
    for (int i = 0; i < g.getNumElements(); i++) {
      g.set(i, rnd.nextGaussian());
    }
    org.ejml.interfaces.decomposition.QRDecomposition<DMatrixRMaj> qr =
        org.ejml.dense.row.factory.DecompositionFactory_DDRM.qr(d, n);
    if (!qr.decompose(g)) {
      throw new IllegalStateException("QR of a Gaussian " + d + "x" + n + " matrix failed");
    }
    return qr.getQ(null, true);
  }

  /**
   * W_{L-1} += P_perp B with P_perp the projector onto ker W_L and B Gaussian of size ||W_{L-1}||_op: W_L W_{L-1}
   * is unchanged (so are the outputs and the exact fit), the pair is no longer balanced.
   */
  private static void unbalance(List<DMatrixRMaj> head, SplittableRandom rnd) {
    int l2 = head.size();
    DMatrixRMaj wL = head.get(l2 - 1);
    DMatrixRMaj prev = head.get(l2 - 2);
    DMatrixRMaj pinv = PseudoInverse.of(wL);
    DMatrixRMaj pPerp = CommonOps_DDRM.identity(wL.numCols);
    DMatrixRMaj proj = new DMatrixRMaj(wL.numCols, wL.numCols);
    CommonOps_DDRM.mult(pinv, wL, proj);
    CommonOps_DDRM.subtractEquals(pPerp, proj);
    double size = ncverify.theory.linalg.Norms.op(prev);
    DMatrixRMaj b = new DMatrixRMaj(prev.numRows, prev.numCols);
    for (int i = 0; i < b.getNumElements(); i++) {
      b.set(i, size * rnd.nextGaussian() / Math.sqrt(prev.numCols));
    }
    DMatrixRMaj add = new DMatrixRMaj(prev.numRows, prev.numCols);
    CommonOps_DDRM.mult(pPerp, b, add);
    CommonOps_DDRM.addEquals(prev, add);
  }
}
