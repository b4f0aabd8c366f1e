package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ncverify.theory.InvalidInputException;
import ncverify.theory.ReferenceValues;
import org.junit.jupiter.api.Test;

class DncLossTest {

  private static final int GRID = 20_000;
  private static final double GRID_TOL = 1e-8;

  /** min of f_C over a uniform grid of [0, 1], computed without the stationarity condition. */
  private static double gridMin(double c, int depth) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      double s = (double) i / GRID;
      best = Math.min(best, 0.5 * (1 - s) * (1 - s) + c * Math.pow(s, 2.0 / (depth + 1)));
    }
    return best;
  }

  @Test
  void minimumMatchesGridSearch() {
    for (int depth = 1; depth <= 6; depth++) {
      for (double c : new double[] {0.001, 0.05, 0.1, 0.3, 0.5, 0.54, 0.6, 0.9, 1.2}) {
        double min = DncLoss.min(c, depth);
        assertThat(min).isLessThanOrEqualTo(gridMin(c, depth) + 1e-15);
        assertThat(min).isCloseTo(gridMin(c, depth), offset(GRID_TOL));
      }
    }
  }

  @Test
  void oneLayerIsTheRidgeShrinkage() {
    for (double c : new double[] {0.1, 0.5, 0.99, 1.5}) {
      assertThat(DncLoss.argmin(c, 1)).isCloseTo(Math.max(0, 1 - c), offset(1e-12));
    }
  }

  @Test
  void criticalConstantsOfTheory() {
    assertThat(DncLoss.criticalC(2)).isCloseTo(ReferenceValues.DUFM_C_STAR_L2, offset(1e-6));
    assertThat(DncLoss.criticalC(3)).isCloseTo(ReferenceValues.DUFM_C_STAR_L3, offset(1e-6));
    assertThat(DncLoss.criticalC(4)).isCloseTo(ReferenceValues.DUFM_C_STAR_L4, offset(1e-6));
  }

  @Test
  void criticalConstantIsWhereTheGridMinimumReachesOneHalf() {
    for (int depth = 2; depth <= 5; depth++) {
      double lo = 0.3;
      double hi = 1.0;
      for (int it = 0; it < 30; it++) {
        double mid = 0.5 * (lo + hi);
        if (gridMin(mid, depth) < 0.5 - 1e-12) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      assertThat(DncLoss.criticalC(depth)).isCloseTo(lo, offset(1e-5));
      assertThat(DncLoss.min(DncLoss.criticalC(depth) * 1.001, depth)).isEqualTo(0.5);
      assertThat(DncLoss.min(DncLoss.criticalC(depth) * 0.999, depth)).isLessThan(0.5);
    }
  }

  @Test
  void constantFromItsDerivation() {
    // C = (K (L+1)/2) (n lambda_H prod lambda_l)^{1/(L+1)}
    DufmParameters p = DufmParameters.of(7, 3, 2, 0.01, 0.02, 0.03, 0.04);
    double expected = 7 * 4 / 2.0 * Math.pow(2 * 0.04 * 0.01 * 0.02 * 0.03, 0.25);
    assertThat(DncLoss.constantC(p)).isCloseTo(expected, offset(1e-15));
    // docs/theory.md reference: lambda = 0.004, n = 1, K = 10, L = 4 gives C = 25 * 0.004 = 0.1
    assertThat(DncLoss.constantC(DufmParameters.uniform(10, 4, 1, 0.004))).isCloseTo(0.1, offset(1e-15));
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> DncLoss.min(0.1, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DncLoss.min(-0.1, 2)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DncLoss.criticalC(0)).isInstanceOf(InvalidInputException.class);
    // Found by mutation testing: f's depth check, C = 0 and C = +inf were never exercised.
    assertThatThrownBy(() -> DncLoss.f(0.1, 0, 0.5)).isInstanceOf(InvalidInputException.class);
    for (double bad : new double[] {0.0, Double.POSITIVE_INFINITY, Double.NaN}) {
      assertThatThrownBy(() -> DncLoss.argmin(bad, 2)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("constant C");
    }
  }

  /**
   * At the collapse the non-zero minimizer is s* = (L-1)/L: eliminating C between the stationarity
   * condition (1-s) s^{1-p} = C p and f_C(s) = 1/2 leaves (p-2)u^2 + 2u - p = 0 in u = 1 - s, whose
   * root other than u = 1 is u = p/(2-p) = 1/L. Just below C*(L) the argmin sits there, just above it
   * drops to 0.
   */
  @Test
  void minimizerJumpsFromOneMinusOneOverLToZeroAtTheCollapse() {
    for (int depth = 1; depth <= 6; depth++) {
      double critical = DncLoss.criticalC(depth);
      assertThat(DncLoss.argmin(critical * (1 - 1e-10), depth)).as("L=%d", depth)
          .isCloseTo((depth - 1.0) / depth, offset(1e-6));
      assertThat(DncLoss.argmin(critical * (1 + 1e-10), depth)).as("L=%d", depth).isEqualTo(0.0);
    }
  }
}
