package ncverify.theory.claims.ufm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import ncverify.theory.geometry.DeepLinearReducedObjective;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.internal.ClassSizes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * {@link DlnGeometryClaim} on constructed cases: the exact closed-form optimum (every part holds at
 * roundoff, every wrong-factor version is violated), and random perturbations of it, where the
 * perturbation bound of the claim (2 Lip_Q g_red/mu, g the exact gradient norm of the perturbed point)
 * must cover the measured error (docs/theory.md section 3.7).
 */
class DlnGeometryClaimTest {

  private static final int[][] SIZES = {{6, 4, 3, 2}, {5, 5, 5}, {8, 3, 1}};

  private static DeepLinearUfmOptimum optimum(int[] sizes, int depth, double lambda) {
    return DeepLinearUfmOptimum.of(sizes, depth, lambda, 1.3 * lambda);
  }

  @Test
  void everyPartHoldsAtTheExactOptimumAndItsWrongFactorVersionIsViolated() {
    for (int[] sizes : SIZES) {
      for (int depth = 1; depth <= 3; depth++) {
        DeepLinearUfmOptimum opt = optimum(sizes, depth, 2e-3);
        DeepLinearUfmOptimum.Realization r = opt.realize(sizes.length + 1, 11L * depth);
        Measurement m = DlnGeometryClaim.measurement(r.weights(), r.h(), ClassSizes.sortedLabels(sizes), opt, 0.0,
            true, true);
        assertThat(m.get(DlnGeometryClaim.CURVATURE)).as("normal curvature at the optimum").isPositive();
        for (Claim c : DlnGeometryClaim.all()) {
          ClaimResult res = c.evaluate(m);
          assertThat(res.verdict()).as(res.toString()).isEqualTo(Verdict.HOLDS);
          ClaimResult wrong = c.strengthened(2).evaluate(m);
          assertThat(wrong.verdict()).as(wrong.toString()).isEqualTo(Verdict.VIOLATED);
        }
      }
    }
  }

