package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Numerical robustness of the feature metrics (issue 9; tolerances and their reasons in
 * docs/quality/numerics.md): on ill-conditioned features, large common offsets, near-duplicate class
 * means, d &lt; K, K up to 100 and N up to 100,000, NC1, nc1_trace_ratio and the centered means stay
 * finite and agree with a 40-digit {@link HighPrecisionMetrics} computation of the same formulas to a
 * tolerance that scales with the conditioning of the case.
 */
class NumericalRobustnessTest extends MetricsTestSupport {

  /** Unit roundoff of double. */
  static final double EPS = 0x1p-53;
  /** Well-conditioned cases: a few hundred roundoffs. */
  static final double WELL_TOL = 1e-12;

  /**
   * H[a, i] = scale[a] * (offset + sep * m[a][y_i] + noise * g), m and g standard Gaussian,
   * labels cycling over 0..K-1.
   */
  static LabeledFeatures makeCase(int d, int k, int n, double offset, double sep, double noise,
      double[] scale, Random r) {
    double[][] m = new double[d][k];
    for (double[] row : m) {
      for (int c = 0; c < k; c++) {
        row[c] = r.nextGaussian();
      }
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % k;
    }
    DMatrixRMaj h = new DMatrixRMaj(d, n);
    for (int a = 0; a < d; a++) {
      double s = scale == null ? 1.0 : scale[a];
      for (int i = 0; i < n; i++) {
        h.set(a, i, s * (offset + sep * m[a][y[i]] + noise * r.nextGaussian()));
      }
    }
    return new LabeledFeatures(h, y, k);
  }

  static double rel(double actual, double expected) {
    return Math.abs(actual - expected) / Math.abs(expected);
  }

  private static void assertAgrees(LabeledFeatures f, double tolNc1, double tolRatio, double tolMc) {
    HighPrecisionMetrics ref = new HighPrecisionMetrics(f.features(), f.labels(), f.numClasses());
    ClassMeans means = ClassMeans.of(f);
    double nc1 = Nc1.of(f, means);
    double ratio = Nc1TraceRatio.of(f, means);
    int rank = Math.min(f.dim(), f.numClasses() - 1);
    if (Boolean.getBoolean("ncverify.numerics.print")) {
      System.out.printf("d=%d K=%d N=%d: NC1 rel err %.2e, trace ratio %.2e, Mc %.2e%n", f.dim(),
          f.numClasses(), f.numSamples(), rel(nc1, ref.nc1(rank)), rel(ratio, ref.nc1TraceRatio()),
          ref.mcRelativeError(means.mc()));
    }
    assertThat(nc1).isFinite();
    assertThat(ratio).isFinite();
    assertThat(rel(nc1, ref.nc1(rank))).as("NC1 relative error").isLessThanOrEqualTo(tolNc1);
    assertThat(rel(ratio, ref.nc1TraceRatio())).as("trace-ratio relative error")
        .isLessThanOrEqualTo(tolRatio);
    assertThat(ref.mcRelativeError(means.mc())).as("Mc relative error").isLessThanOrEqualTo(tolMc);
  }

  @Test
  void wellConditionedSmallCasesAgreeWithFortyDigits() {
    int[][] shapes = {{2, 3}, {3, 5}, {8, 3}, {8, 5}, {4, 4}};
    for (int[] dk : shapes) {
      LabeledFeatures f = makeCase(dk[0], dk[1], 12 * dk[1], 0.3, 1.0, 0.5, null, rnd);
      assertAgrees(f, WELL_TOL, WELL_TOL, WELL_TOL);
    }
  }

  @Test
  void dimensionBelowTheNumberOfClasses() {
    // d < K: Sigma_B has full rank d, NC1 = tr(Sigma_W Sigma_B^{-1}) / K.
    assertAgrees(makeCase(2, 7, 70, 0.0, 1.0, 0.3, null, rnd), WELL_TOL, WELL_TOL, WELL_TOL);
    assertAgrees(makeCase(3, 100, 600, 0.0, 1.0, 0.3, null, rnd), WELL_TOL, WELL_TOL, WELL_TOL);
  }

  @Test
  void manyClassesInHigherDimension() {
    // d >= K: Sigma_B has rank K - 1 = 29 and the pseudo-inverse is needed (K = 100 with d >= K is
    // left to the double-precision agreement tests: the 40-digit reference costs O(N d K) BigDecimals).
    assertAgrees(makeCase(32, 30, 90, 0.2, 1.0, 0.3, null, rnd), 1e-11, WELL_TOL, WELL_TOL);
  }

