package ncverify.impl.train;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.theory.InvalidInputException;

/**
 * Sharpness, the largest-magnitude eigenvalue of the Hessian of the full-batch data term
 * (regularizer excluded), by seeded power iteration on Hessian-vector products
 * H v ~ (g(w + eps v) - g(w - eps v)) / (2 eps) (exact up to rounding for quadratic objectives).
 * Linear stability of full-batch GD needs sharpness + lambda <= 2/eta (docs/theory.md section 5,
 * [JSWM] Prop 5.3 mechanism): compare the key {@code sharpness} with the trainer's
 * {@code stability_sharpness_limit} in large-learning-rate mode.
 *
 * <p>Costs 2 full-batch gradients per iteration; parameters are restored bit-exactly, gradient
 * buffers are left overwritten.
 */
public final class SharpnessProbe implements TrajectoryProbe {

  /** Default number of power iterations. */
  public static final int DEFAULT_ITERATIONS = 30;

  private final int iterations;
  private final long seed;

  public SharpnessProbe(int iterations, long seed) {
    if (iterations < 1) {
      throw InvalidInputException.of("power iterations %d, need >= 1", iterations);
    }
    this.iterations = iterations;
    this.seed = seed;
  }

  public SharpnessProbe() {
    this(DEFAULT_ITERATIONS, 0L);
  }

  @Override
  public Map<String, Double> measure(Model model) {
    return Map.of("sharpness", topEigenvalue(model));
  }

  /** The Rayleigh quotient v^T H v of the final power-iteration vector. */
  public double topEigenvalue(Model model) {
    List<Parameter> ps = model.parameters();
    int total = 0;
    for (Parameter p : ps) {
      total += p.value().length;
    }
    double[] w0 = new double[total];
    double wNorm = 0;
    int o = 0;
    for (Parameter p : ps) {
      double[] v = p.value();
      System.arraycopy(v, 0, w0, o, v.length);
      o += v.length;
    }
    for (double x : w0) {
      wNorm += x * x;
    }
    double eps = 1e-5 * Math.max(1.0, Math.sqrt(wNorm));
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[total];
    for (int i = 0; i < total; i++) {
      v[i] = rng.nextGaussian();
    }
    normalize(v);
    double[] hv = new double[total];
    double rayleigh = 0;
    for (int it = 0; it < iterations; it++) {
      hessianTimes(model, ps, w0, v, eps, hv);
      rayleigh = dot(v, hv);
      double norm = Math.sqrt(dot(hv, hv));
      if (norm == 0 || !Double.isFinite(norm)) {
        break;
      }
      for (int i = 0; i < total; i++) {
        v[i] = hv[i] / norm;
      }
    }
    set(ps, w0, null, 0);
    return rayleigh;
  }

  private static void hessianTimes(Model model, List<Parameter> ps, double[] w0, double[] v, double eps,
                                   double[] out) {
    int n = model.numSamples();
    set(ps, w0, v, eps);
    model.lossAndGradient(null, 0, n);
    int o = 0;
    for (Parameter p : ps) {
      double[] g = p.grad();
      System.arraycopy(g, 0, out, o, g.length);
      o += g.length;
    }
    set(ps, w0, v, -eps);
    model.lossAndGradient(null, 0, n);
    o = 0;
    for (Parameter p : ps) {
      double[] g = p.grad();
      for (int i = 0; i < g.length; i++) {
        out[o + i] = (out[o + i] - g[i]) / (2 * eps);
      }
      o += g.length;
    }
  }

  private static void set(List<Parameter> ps, double[] w0, double[] v, double eps) {
    int o = 0;
    for (Parameter p : ps) {
      double[] w = p.value();
      for (int i = 0; i < w.length; i++) {
        w[i] = v == null ? w0[o + i] : w0[o + i] + eps * v[o + i];
      }
      o += w.length;
    }
  }

  private static void normalize(double[] v) {
    double n = Math.sqrt(dot(v, v));
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
