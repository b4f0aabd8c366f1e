package ncverify.theory.claims.jswm;

import ncverify.theory.InvalidInputException;

/**
 * The two roots l &lt;= 1 &lt;= u of {@code x - 1 - log x = delta} (delta &gt;= 0), used by the [JSWM]
 * Thm 5.2 mechanism bound {@code kappa(A)^{1/L2} <= sqrt(u/l)} (docs/theory.md section 5).
 *
 * <p>Computed robustly: the lower root is written {@code l = exp(-t)} and solves
 * {@code t + expm1(-t) = delta}, the upper root {@code u = 1 + y} solves {@code y - log1p(y) = delta};
 * both left sides are monotone and evaluated by their Taylor series near 0 (no cancellation for tiny
 * delta), then bisected to full double precision. So {@code l} does not underflow to a wrong value
 * for large delta (use {@link #logLower()}), and {@code sqrt(u/l)} is formed in log space.
 *
 * @param delta the right-hand side
 * @param logLower log l = -t (exact even when l underflows)
 * @param upper u
 */
public record ConditioningRoots(double delta, double logLower, double upper) {

  /** Solves {@code x - 1 - log x = delta}; delta must be finite and &gt;= 0. */
  public static ConditioningRoots of(double delta) {
    if (!(delta >= 0) || !Double.isFinite(delta)) {
      throw InvalidInputException.of("x - 1 - log x = delta needs a finite delta >= 0, got %s", delta);
    }
    if (delta == 0.0) {
      return new ConditioningRoots(0.0, 0.0, 1.0);
    }
    double t = solveIncreasing(ConditioningRoots::lowerSide, delta, delta + 1.0);
    double hi = 2.0 * delta + 2.0;
    while (upperSide(hi) < delta) {
      hi *= 2.0;
    }
    double y = solveIncreasing(ConditioningRoots::upperSide, delta, hi);
    return new ConditioningRoots(delta, -t, 1.0 + y);
  }

  /** l (may underflow to 0 for delta above ~700; {@link #logLower()} stays exact). */
  public double lower() {
    return Math.exp(logLower);
  }

  /** sqrt(u/l), possibly +Infinity when it overflows. */
  public double sqrtRatio() {
    return Math.exp(0.5 * (Math.log(upper) - logLower));
  }

  /** t + expm1(-t) = t^2/2 - t^3/6 + ... (increasing for t > 0). */
  static double lowerSide(double t) {
    if (t < 0.1) {
      double term = t * t / 2.0;
      double sum = 0.0;
      for (int k = 2; k < 30 && term != 0.0; k++) {
        sum += term;
        term *= -t / (k + 1);
      }
      return sum;
    }
    return t + Math.expm1(-t);
  }

  /** y - log1p(y) = y^2/2 - y^3/3 + ... (increasing for y > 0). */
  static double upperSide(double y) {
    if (y < 0.1) {
      double sum = 0.0;
      double pow = y * y;
      for (int k = 2; k < 40; k++) {
        sum += ((k % 2 == 0) ? 1.0 : -1.0) * pow / k;
        pow *= y;
      }
      return sum;
    }
    return y - Math.log1p(y);
  }

  /** Root in (0, hi] of an increasing f with f(0) = 0, f(hi) >= target, by bisection to the last ulp. */
  private static double solveIncreasing(java.util.function.DoubleUnaryOperator f, double target, double hi) {
    double lo = 0.0;
    for (int i = 0; i < 3000; i++) {
      double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (f.applyAsDouble(mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
