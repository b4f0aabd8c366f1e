package ncverify.theory.geometry.dufm;

import ncverify.theory.InvalidInputException;

/**
 * The scalar DNC loss curve of [DUFM] (docs/theory.md section 4):
 * <pre>
 *   f_C(s) = (1 - s)^2 / 2 + C s^{2/(L+1)},  s in [0, 1],
 *   C_DNC  = (K (L+1) / 2) (n lambda_H prod_l lambda_l)^{1/(L+1)},
 *   L_DNC  = min_{s in [0,1]} f_C(s).
 * </pre>
 * Derivation (matches [DUFM]): with orthogonal class-mean frames of scales h (H_1) and w_l (W_l) the
 * fit term is (1 - s)^2/2 with s = h prod_l w_l, and the L + 1 regularization terms
 * (lambda_H n K h^2/2, lambda_l K w_l^2/2) have product (K/2)^{L+1} n lambda_H prod lambda_l s^2, so
 * by AM-GM their sum is at least C s^{2/(L+1)}, with equality for balanced terms. For L >= 2 the
 * minimizer jumps to s = 0 (the zero solution, loss 1/2) once C >= C*(L) = ((L+1)/(2L))
 * ((L-1)/L)^{(L-1)/(L+1)}; for L = 1 it is s = max(0, 1 - C), C*(1) = 1.
 */
public final class DncLoss {

  private DncLoss() {
  }

  /** C_DNC = (K (L+1)/2) (n lambda_H prod_l lambda_l)^{1/(L+1)}. */
  public static double constantC(DufmParameters p) {
    int depth = p.depth();
    return p.numClasses() * (depth + 1) / 2.0 * Math.pow(p.regularizerProduct(), 1.0 / (depth + 1));
  }

  /** f_C(s) = (1 - s)^2/2 + C s^{2/(L+1)}. */
  public static double f(double c, int depth, double s) {
    checkDepth(depth);
    return 0.5 * (1 - s) * (1 - s) + c * Math.pow(s, 2.0 / (depth + 1));
  }

  /**
   * The minimizer of f_C on [0, 1]: the largest root of the stationarity condition
   * (1 - s) s^{1-p} = C p (p = 2/(L+1)) if it beats f_C(0) = 1/2, else 0.
   */
  public static double argmin(double c, int depth) {
    checkDepth(depth);
    if (!(c > 0) || !Double.isFinite(c)) {
      throw InvalidInputException.of("constant C = %s must be finite and > 0", c);
    }
    double p = 2.0 / (depth + 1);
    double target = c * p;
    double peak = (1 - p) / (2 - p);
    if (phi(peak, p) < target) {
      return 0.0;
    }
    double lo = peak;
    double hi = 1.0;
    for (int it = 0; it < 200 && hi - lo > 0; it++) {
      double mid = 0.5 * (lo + hi);
      if (mid == lo || mid == hi) {
        break;
      }
      if (phi(mid, p) >= target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double s = 0.5 * (lo + hi);
    return f(c, depth, s) < 0.5 ? s : 0.0;
  }

  /** L_DNC = min_{s in [0,1]} f_C(s). */
  public static double min(double c, int depth) {
    return f(c, depth, argmin(c, depth));
  }

  /** L_DNC for the given instance. */
  public static double of(DufmParameters p) {
    return min(constantC(p), p.depth());
  }

  /** C*(L) = ((L+1)/(2L)) ((L-1)/L)^{(L-1)/(L+1)}: L_DNC = 1/2 (collapse to zero) iff C >= C*. */
  public static double criticalC(int depth) {
    checkDepth(depth);
    double l = depth;
    return (l + 1) / (2 * l) * Math.pow((l - 1) / l, (l - 1) / (l + 1));
  }

  private static double phi(double s, double p) {
    return (1 - s) * Math.pow(s, 1 - p);
  }

  private static void checkDepth(int depth) {
    if (depth < 1) {
      throw InvalidInputException.of("depth L = %d must be at least 1", depth);
    }
  }
}
