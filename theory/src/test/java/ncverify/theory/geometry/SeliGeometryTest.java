package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import ncverify.theory.InvalidInputException;
import ncverify.theory.ReferenceValues;
import org.junit.jupiter.api.Test;

class SeliGeometryTest {

  private static final double TOL = 1e-10;
  private static final double GD_GRAD_TOL = 1e-6;
  /** docs/theory.md quotes the rate numbers to 3 digits. */
  private static final double RATE_TOL = 1.5e-3;
  private static final int[] SIZES = {5, 3, 3, 1};

  @Test
  void realizationSatisfiesTheSeliIdentities() {
    SeliGeometry g = SeliGeometry.of(SIZES);
    double[][] zhat = Arrays2d.of(g.selMatrix().zhat());
    double[][] zzt = Arrays2d.gramRows(zhat);
    double[][] ztz = Arrays2d.gramCols(zhat);
    for (int d : new int[] {4, 7}) {
      SeliGeometry.Realization r = g.realize(d, 17L + d);
      double[][] w = Arrays2d.of(r.w());
      double[][] h = Arrays2d.of(r.h());
      assertThat(w.length).isEqualTo(4);
      assertThat(w[0].length).isEqualTo(d);
      assertThat(h.length).isEqualTo(d);
      assertThat(Arrays2d.maxAbsDiff(Arrays2d.mult(w, h), zhat)).isLessThan(TOL);
      double[][] gw = Arrays2d.gramRows(w);
      double[][] gh = Arrays2d.gramCols(h);
      // independent check of the square roots: (W W^T)^2 = Zhat Zhat^T, (H^T H)^2 = Zhat^T Zhat
      assertThat(Arrays2d.maxAbsDiff(Arrays2d.mult(gw, gw), zzt)).isLessThan(TOL);
      assertThat(Arrays2d.maxAbsDiff(Arrays2d.mult(gh, gh), ztz)).isLessThan(TOL);
      // and the normalized Grams match the geometry's
      assertThat(Arrays2d.ndist(gw, Arrays2d.of(g.gramW()))).isLessThan(TOL);
      assertThat(Arrays2d.ndist(gh, Arrays2d.of(g.gramH()))).isLessThan(TOL);
    }
  }

  @Test
  void gramsAreNormalizedSymmetricPsdRoots() {
    SeliGeometry g = SeliGeometry.of(SIZES);
    double[][] gw = Arrays2d.of(g.gramW());
    double[][] gm = Arrays2d.of(g.gramClassMeans());
    assertThat(Arrays2d.frob(gw)).isCloseTo(1.0, within(TOL));
    assertThat(Arrays2d.frob(gm)).isCloseTo(1.0, within(TOL));
    assertThat(Arrays2d.frob(Arrays2d.of(g.gramH()))).isCloseTo(1.0, within(TOL));
    assertThat(Arrays2d.frob(Arrays2d.of(g.logits()))).isCloseTo(1.0, within(TOL));
    assertThat(Arrays2d.maxAbsDiff(gw, Arrays2d.transpose(gw))).isZero();
    double[][] sds = Arrays2d.of(g.selMatrix().zhatZhatT());
    // G_W^2 ~ S D S
    assertThat(Arrays2d.ndist(Arrays2d.mult(gw, gw), sds)).isLessThan(TOL);
    // G_M ~ (S D S)^{+1/2}: G_M S D S G_M ~ S (the projector onto the range), G_M 1 = 0
    double[][] p = Arrays2d.mult(Arrays2d.mult(gm, sds), gm);
    assertThat(Arrays2d.ndist(p, Arrays2d.centering(4))).isLessThan(TOL);
    for (double[] row : gm) {
      double s = 0;
      for (double v : row) {
        s += v;
      }
      assertThat(s).isCloseTo(0.0, within(TOL));
    }
  }

