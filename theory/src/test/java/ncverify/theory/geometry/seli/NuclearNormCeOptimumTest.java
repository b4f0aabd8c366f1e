package ncverify.theory.geometry.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import ncverify.theory.InvalidInputException;
import ncverify.theory.ReferenceValues;
import ncverify.theory.geometry.Arrays2d;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.geometry.StepImbalance;
import ncverify.theory.geometry.seli.NuclearNormCeOptimum.Observable;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NuclearNormCeOptimumTest {

  /** docs/theory.md quotes its reference distances to 3 digits. */
  private static final double REFERENCE_TOL = 1.5e-3;
  /** Agreement with the unreduced proximal-gradient solve (its own accuracy after 20k FISTA steps). */
  private static final double PROX_TOL = 1e-6;
  /** Distances that are exactly 0 at the optimum (balanced classes, K = 2): solver round-off only. */
  private static final double EXACT_TOL = 1e-10;

  @Test
  void reproducesTheoryReferenceTable() {
    // docs/theory.md section 2: K=4, R=10, rho=1/2, n_min=5: ndist(G_W) ~ 0.116, 0.083, 0.065, 0.054, 0.046
    int[] sizes = new StepImbalance(4, 10, 0.5, 5).classSizes();
    double[] lambdas = ReferenceValues.seliRateLambdas();
    double[] reference = ReferenceValues.seliRateDistances();
    ClassLogitGeometry seli = ClassLogitGeometry.seli(sizes);
    NuclearNormCeOptimum prev = null;
    for (int i = 0; i < lambdas.length; i++) {
      NuclearNormCeOptimum o = NuclearNormCeOptimum.solve(sizes, lambdas[i], prev);
      prev = o;
      assertThat(Norms.ndist(o.geometry().gramW(), seli.gramW())).as("lambda %s", lambdas[i])
          .isCloseTo(reference[i], within(REFERENCE_TOL));
    }
  }

  @Test
  void certificateHoldsAndTheDualityGapVanishes() {
    for (int[] sizes : new int[][] {{50, 50, 5, 5}, {100, 100, 100, 100, 100, 1, 1}, {40, 51, 1, 64}, {1, 2, 1, 1, 3}}) {
      for (double lambda : new double[] {1e-1, 1e-2, 1e-3}) {
        NuclearNormCeOptimum o = NuclearNormCeOptimum.solve(sizes, lambda);
        assertThat(o.certified()).isTrue();
        assertThat(o.dualRatio()).isLessThanOrEqualTo(1 + NuclearNormCeOptimum.CERT_TOL);
        assertThat(Math.abs(o.dualityGap())).as("gap at %s", lambda).isLessThan(1e-11 * o.objective());
        assertThat(o.relativeGradient()).isLessThan(10 * NuclearNormCeOptimum.GRAD_TOL);
      }
    }
  }

  /**
   * Independent oracle: FISTA with singular-value thresholding on the unreduced convex problem
   * min_X CE(X) + lambda ||X||_* over all K x N logits, which knows nothing of the collapse.
   */
  @Test
  void agreesWithAProximalGradientSolveOfTheUnreducedConvexProblem() {
    int[] sizes = {3, 2, 1};
    double lambda = 0.05;
    double[][] y = Arrays2d.oneHotSorted(sizes);
    int k = sizes.length;
    int n = y[0].length;
    double[][] x = new double[k][n];
    double[][] prevX = new double[k][n];
    double t = 1;
    for (int it = 0; it < 20_000; it++) {
      double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      double[][] v = new double[k][n];
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < n; c++) {
          v[r][c] = x[r][c] + (t - 1) / tNext * (x[r][c] - prevX[r][c]);
        }
      }
      prevX = x;
      x = svt(minus(v, ceGradient(v, y)), lambda);
      t = tNext;
    }
    NuclearNormCeOptimum o = NuclearNormCeOptimum.solve(sizes, lambda);
    double[][] expected = Arrays2d.mult(Arrays2d.of(o.classLogits()), y);
    assertThat(Arrays2d.frob(minus(x, expected)) / Arrays2d.frob(expected)).isLessThan(PROX_TOL);
  }

  @Test
  void balancedClassesGiveTheEtfAndTwoClassesTheAntipodalPairAtEveryLambda() {
    for (double lambda : new double[] {1e-1, 1e-3}) {
      NuclearNormCeOptimum balanced = NuclearNormCeOptimum.solve(new int[] {4, 4, 4, 4}, lambda);
      assertThat(Norms.ndist(balanced.geometry().gramW(), SimplexEtf.gram(4))).isLessThan(EXACT_TOL);
      NuclearNormCeOptimum two = NuclearNormCeOptimum.solve(new int[] {9, 1}, lambda);
      assertThat(Norms.ndist(two.geometry().gramW(), SimplexEtf.gram(2))).isLessThan(EXACT_TOL);
    }
  }

  /**
   * kappa is the worst-case first-order sensitivity: at points x* + eps xi near the optimum, every
   * observable moves by at most kappa r (r the relative gradient, from an independent gradient written
   * here), and random directions come within a factor of 20 of it (the bound is not vacuous).
   */
  @Test
  void kappaBoundsTheFirstOrderMoveOfEveryObservable() {
    int[] sizes = {20, 20, 2, 5};
    double lambda = 1e-2;
    NuclearNormCeOptimum o = NuclearNormCeOptimum.solve(sizes, lambda);
    double[][] w0 = Arrays2d.of(o.w());
    double[][] h0 = Arrays2d.of(o.ht());
    Random rng = new Random(11);
    double[] worst = new double[Observable.values().length];
    for (int trial = 0; trial < 20; trial++) {
      double[][] w = perturb(w0, 1e-6, rng);
      double[][] h = perturb(h0, 1e-6, rng);
      double r = relativeGradient(w, h, sizes, lambda);
      for (Observable obs : Observable.values()) {
        double moved = Arrays2d.ndist(observable(obs, w, h, sizes), observable(obs, w0, h0, sizes));
        double ratio = moved / (o.kappa(obs) * r);
        assertThat(ratio).as("%s trial %d", obs, trial).isLessThan(1.01);
        worst[obs.ordinal()] = Math.max(worst[obs.ordinal()], ratio);
      }
    }
    for (Observable obs : Observable.values()) {
      assertThat(worst[obs.ordinal()]).as("%s: largest moved/(kappa r)", obs).isGreaterThan(0.05);
      assertThat(o.kappa(obs)).isBetween(0.1, 100.0);
    }
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> NuclearNormCeOptimum.solve(new int[] {3, 0}, 0.1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> NuclearNormCeOptimum.solve(new int[] {3, 2}, 0.0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda");
    assertThatThrownBy(() -> NuclearNormCeOptimum.solve(new int[] {3, 2}, Double.NaN))
        .isInstanceOf(InvalidInputException.class);
  }

  // ---- independent helpers -----------------------------------------------------------------------

  private static double[][] ceGradient(double[][] x, double[][] y) {
    int k = x.length;
    int n = x[0].length;
    double[][] g = new double[k][n];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        max = Math.max(max, x[c][i]);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(x[c][i] - max);
      }
      for (int c = 0; c < k; c++) {
        g[c][i] = Math.exp(x[c][i] - max) / sum - y[c][i];
      }
    }
    return g;
  }

  private static double[][] minus(double[][] a, double[][] b) {
    double[][] c = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        c[i][j] = a[i][j] - b[i][j];
      }
    }
    return c;
  }

  /** Singular-value soft thresholding: the prox of tau ||.||_*. */
  private static double[][] svt(double[][] a, double tau) {
    DMatrixRMaj m = new DMatrixRMaj(a);
    Svd svd = Svd.thin(m);
    double[][] u = Arrays2d.of(svd.u());
    double[][] v = Arrays2d.of(svd.v());
    double[] s = svd.s();
    double[][] out = new double[a.length][a[0].length];
    for (int j = 0; j < s.length; j++) {
      double sj = Math.max(0, s[j] - tau);
      for (int r = 0; r < a.length; r++) {
        for (int c = 0; c < a[0].length; c++) {
          out[r][c] += sj * u[r][j] * v[c][j];
        }
      }
    }
    return out;
  }

  private static double[][] perturb(double[][] a, double eps, Random rng) {
    double[][] out = new double[a.length][a[0].length];
    double scale = eps * Arrays2d.frob(a);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] + scale * rng.nextGaussian();
      }
    }
    return out;
  }

  /** ||grad F|| / (lambda ||(W, Ht)||) of the reduced problem, from the plain formulas. */
  private static double relativeGradient(double[][] w, double[][] h, int[] sizes, double lambda) {
    int k = sizes.length;
    double[][] z = Arrays2d.mult(w, h);
    double[][] q = new double[k][k];
    for (int c = 0; c < k; c++) {
      double sq = Math.sqrt(sizes[c]);
      double max = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < k; r++) {
        max = Math.max(max, z[r][c] / sq);
      }
      double sum = 0;
      for (int r = 0; r < k; r++) {
        sum += Math.exp(z[r][c] / sq - max);
      }
      for (int r = 0; r < k; r++) {
        q[r][c] = sq * (Math.exp(z[r][c] / sq - max) / sum - (r == c ? 1 : 0));
      }
    }
    double[][] gw = Arrays2d.mult(q, Arrays2d.transpose(h));
    double[][] gh = Arrays2d.mult(Arrays2d.transpose(w), q);
    double g2 = 0;
    double x2 = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double a = gw[i][j] + lambda * w[i][j];
        double b = gh[i][j] + lambda * h[i][j];
        g2 += a * a + b * b;
        x2 += w[i][j] * w[i][j] + h[i][j] * h[i][j];
      }
    }
    return Math.sqrt(g2) / (lambda * Math.sqrt(x2));
  }

  private static double[][] observable(Observable o, double[][] w, double[][] h, int[] sizes) {
    switch (o) {
      case GRAM_W:
        return Arrays2d.mult(w, Arrays2d.transpose(w));
      case LOGITS:
        return Arrays2d.mult(w, h);
      case FEATURE_GRAM:
        return Arrays2d.mult(Arrays2d.transpose(h), h);
      case CLASS_MEAN_GRAM: {
        double[][] f = Arrays2d.mult(Arrays2d.transpose(h), h);
        for (int r = 0; r < f.length; r++) {
          for (int c = 0; c < f.length; c++) {
            f[r][c] /= Math.sqrt((double) sizes[r] * sizes[c]);
          }
        }
        return f;
      }
      default:
        throw new AssertionError(o);
    }
  }
}
