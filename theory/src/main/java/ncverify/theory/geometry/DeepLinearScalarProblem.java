package ncverify.theory.geometry;

import java.util.OptionalDouble;
import ncverify.theory.InvalidInputException;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * The per-class scalar problem of the deep linear UFM ([DLN] Thm 3.1 / its proof; docs/theory.md
 * section 3): minimize over x >= 0
 * <pre>  f(x) = 1/(1 + x^M) + c x,   c = b/n_k,   b = M N (N lambda_W^M lambda_H)^{1/M}.</pre>
 * Class k contributes (n_k/(2N)) min_x f(x) to the optimal loss. Derivation (docs/theory.md section 3.3):
 * with per-layer singular value s of class k, product singular value sigma = s^M and the optimal
 * class mean hbar = sigma/(sigma^2 + N lambda_H) along the classifier direction, the class's share of
 * the objective is (n_k/(2N)) N lambda_H/(sigma^2 + N lambda_H) + (M lambda_W/2) sigma^{2/M}; the
 * substitution sigma^2 = N lambda_H x^M turns it into (n_k/(2N)) f(x).
 *
 * <p>f(0) = 1. Stationary points solve c = phi(x) = M x^{M-1}/(1 + x^M)^2. For M >= 2, phi rises from
 * 0 to its maximum at x^M = (M-1)/(M+1) and falls to 0, so a positive root exists iff c < max phi
 * ({@link #rootExistenceThreshold(int)}) and the largest root is a local minimum. That local minimum
 * beats x = 0 iff c < (M-1)^{(M-1)/M}/M ({@link #collapseThreshold(int)}); in between the two
 * thresholds the root exists but the class collapses. This class decides survival by comparing
 * f(root) with f(0) = 1, never by existence of the root alone. For M = 1 both thresholds equal 1
 * and the root is x = 1/sqrt(c) - 1.
 *
 * @param depth number of layers M >= 1
 * @param c the coefficient b/n_k > 0
 */
public record DeepLinearScalarProblem(int depth, double c) {

  /** Brent's relative accuracy on the root (the root is > 0, so no absolute floor is needed). */
  private static final double ROOT_REL_ACCURACY = 1e-15;
  private static final double ROOT_ABS_ACCURACY = Double.MIN_NORMAL;
  private static final int MAX_EVALUATIONS = 10_000;

  public DeepLinearScalarProblem {
    if (depth < 1) {
      throw InvalidInputException.of("depth M must be >= 1, got %d", depth);
    }
    if (!(c > 0) || Double.isInfinite(c)) {
      throw InvalidInputException.of("scalar coefficient c = b/n_k must be finite and > 0, got %s", c);
    }
  }

  /** f(x) = 1/(1 + x^M) + c x. */
  public double value(double x) {
    return 1.0 / (1.0 + Math.pow(x, depth)) + c * x;
  }

  /** f(x) - f(0) = c x - x^M/(1 + x^M), computed without cancellation against 1. */
  public double gainOverZero(double x) {
    double xm = Math.pow(x, depth);
    return c * x - xm / (1.0 + xm);
  }

  /** phi(x) = M x^{M-1}/(1 + x^M)^2, so f'(x) = c - phi(x). */
  public static double phi(int depth, double x) {
    double xm = Math.pow(x, depth);
    return depth * Math.pow(x, depth - 1) / ((1 + xm) * (1 + xm));
  }

  /** The class collapses to zero iff c >= (M-1)^{(M-1)/M}/M (= 1 for M = 1, 0.5 for M = 2). */
  public static double collapseThreshold(int depth) {
    if (depth < 1) {
      throw InvalidInputException.of("depth M must be >= 1, got %d", depth);
    }
    return Math.pow(depth - 1.0, (depth - 1.0) / depth) / depth;
  }

  /** A positive stationary point exists iff c < max phi = phi(((M-1)/(M+1))^{1/M}). */
  public static double rootExistenceThreshold(int depth) {
    return phi(depth, peak(depth));
  }

  /** The maximizer of phi: x^M = (M-1)/(M+1) (0 for M = 1). */
  private static double peak(int depth) {
    if (depth < 1) {
      throw InvalidInputException.of("depth M must be >= 1, got %d", depth);
    }
    return Math.pow((depth - 1.0) / (depth + 1.0), 1.0 / depth);
  }

  /** The largest positive stationary point of f, if any (bracketed, then Brent to ~1e-15 rel). */
  public OptionalDouble largestStationaryPoint() {
    double lo = peak(depth);
    // g(x) = log c - log phi(x) = log c - log M - (M-1) log x + 2 log1p(x^M) is increasing on
    // [lo, inf) and has the sign of f'. The log form avoids the cancellation of c (1 + x^M)^2 - M x^{M-1}
    // (which costs ~1e-10 relative accuracy for tiny roots, e.g. M = 1 and c close to 1).
    double logC = Math.log(c);
    double logM = Math.log(depth);
    UnivariateFunction g = x -> {
      double logPow = depth == 1 ? 0.0 : (depth - 1) * Math.log(x);
      return logC - logM - logPow + 2 * Math.log1p(Math.pow(x, depth));
    };
    double glo = g.value(lo);
    if (!(glo < 0)) {
      return OptionalDouble.empty();
    }
    double hi = Math.max(1.0, 2.0 * lo);
    while (g.value(hi) <= 0) {
      lo = hi;
      hi *= 2;
      if (Double.isInfinite(hi)) {
        throw new IllegalStateException("no upper bracket for the stationary point, c = " + c);
      }
    }
    BrentSolver solver = new BrentSolver(ROOT_REL_ACCURACY, ROOT_ABS_ACCURACY);
    double root = solver.solve(MAX_EVALUATIONS, g, lo, hi);
    return OptionalDouble.of(root);
  }

  /** The global minimizer over x >= 0: the largest stationary point if it beats f(0) = 1, else 0. */
  public double minimizer() {
    OptionalDouble root = largestStationaryPoint();
    if (root.isPresent() && gainOverZero(root.getAsDouble()) < 0) {
      return root.getAsDouble();
    }
    return 0.0;
  }

  /** min over x >= 0 of f(x), at most 1. */
  public double minValue() {
    return value(minimizer());
  }
}