  @Test
  void hundredThousandSamplesInFewDimensions() {
    assertAgrees(makeCase(2, 100, 100_000, 5.0, 1.0, 0.5, null, rnd), WELL_TOL, WELL_TOL, WELL_TOL);
  }

  @Test
  void largeCommonOffset() {
    // Offset 1e6, class separation 1, noise 1e-3 (cond(H) ~ 1e9). Naive running sums would give Mc
    // an error ~ sqrt(n_k) eps 1e6 relative to the separation (measured 2.5e-8 on NC1 before the
    // shifted sums of ClassMeans); with them the offset never enters a sum, so the well-conditioned
    // tolerance holds.
    LabeledFeatures f = makeCase(3, 6, 6_000, 1e6, 1.0, 1e-3, null, rnd);
    assertAgrees(f, WELL_TOL, WELL_TOL, WELL_TOL);
  }

  @Test
  void nearDuplicateClassMeans() {
    // Means 1e-6 apart on an O(1) offset (offset / separation = 1e6; measured 3.1e-8 on NC1 with
    // naive sums): the shifted sums keep the well-conditioned tolerance.
    LabeledFeatures f = makeCase(3, 4, 12_000, 1.0, 1e-6, 1e-8, null, rnd);
    assertAgrees(f, WELL_TOL, WELL_TOL, WELL_TOL);
  }

  @Test
  void illConditionedFeatures() {
    // Per-dimension scales from 1 down to 1e-12: cond(H) ~ 1e12. NC1 is invariant under an
    // invertible linear map of the features (Sigma_W and Sigma_B transform alike), but Mc inherits
    // the spread of scales, so its smallest kept singular value is ~1e-8 relative to the largest.
    double[] scale = {1.0, 1e-4, 1e-8, 1e-12, 1e-12};
    LabeledFeatures f = makeCase(5, 4, 4_000, 0.5, 1.0, 0.2, scale, rnd);
    HighPrecisionMetrics ref = new HighPrecisionMetrics(f.features(), f.labels(), 4);
    double nc1 = Nc1.of(f);
    assertThat(nc1).isFinite();
    // Mc has rank K-1 = 3 with singular values spread over ~1e8 (its kept directions sit at scales
    // 1, 1e-4, 1e-8; all above the pseudo-inverse cutoff 1e-10 of docs/theory.md section 0). The SVD
    // determines the small singular direction only to ~ eps * kappa(Mc), hence the tolerance.
    double kappaMc = 1e8;
    if (Boolean.getBoolean("ncverify.numerics.print")) {
      System.out.printf("ill-conditioned: NC1 rel err %.2e%n", rel(nc1, ref.nc1(3)));
    }
    assertThat(rel(nc1, ref.nc1(3))).as("NC1 relative error")
        .isLessThanOrEqualTo(1000 * kappaMc * EPS);
    assertThat(rel(Nc1TraceRatio.of(f), ref.nc1TraceRatio())).isLessThanOrEqualTo(WELL_TOL);
  }

  @Test
  void directionBelowThePseudoInverseCutoffIsDropped() {
    // Dim 1 carries class separation at relative scale 1e-12 < the 1e-10 cutoff: by the convention of
    // docs/theory.md section 0 that direction of Sigma_B counts as zero, so NC1 equals the NC1 of dim 0
    // alone (K = 2, rank 1), finite although Sigma_B is numerically singular.
    LabeledFeatures f = makeCase(2, 2, 2_000, 0.0, 1.0, 0.3, new double[] {1.0, 1e-12}, rnd);
    DMatrixRMaj first = new DMatrixRMaj(1, f.numSamples());
    for (int i = 0; i < f.numSamples(); i++) {
      first.set(0, i, f.features().get(0, i));
    }
    double expected = new HighPrecisionMetrics(first, f.labels(), 2).nc1(1);
    double nc1 = Nc1.of(f);
    assertThat(nc1).isFinite();
    assertThat(rel(nc1, expected)).isLessThanOrEqualTo(1e-9);
  }

  @Test
  void shiftedClassMeanSumsBeatNaiveSumsUnderALargeOffset() {
    // The improvement kept by ClassMeans: summing h - H[a,0] instead of h. With an offset of 1e6 and
    // n_k = 20,000, naive running sums reach 2e10 and lose ~sqrt(n_k) ulp(2e10) per class sum.
    LabeledFeatures f = makeCase(3, 3, 60_000, 1e6, 1.0, 1e-3, null, rnd);
    HighPrecisionMetrics ref = new HighPrecisionMetrics(f.features(), f.labels(), 3);
    double shiftedError = ref.mcRelativeError(ClassMeans.of(f).mc());
    double naiveError = ref.mcRelativeError(naiveCenteredMeans(f));
    assertThat(shiftedError).isLessThanOrEqualTo(100 * 1e6 * EPS);
    assertThat(naiveError).isGreaterThan(10 * shiftedError);
  }

