package ncverify.impl.model;

import java.util.function.DoubleSupplier;

/**
 * Finite-difference oracle for analytic gradients, shared by impl's gradient tests and the property
 * suite's gradient-check properties (through impl's test jar).
 */
public final class FiniteDifferences {

  private FiniteDifferences() {
  }

  /**
   * Fourth-order central difference (f(x-2h) - 8 f(x-h) + 8 f(x+h) - f(x+2h)) / (12 h) for every
   * entry of {@code p}, evaluating {@code f} with that entry perturbed (restored afterwards).
   */
  public static double[] gradient(Parameter p, DoubleSupplier f, double h) {
    double[] v = p.value();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double old = v[i];
      v[i] = old + h;
      double p1 = f.getAsDouble();
      v[i] = old - h;
      double m1 = f.getAsDouble();
      v[i] = old + 2 * h;
      double p2 = f.getAsDouble();
      v[i] = old - 2 * h;
      double m2 = f.getAsDouble();
      v[i] = old;
      out[i] = (8 * (p1 - m1) - (p2 - m2)) / (12 * h);
    }
    return out;
  }

  /** ||a - b|| / max(||a||, ||b||, 1e-12) (Euclidean norms). */
  public static double relativeError(double[] a, double[] b) {
    double diff = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(Math.max(na, nb)), 1e-12);
  }
}