  @Test
  void reducedGradientVanishesAtTheOptimumAndMatchesFiniteDifferences() {
    int[] sizes = {6, 4, 3, 2};
    DeepLinearUfmOptimum opt = optimum(sizes, 3, 2e-3);
    DeepLinearUfmOptimum.Realization r = opt.realize(5, 3);
    DMatrixRMaj hbar = classMeans(r.h(), sizes);
    DeepLinearReducedObjective f = DeepLinearReducedObjective.of(r.weights(), hbar, sizes, opt.lambdaW(),
        opt.lambdaH());
    double[] theta = DeepLinearReducedObjective.flatten(r.weights(), hbar);
    assertThat(norm(f.gradient(theta))).isLessThan(1e-12);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < theta.length; i++) {
      theta[i] += 0.1 * rng.nextGaussian();
    }
    double[] g = f.gradient(theta);
    double h = 1e-6;
    for (int i = 0; i < theta.length; i += 7) {
      double[] p = theta.clone();
      double[] q = theta.clone();
      p[i] += h;
      q[i] -= h;
      double fd = (f.value(p) - f.value(q)) / (2 * h);
      assertThat(Math.abs(fd - g[i])).as("entry %d", i).isLessThan(1e-7 * (1 + Math.abs(g[i])));
    }
    // the reduced objective at the class means equals the closed-form optimal loss
    assertThat(f.value(DeepLinearReducedObjective.flatten(r.weights(), hbar)))
        .isCloseTo(opt.optimalLoss(), org.assertj.core.api.Assertions.within(1e-12));
  }

  /**
   * Perturbed optima: every parameter (weights and every sample's features) moved by 1e-8 x a Gaussian;
   * the claim's tolerance from the exact gradient norm of the perturbed point covers the error of every
   * part, and the first-order assumption holds.
   */
  @Test
  void perturbationBoundCoversTheErrorOfPerturbedOptima() {
    SplittableRandom rng = new SplittableRandom(20261125);
    int judged = 0;
    for (int trial = 0; trial < 12; trial++) {
      int[] sizes = SIZES[trial % SIZES.length];
      int depth = 1 + trial % 3;
      DeepLinearUfmOptimum opt = optimum(sizes, depth, 1e-3 * (1 + trial % 4));
      DeepLinearUfmOptimum.Realization r = opt.realize(sizes.length + trial % 2, trial);
      List<DMatrixRMaj> ws = new ArrayList<>();
      for (DMatrixRMaj w : r.weights()) {
        ws.add(perturbed(w, rng, 1e-8));
      }
      DMatrixRMaj h = perturbed(r.h(), rng, 1e-8);
      double g = fullGradientNorm(ws, h, sizes, opt.lambdaW(), opt.lambdaH());
      Measurement m = DlnGeometryClaim.measurement(ws, h, ClassSizes.sortedLabels(sizes), opt, g, true, true);
      for (Claim c : DlnGeometryClaim.all()) {
        ClaimResult res = c.evaluate(m);
        assertThat(res.verdict()).as("trial %d: %s", trial, res).isEqualTo(Verdict.HOLDS);
        judged++;
      }
    }
    assertThat(judged).isEqualTo(12 * 6);
  }

  @Test
  void notApplicableAwayFromTheOptimumOrOutsideTheFirstOrderRegime() {
    int[] sizes = {6, 4, 3, 2};
    DeepLinearUfmOptimum opt = optimum(sizes, 2, 2e-3);
    DeepLinearUfmOptimum.Realization r = opt.realize(4, 1);
    int[] labels = ClassSizes.sortedLabels(sizes);
    Measurement spurious = DlnGeometryClaim.measurement(r.weights(), r.h(), labels, opt, 0.0, true, false);
    Measurement rough = DlnGeometryClaim.measurement(r.weights(), r.h(), labels, opt, 1e-2, true, true);
    Measurement unconverged = DlnGeometryClaim.measurement(r.weights(), r.h(), labels, opt, 1e-2, false, true);
    for (Claim c : DlnGeometryClaim.all()) {
      boolean nc1 = ((DlnGeometryClaim) c).part() == DlnGeometryClaim.Part.NC1;
      assertThat(c.evaluate(spurious).verdict()).isEqualTo(nc1 ? Verdict.HOLDS : Verdict.NOT_APPLICABLE);
      assertThat(c.evaluate(rough).verdict()).isEqualTo(nc1 ? Verdict.HOLDS : Verdict.NOT_APPLICABLE);
      if (nc1) {
        assertThat(c.evaluate(unconverged).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
      }
    }
  }

  /** ||grad F|| of the full objective (1/(2N))||W H - Y||^2 + ridges, from the reduced gradient algebra. */
  static double fullGradientNorm(List<DMatrixRMaj> ws, DMatrixRMaj h, int[] sizes, double lambdaW,
      double lambdaH) {
    int n = h.numCols;
    int[] labels = ClassSizes.sortedLabels(sizes);
    DMatrixRMaj w = ws.get(0);
    for (int m = 1; m < ws.size(); m++) {
      DMatrixRMaj next = new DMatrixRMaj(ws.get(m).numRows, w.numCols);
      CommonOps_DDRM.mult(ws.get(m), w, next);
      w = next;
    }
    DMatrixRMaj r = new DMatrixRMaj(w.numRows, n);
    CommonOps_DDRM.mult(w, h, r);
    for (int i = 0; i < n; i++) {
      r.add(labels[i], i, -1);
    }
    CommonOps_DDRM.scale(1.0 / n, r);
    double sum = 0;
    DMatrixRMaj gh = new DMatrixRMaj(h.numRows, n);
    CommonOps_DDRM.multTransA(w, r, gh);
    CommonOps_DDRM.addEquals(gh, lambdaH, h);
    sum += sq(gh);
    for (int m = 0; m < ws.size(); m++) {
      DMatrixRMaj below = h;
      for (int j = 0; j < m; j++) {
        DMatrixRMaj next = new DMatrixRMaj(ws.get(j).numRows, below.numCols);
        CommonOps_DDRM.mult(ws.get(j), below, next);
        below = next;
      }
      DMatrixRMaj up = r;
      for (int j = ws.size() - 1; j > m; j--) {
        DMatrixRMaj next = new DMatrixRMaj(ws.get(j).numCols, up.numCols);
        CommonOps_DDRM.multTransA(ws.get(j), up, next);
        up = next;
      }
      DMatrixRMaj g = new DMatrixRMaj(up.numRows, below.numRows);
      CommonOps_DDRM.multTransB(up, below, g);
      CommonOps_DDRM.addEquals(g, lambdaW, ws.get(m));
      sum += sq(g);
    }
    return Math.sqrt(sum);
  }

  private static DMatrixRMaj classMeans(DMatrixRMaj h, int[] sizes) {
    int[] labels = ClassSizes.sortedLabels(sizes);
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, sizes.length);
    for (int i = 0; i < labels.length; i++) {
      for (int r = 0; r < h.numRows; r++) {
        means.add(r, labels[i], h.get(r, i) / sizes[labels[i]]);
      }
    }
    return means;
  }

  private static DMatrixRMaj perturbed(DMatrixRMaj a, SplittableRandom rng, double eps) {
    DMatrixRMaj b = a.copy();
    for (int i = 0; i < b.getNumElements(); i++) {
      b.data[i] += eps * rng.nextGaussian();
    }
    return b;
  }

  private static double sq(DMatrixRMaj a) {
    double s = 0;
    for (double v : a.data) {
      s += v * v;
    }
    return s;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