  /** Mc from plain running sums of the raw features (the textbook formula, for comparison only). */
  private static DMatrixRMaj naiveCenteredMeans(LabeledFeatures f) {
    int d = f.dim();
    int k = f.numClasses();
    int n = f.numSamples();
    int[] counts = f.classSizes();
    DMatrixRMaj mc = new DMatrixRMaj(d, k);
    for (int a = 0; a < d; a++) {
      double[] sums = new double[k];
      double total = 0;
      for (int i = 0; i < n; i++) {
        sums[f.label(i)] += f.features().get(a, i);
        total += f.features().get(a, i);
      }
      for (int c = 0; c < k; c++) {
        mc.set(a, c, sums[c] / counts[c] - total / n);
      }
    }
    return mc;
  }

  @Test
  void exactPowerOfTwoRescalingLeavesScaleFreeMetricsUnchanged() {
    // NC1, the trace ratio, NC2 and equinorm are scale-free; a power-of-two scaling is exact in
    // floating point, so at any representable scale they must equal the unscaled values.
    LabeledFeatures base = makeCase(4, 5, 200, 0.4, 1.0, 0.3, null, rnd);
    ClassMeans m0 = ClassMeans.of(base);
    double nc1 = Nc1.of(base, m0);
    double ratio = Nc1TraceRatio.of(base, m0);
    double etf = Nc2EtfMeans.of(m0);
    double equinorm = EquinormMeans.of(m0);
    double ortho = Nc2OrthoMeans.of(m0);
    double diag = Nc2DiagMeans.of(m0);
    double angles = EquiangularityMeans.of(m0);
    double cond = CondClassMeans.of(m0);
    for (int exp : new int[] {-600, -300, 300, 600}) {
      DMatrixRMaj h = base.features().copy();
      for (int p = 0; p < h.data.length; p++) {
        h.data[p] = Math.scalb(h.data[p], exp);
      }
      LabeledFeatures f = new LabeledFeatures(h, base.labels(), base.numClasses());
      ClassMeans m = ClassMeans.of(f);
      assertThat(Nc1.of(f, m)).as("NC1 at 2^%d", exp).isCloseTo(nc1, within(WELL_TOL * nc1));
      assertThat(Nc1TraceRatio.of(f, m)).as("trace ratio at 2^%d", exp)
          .isCloseTo(ratio, within(WELL_TOL * ratio));
      assertThat(Nc2EtfMeans.of(m)).as("NC2 at 2^%d", exp)
          .isCloseTo(etf, within(WELL_TOL));
      assertThat(EquinormMeans.of(m)).as("equinorm at 2^%d", exp)
          .isCloseTo(equinorm, within(WELL_TOL));
      assertThat(Nc2OrthoMeans.of(m)).as("nc2_ortho at 2^%d", exp).isCloseTo(ortho, within(WELL_TOL));
      assertThat(Nc2DiagMeans.of(m)).as("nc2_diag at 2^%d", exp).isCloseTo(diag, within(WELL_TOL));
      assertThat(EquiangularityMeans.of(m)).as("equiangularity at 2^%d", exp)
          .isCloseTo(angles, within(WELL_TOL));
      assertThat(CondClassMeans.of(m)).as("cond at 2^%d", exp).isCloseTo(cond, within(WELL_TOL * cond));
    }
  }

  @Test
  void coincidingClassMeansAreRejectedNotNaN() {
    // Every class has the same samples, so every class mean equals the global mean exactly.
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 2, 1, 2, 1, 2}, {3, 1, 3, 1, 3, 1}});
    h = MetricsTestSupport.transpose(MetricsTestSupport.transpose(h));
    int[] y = {0, 0, 1, 1, 2, 2};
    LabeledFeatures f = new LabeledFeatures(h, y, 3);
    ClassMeans m = ClassMeans.of(f);
    assertThatThrownBy(() -> Nc1.of(f, m)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Nc1TraceRatio.of(f, m)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> EquinormMeans.of(m)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Nc2EtfMeans.of(m)).isInstanceOf(InvalidInputException.class);
  }
}
