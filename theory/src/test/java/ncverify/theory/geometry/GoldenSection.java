package ncverify.theory.geometry;

import java.util.function.DoubleUnaryOperator;

/** Test-tree brute-force 1-D minimizer: a uniform grid, then golden section around the best point. */
final class GoldenSection {

  private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;

  record Min(double x, double value) {}

  private GoldenSection() {}

  static Min gridThenGolden(DoubleUnaryOperator f, double lo, double hi, int points) {
    double step = (hi - lo) / (points - 1);
    int best = 0;
    double bestValue = f.applyAsDouble(lo);
    for (int i = 1; i < points; i++) {
      double v = f.applyAsDouble(lo + i * step);
      if (v < bestValue) {
        bestValue = v;
        best = i;
      }
    }
    double a = lo + Math.max(0, best - 1) * step;
    double b = lo + Math.min(points - 1, best + 1) * step;
    double c = b - INV_PHI * (b - a);
    double d = a + INV_PHI * (b - a);
    double fc = f.applyAsDouble(c);
    double fd = f.applyAsDouble(d);
    for (int it = 0; it < 200 && b - a > 1e-15 * (1 + Math.abs(a)); it++) {
      if (fc < fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - INV_PHI * (b - a);
        fc = f.applyAsDouble(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + INV_PHI * (b - a);
        fd = f.applyAsDouble(d);
      }
    }
    double x = 0.5 * (a + b);
    double v = f.applyAsDouble(x);
    // the grid point (e.g. the boundary x = lo) may still be better
    if (bestValue < v) {
      return new Min(lo + best * step, bestValue);
    }
    return new Min(x, v);
  }
}
