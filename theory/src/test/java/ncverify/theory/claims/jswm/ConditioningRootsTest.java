package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ConditioningRootsTest {

  private static final double TOL = 1e-12;

  private static double f(double x) {
    return x - 1.0 - Math.log(x);
  }

  /** Plain bisection on x itself: f decreasing on (0, 1), increasing on (1, inf). */
  private static double bisect(double lo, double hi, double delta, boolean decreasing) {
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      boolean below = f(mid) < delta;
      if (below == decreasing) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  @Test
  void rootsMatchAnIndependentBisection() {
    for (double delta : new double[] {1e-3, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0}) {
      ConditioningRoots r = ConditioningRoots.of(delta);
      double lower = bisect(1e-300, 1.0, delta, true);
      double upper = bisect(1.0, 10.0 * (delta + 2), delta, false);
      assertThat(r.lower()).as("lower root, delta %s", delta).isCloseTo(lower, within(TOL * Math.max(1e-300, lower) + 1e-15));
      assertThat(r.upper()).as("upper root, delta %s", delta).isCloseTo(upper, within(TOL * upper));
      assertThat(f(r.lower())).isCloseTo(delta, within(1e-9 * delta));
      assertThat(f(r.upper())).isCloseTo(delta, within(1e-12 * (1 + delta)));
      assertThat(r.sqrtRatio()).isCloseTo(Math.sqrt(upper / lower), within(1e-9 * Math.sqrt(upper / lower)));
    }
  }

  @Test
  void tinyDeltaFollowsTheQuadraticExpansion() {
    // x = 1 + y: y^2/2 - y^3/3 + ... = delta, so y = +-sqrt(2 delta) + 2 delta/3 + O(delta^{3/2})
    for (double delta : new double[] {1e-8, 1e-12, 1e-16, 1e-20}) {
      ConditioningRoots r = ConditioningRoots.of(delta);
      double s = Math.sqrt(2 * delta);
      assertThat(r.upper() - 1.0).isCloseTo(s + 2 * delta / 3, within(10 * delta * s + 1e-16));
      assertThat(1.0 - r.lower()).isCloseTo(s - 2 * delta / 3, within(10 * delta * s + 1e-16));
      assertThat(r.lower()).isLessThan(1.0 + 1e-300);
      assertThat(r.upper()).isGreaterThanOrEqualTo(1.0);
    }
  }

  @Test
  void hugeDeltaKeepsTheLowerRootInLogSpace() {
    // for large delta the lower root is exp(-1 - delta) (1 + O(exp(-delta)))
    for (double delta : new double[] {50.0, 800.0, 1e4}) {
      ConditioningRoots r = ConditioningRoots.of(delta);
      assertThat(r.logLower()).isCloseTo(-1.0 - delta, within(1e-9 * delta));
      assertThat(f(r.upper())).isCloseTo(delta, within(1e-12 * delta));
    }
    assertThat(ConditioningRoots.of(1e4).sqrtRatio()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void sidesNearZeroKeepFullRelativeAccuracy() {
    // Closed forms t + expm1(-t) and y - log1p(y) cancel for small arguments (relative error ~ 2 eps / t);
    // the sides must match their Taylor polynomials up to degree 5 (the next terms are below 1e-15
    // relative for arguments <= 1e-4).
    for (double x : new double[] {1e-4, 1e-6, 1e-9}) {
      double x2 = x * x;
      double lower = x2 / 2 - x2 * x / 6 + x2 * x2 / 24 - x2 * x2 * x / 120;
      double upper = x2 / 2 - x2 * x / 3 + x2 * x2 / 4 - x2 * x2 * x / 5;
      assertThat(ConditioningRoots.lowerSide(x)).as("lowerSide(%s)", x).isCloseTo(lower, within(1e-14 * lower));
      assertThat(ConditioningRoots.upperSide(x)).as("upperSide(%s)", x).isCloseTo(upper, within(1e-14 * upper));
    }
    // and agree with the closed forms where those are accurate
    for (double x : new double[] {0.05, 0.0999, 0.1, 0.5, 3.0}) {
      assertThat(ConditioningRoots.lowerSide(x)).isCloseTo(x + Math.expm1(-x), within(1e-13 * x * x));
      assertThat(ConditioningRoots.upperSide(x)).isCloseTo(x - Math.log1p(x), within(1e-13 * x * x));
    }
  }

  @Test
  void zeroDeltaGivesTheDoubleRootOne() {
    ConditioningRoots r = ConditioningRoots.of(0.0);
    assertThat(r.lower()).isEqualTo(1.0);
    assertThat(r.upper()).isEqualTo(1.0);
    assertThat(r.sqrtRatio()).isEqualTo(1.0);
  }

  @Test
  void negativeOrNonFiniteDeltaIsRejected() {
    assertThatThrownBy(() -> ConditioningRoots.of(-0.1)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("delta");
    assertThatThrownBy(() -> ConditioningRoots.of(Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ConditioningRoots.of(Double.POSITIVE_INFINITY)).isInstanceOf(InvalidInputException.class);
  }
}
