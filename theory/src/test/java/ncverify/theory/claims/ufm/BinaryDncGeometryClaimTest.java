package ncverify.theory.claims.ufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import ncverify.theory.geometry.dufm.DeepUfmObjective;
import ncverify.theory.geometry.dufm.DeepUfmPoint;
import ncverify.theory.geometry.dufm.DeepUfmRegime;
import ncverify.theory.geometry.dufm.DncSolution;
import ncverify.theory.geometry.dufm.DufmParameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * {@link BinaryDncGeometryClaim} on constructed binary optima (docs/theory.md section 4.8): the DNC
 * solution and the continuum of optima whose first-layer class means make an angle arccos(-t), t in
 * [0, 1] (same loss L_DNC, stationary): every part holds at roundoff and its wrong-factor version is
 * violated; the orthogonal-first-layer statement is violated for t &gt; 0 only; and on random
 * perturbations of an optimum the claim's bound (with g the exact gradient norm) covers the measured error.
 */
class BinaryDncGeometryClaimTest {

  /** (L, width, n, lambda / lambda_c). */
  private static final double[][] CASES = {{1, 3, 2, 0.3}, {2, 4, 2, 0.2}, {3, 5, 3, 0.1}, {4, 4, 2, 0.5},
      {5, 6, 2, 0.05}};

  private static DufmParameters params(double[] c) {
    int depth = (int) c[0];
    int n = (int) c[2];
    return DufmParameters.uniform(2, depth, n, c[3] * DeepUfmRegime.dncCollapseLambda(2, depth, n));
  }

  /**
   * The binary optimum with first-layer pre-activations w_1 h [[1, -t], [-t, 1]] (t in [0, 1]): W_1 and the
   * first-layer class means n^{+-1/4} S with S^2 = w_1 h [[1, -t], [-t, 1]], the other layers as the DNC
   * solution. The off-diagonal pre-activations -t w_1 h are cut by the ReLU, so the loss is L_DNC.
   */
  static DeepUfmPoint optimumWithFirstLayerAngle(DufmParameters p, int width, double t) {
    DncSolution dnc = DncSolution.of(p, width);
    DeepUfmPoint point = dnc.point();
    if (p.depth() == 1 || t == 0) {
      return point;
    }
    double scale = Math.sqrt(dnc.weightScales()[0] * dnc.featureScale());
    double a = scale * (Math.sqrt(1 + t) + Math.sqrt(1 - t)) / 2;
    double b = scale * (Math.sqrt(1 - t) - Math.sqrt(1 + t)) / 2;
    double q = Math.pow(p.samplesPerClass(), 0.25);
    DMatrixRMaj h1 = new DMatrixRMaj(width, p.numSamples());
    int[] labels = p.labels();
    for (int i = 0; i < labels.length; i++) {
      h1.set(0, i, (labels[i] == 0 ? a : b) / q);
      h1.set(1, i, (labels[i] == 0 ? b : a) / q);
    }
    List<DMatrixRMaj> ws = point.weights();
    DMatrixRMaj w1 = new DMatrixRMaj(width, width);
    w1.set(0, 0, a * q);
    w1.set(0, 1, b * q);
    w1.set(1, 0, b * q);
    w1.set(1, 1, a * q);
    ws.set(0, w1);
    return new DeepUfmPoint(h1, ws);
  }

  private static Measurement measure(DufmParameters p, DeepUfmPoint point) {
    double g = DeepUfmObjective.of(p).gradient(point).norm();
    return BinaryDncGeometryClaim.measurement(p, point, g, true, DncSolution.of(p));
  }

  @Test
  void theFirstLayerContinuumHasTheDncLossAndIsStationary() {
    for (double[] c : CASES) {
      DufmParameters p = params(c);
      double dnc = DncSolution.of(p).loss();
      for (double t : new double[] {0, 0.3, 0.8, 1}) {
        DeepUfmPoint point = optimumWithFirstLayerAngle(p, (int) c[1], t);
        DeepUfmObjective f = DeepUfmObjective.of(p);
        assertThat(f.value(point)).as("loss at t = %s", t).isCloseTo(dnc, within(1e-12));
        assertThat(f.gradient(point).norm()).as("gradient at t = %s", t).isLessThan(1e-12);
      }
    }
  }

  @Test
  void everyPartHoldsAtTheOptimaAndItsWrongFactorVersionIsViolated() {
    for (double[] c : CASES) {
      DufmParameters p = params(c);
      for (double t : new double[] {0, 0.5, 0.9}) {
        Measurement m = measure(p, optimumWithFirstLayerAngle(p, (int) c[1], t));
        assertThat(m.get(BinaryDncGeometryClaim.CURVATURE)).as("normal curvature, L = %s, t = %s", c[0], t)
            .isPositive();
        for (Claim claim : BinaryDncGeometryClaim.all()) {
          ClaimResult res = claim.evaluate(m);
          assertThat(res.verdict()).as(res.toString()).isEqualTo(Verdict.HOLDS);
          ClaimResult wrong = claim.strengthened(2).evaluate(m);
          assertThat(wrong.verdict()).as(wrong.toString()).isEqualTo(Verdict.VIOLATED);
        }
        ClaimResult orthogonal = BinaryDncGeometryClaim.orthogonalFirstLayer().evaluate(m);
        boolean angled = t > 0 && c[0] >= 2;
        assertThat(orthogonal.verdict()).as(orthogonal.toString())
            .isEqualTo(angled ? Verdict.VIOLATED : Verdict.HOLDS);
      }
    }
  }

  @Test
  void theBoundCoversRandomPerturbationsOfAnOptimum() {
    SplittableRandom rng = new SplittableRandom(7);
    int judged = 0;
    double worst = 0;
    for (double[] c : CASES) {
      DufmParameters p = params(c);
      for (int trial = 0; trial < 4; trial++) {
        DeepUfmPoint opt = optimumWithFirstLayerAngle(p, (int) c[1], 0.5 * trial / 3);
        DeepUfmPoint moved = perturb(opt, 1e-8, rng);
        Measurement m = measure(p, moved);
        for (Claim claim : BinaryDncGeometryClaim.all()) {
          ClaimResult res = claim.evaluate(m);
          assertThat(res.verdict()).as(res.toString()).isNotEqualTo(Verdict.VIOLATED);
          if (res.verdict() == Verdict.HOLDS) {
            judged++;
            worst = Math.max(worst, res.conclusion().orElseThrow().tightness());
          }
        }
      }
    }
    System.out.printf("binary DNC structure on perturbed optima: %d judged, largest tightness %.3g%n", judged, worst);
    assertThat(judged).as("perturbed optima on which the claims applied").isGreaterThan(30);
  }

  /** Every parameter moved by eps x N(0, 1) x the largest of its matrix (zero entries too: kinks are crossed). */
  private static DeepUfmPoint perturb(DeepUfmPoint point, double eps, SplittableRandom rng) {
    DMatrixRMaj h1 = point.h1();
    move(h1, eps, rng);
    List<DMatrixRMaj> ws = new ArrayList<>(point.weights());
    for (DMatrixRMaj w : ws) {
      move(w, eps, rng);
    }
    return new DeepUfmPoint(h1, ws);
  }

  private static void move(DMatrixRMaj m, double eps, SplittableRandom rng) {
    double max = 0;
    for (double v : m.data) {
      max = Math.max(max, Math.abs(v));
    }
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] += eps * max * rng.nextGaussian();
    }
  }
}