  @Test
  void featureGramIsTheClassMeanGramLiftedToSamples() {
    SeliGeometry g = SeliGeometry.of(SIZES);
    double[][] gm = Arrays2d.of(g.gramClassMeans());
    int[] y = g.selMatrix().labels();
    double[][] lifted = new double[y.length][y.length];
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        lifted[i][j] = gm[y[i]][y[j]];
      }
    }
    assertThat(Arrays2d.ndist(lifted, Arrays2d.of(g.gramH()))).isLessThan(TOL);
  }

  @Test
  void balancedClassesGiveTheSimplexEtf() {
    for (int k = 2; k <= 6; k++) {
      int[] sizes = new int[k];
      java.util.Arrays.fill(sizes, 3);
      SeliGeometry g = SeliGeometry.of(sizes);
      double[][] etf = Arrays2d.of(SimplexEtf.gram(k));
      assertThat(Arrays2d.ndist(Arrays2d.of(g.gramW()), etf)).isLessThan(TOL);
      assertThat(Arrays2d.ndist(Arrays2d.of(g.gramClassMeans()), etf)).isLessThan(TOL);
      double[][] expected = Arrays2d.scale(Arrays2d.centering(k), 1 / Math.sqrt(k - 1.0));
      assertThat(Arrays2d.maxAbsDiff(Arrays2d.of(g.gramW()), expected)).isLessThan(TOL);
    }
  }

  @Test
  void jsonMapHasTheDocumentedKeys() {
    Map<String, Object> json = SeliGeometry.of(SIZES).toJsonMap();
    assertThat(json).containsKeys("singular_values", "gram_w", "gram_class_means");
    double[] sv = (double[]) json.get("singular_values");
    assertThat(sv).hasSize(4);
    assertThat(sv[0]).isGreaterThanOrEqualTo(sv[1]);
    assertThat((double[][]) json.get("gram_w")).hasDimensions(4, 4);
    assertThat((double[][]) json.get("gram_class_means")).hasDimensions(4, 4);
  }

  @Test
  void badInputThrows() {
    assertThatThrownBy(() -> SeliGeometry.of(new int[] {2, 0})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SeliGeometry.of(SIZES).realize(3, 0)).isInstanceOf(InvalidInputException.class);
  }

  /**
   * Independent check of the limit: plain GD on CE(W H) + (lambda/2)(||W||^2 + ||H||^2) (sum CE,
   * docs/theory.md section 2) for K = 3, sizes 4, 2, 2, warm-started along decreasing lambda; the
   * normalized distance of W W^T to SELI shrinks (slowly, ~1/log(1/lambda)).
   */
  @Test
  void gradientDescentApproachesSeliAsLambdaVanishes() {
    int[] sizes = {4, 2, 2};
    int[] y = {0, 0, 0, 0, 1, 1, 2, 2};
    double[][] gwSeli = Arrays2d.of(SeliGeometry.of(sizes).gramW());
    for (int d : new int[] {3, 4}) {
      Random rng = new Random(1234 + d);
      double[][][] wh = {Arrays2d.gaussian(3, d, 0.3, rng), Arrays2d.gaussian(d, 8, 0.3, rng)};
      double previous = Double.POSITIVE_INFINITY;
      for (double lambda : new double[] {1e-1, 1e-2, 1e-3}) {
        double gradNorm = CrossEntropyUfmGd.run(wh, y, lambda, 0.05, 400_000, 1e-9);
        assertThat(gradNorm).as("GD converged at lambda=%s", lambda).isLessThan(GD_GRAD_TOL);
        // measured: 0.0519, 0.0324, 0.0238 (same for d = 3 and 4)
        double dist = Arrays2d.ndist(Arrays2d.gramRows(wh[0]), gwSeli);
        assertThat(dist).as("d=%d lambda=%s", d, lambda).isLessThan(previous);
        previous = dist;
      }
      assertThat(previous).isLessThan(0.03);
    }
  }

  /** docs/theory.md section 2's rate numbers: K=4, R=10, rho=1/2, n_min=5, d=16: ndist(G_W) ~ 0.116, 0.083. */
  @Test
  void gradientDescentReproducesTheStepRateNumbers() {
    StepImbalance step = new StepImbalance(4, 10, 0.5, 5);
    int[] y = step.geometry().selMatrix().labels();
    double[][] gwSeli = Arrays2d.of(step.geometry().gramW());
    Random rng = new Random(5);
    double[][][] wh = {Arrays2d.gaussian(4, 16, 0.3, rng), Arrays2d.gaussian(16, y.length, 0.3, rng)};
    double[] lambdas = {ReferenceValues.seliRateLambdas()[0], ReferenceValues.seliRateLambdas()[1]};
    double[] expected = {ReferenceValues.seliRateDistances()[0], ReferenceValues.seliRateDistances()[1]};
    for (int i = 0; i < lambdas.length; i++) {
      double gradNorm = CrossEntropyUfmGd.run(wh, y, lambdas[i], 0.02, 200_000, 1e-8);
      assertThat(gradNorm).isLessThan(GD_GRAD_TOL);
      double dist = Arrays2d.ndist(Arrays2d.gramRows(wh[0]), gwSeli);
      assertThat(dist).as("lambda=%s", lambdas[i]).isCloseTo(expected[i], within(RATE_TOL));
    }
  }
}
