package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-tree evaluator of the deep linear UFM objective of [DLN] (docs/theory.md section 3), written
 * directly from its definition with plain arrays:
 * L = (1/(2N)) ||W_M ... W_1 H - Y||^2 + (lambda_W/2) sum_m ||W_m||^2 + (lambda_H/2) ||H||^2,
 * and its analytic gradient dL/dW_m = (1/N) A_m^T R B_m^T + lambda_W W_m with
 * A_m = W_M...W_{m+1}, B_m = W_{m-1}...W_1 H, R = W_M...W_1 H - Y, dL/dH = (1/N) P^T R + lambda_H H.
 */
final class DeepLinearUfmObjective {

  final double[][] y;
  final double lambdaW;
  final double lambdaH;
  final int n;

  DeepLinearUfmObjective(double[][] y, double lambdaW, double lambdaH) {
    this.y = y;
    this.lambdaW = lambdaW;
    this.lambdaH = lambdaH;
    this.n = y[0].length;
  }

  /** A point: weights W_1..W_M (W_1 first) and H. */
  record Point(List<double[][]> weights, double[][] h) {
    Point copy() {
      List<double[][]> ws = new ArrayList<>();
      for (double[][] w : weights) {
        ws.add(Arrays2d.scale(w, 1));
      }
      return new Point(ws, Arrays2d.scale(h, 1));
    }

    /** this + f * other, entrywise over all blocks. */
    Point plus(Point other, double f) {
      List<double[][]> ws = new ArrayList<>();
      for (int m = 0; m < weights.size(); m++) {
        ws.add(Arrays2d.add(weights.get(m), other.weights.get(m), f));
      }
      return new Point(ws, Arrays2d.add(h, other.h, f));
    }

    double norm() {
      double s = Arrays2d.frob(h) * Arrays2d.frob(h);
      for (double[][] w : weights) {
        s += Arrays2d.frob(w) * Arrays2d.frob(w);
      }
      return Math.sqrt(s);
    }
  }

  double value(Point p) {
    double[][] z = p.h;
    for (double[][] w : p.weights) {
      z = Arrays2d.mult(w, z);
    }
    double fit = 0;
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < n; j++) {
        double r = z[i][j] - y[i][j];
        fit += r * r;
      }
    }
    double reg = 0;
    for (double[][] w : p.weights) {
      double f = Arrays2d.frob(w);
      reg += f * f;
    }
    double fh = Arrays2d.frob(p.h);
    return fit / (2.0 * n) + 0.5 * lambdaW * reg + 0.5 * lambdaH * fh * fh;
  }

  Point gradient(Point p) {
    int depth = p.weights.size();
    // forward: b[m] = W_m ... W_1 H (b[0] = H)
    List<double[][]> fwd = new ArrayList<>();
    fwd.add(p.h);
    for (int m = 0; m < depth; m++) {
      fwd.add(Arrays2d.mult(p.weights.get(m), fwd.get(m)));
    }
    double[][] r = Arrays2d.scale(Arrays2d.add(fwd.get(depth), y, -1), 1.0 / n);
    // backward: g = A_m^T R, starting from R at the top
    double[][] g = r;
    List<double[][]> gw = new ArrayList<>();
    for (int m = 0; m < depth; m++) {
      gw.add(null);
    }
    for (int m = depth - 1; m >= 0; m--) {
      double[][] w = p.weights.get(m);
      gw.set(m, Arrays2d.add(Arrays2d.mult(g, Arrays2d.transpose(fwd.get(m))), w, lambdaW));
      g = Arrays2d.mult(Arrays2d.transpose(w), g);
    }
    double[][] gh = Arrays2d.add(g, p.h, lambdaH);
    return new Point(gw, gh);
  }
}
