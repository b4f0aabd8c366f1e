package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class Nc1Test extends MetricsTestSupport {

  @Test
  void fastPathEqualsDirectFormulaOnRandomImbalancedData() {
    int cases = 0;
    for (int k = 2; k <= 6; k++) {
      for (int d = Math.max(1, k - 3); d <= 20; d += (d < k + 2 ? 1 : 5)) {
        for (GlobalMean gm : GlobalMean.values()) {
          LabeledFeatures f = randomFeatures(k, d, rnd);
          double fast = Nc1.of(f, ClassMeans.of(f, gm));
          double direct = Nc1Direct.of(f.features(), f.labels(), k, gm);
          assertThat(relDiff(fast, direct)).as("K=%d d=%d %s: fast %s direct %s", k, d, gm, fast, direct)
              .isLessThan(TOL);
          cases++;
        }
      }
    }
    assertThat(cases).isGreaterThan(50);
  }

  @Test
  void handComputedOneDimensionalExample() {
    // class 0 at {0, 2} (mean 1), class 1 at {10, 12} (mean 11): Sigma_W = 1, mu_G = 6,
    // Sigma_B = (25 + 25)/2 = 25, NC1 = (1/25)/2, trace ratio = 1/25.
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{0, 10, 2, 12}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 1, 0, 1}, 2);
    assertThat(Nc1.of(f)).isCloseTo(0.02, within(1e-15));
    assertThat(Nc1TraceRatio.of(f)).isCloseTo(0.04, within(1e-15));
  }

  @Test
  void featuresEqualToTheirClassMeansHaveZeroNc1() {
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + rnd.nextInt(8);
      int d = 1 + rnd.nextInt(30);
      int[] y = labels(sizes(k, 1, 5, rnd), rnd);
      LabeledFeatures f = new LabeledFeatures(around(gaussian(d, k, rnd), y, 0.0, rnd), y, k);
      assertThat(Nc1.of(f)).isCloseTo(0.0, within(ZERO_TOL));
      assertThat(Nc1TraceRatio.of(f)).isCloseTo(0.0, within(ZERO_TOL));
    }
  }

  @Test
  void tinyFeaturesKeepTheirNc1AndSubnormalOnesAreRejectedNotNaN() {
    // the hand-computed example scaled by 2^-1000 (exact): NC1 is scale-invariant, still 1/50
    double[] x = {0, 10, 2, 12};
    int[] y = {0, 1, 0, 1};
    DMatrixRMaj tiny = new DMatrixRMaj(1, 4);
    DMatrixRMaj subnormal = new DMatrixRMaj(1, 4);
    for (int i = 0; i < 4; i++) {
      tiny.set(0, i, Math.scalb(x[i], -1000));
      subnormal.set(0, i, Math.scalb(x[i], -1070));
    }
    assertThat(Nc1.of(new LabeledFeatures(tiny, y, 2))).isCloseTo(0.02, within(1e-15));
    // class means 2^-1070 x 10 apart: 1/s_j overflows, so the fast path would give NaN
    assertThatThrownBy(() -> Nc1.of(new LabeledFeatures(subnormal, y, 2))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("NC1 cannot be computed in double precision");
  }

  @Test
  void coincidingClassMeansAreRejected() {
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, -1, 1, -1}, {0, 0, 0, 0}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 0, 1, 1}, 2);
    assertThatThrownBy(() -> Nc1.of(f)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("class means coincide");
    assertThatThrownBy(() -> Nc1TraceRatio.of(f)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void largeBlockCountMatchesDirectFormula() {
    // N spans several sample blocks, including a partial last one
    int k = 4;
    int d = 6;
    int[] y = labels(new int[] {300, 200, 150, 51}, rnd);
    LabeledFeatures f = new LabeledFeatures(around(gaussian(d, k, rnd), y, 0.7, rnd), y, k);
    assertThat(relDiff(Nc1.of(f), Nc1Direct.of(f.features(), f.labels(), k, GlobalMean.SAMPLE)))
        .isLessThan(TOL);
  }
}
