package ncverify.theory.geometry;

/**
 * Test-tree plain gradient descent on the cross-entropy UFM of [SELI] (docs/theory.md section 2):
 * CE(W H) + (lambda/2)(||W||^2 + ||H||^2), CE summed over samples, gradient (softmax(Z) - Y) H^T
 * + lambda W and W^T (softmax(Z) - Y) + lambda H. Mutates the given W (K x d) and H (d x N).
 */
final class CrossEntropyUfmGd {

  private CrossEntropyUfmGd() {}

  /** Runs GD until the gradient norm is below {@code gradTol} or maxIt steps; returns the last norm. */
  static double run(double[][][] wh, int[] y, double lambda, double lr, int maxIt, double gradTol) {
    double[][] w = wh[0];
    double[][] h = wh[1];
    int k = w.length;
    int n = y.length;
    double gradNorm = Double.POSITIVE_INFINITY;
    for (int it = 0; it < maxIt; it++) {
      double[][] z = Arrays2d.mult(w, h);
      double[][] g = new double[k][n];
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, z[c][i]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(z[c][i] - max);
        }
        for (int c = 0; c < k; c++) {
          g[c][i] = Math.exp(z[c][i] - max) / sum - (c == y[i] ? 1 : 0);
        }
      }
      double[][] gw = Arrays2d.add(Arrays2d.mult(g, Arrays2d.transpose(h)), w, lambda);
      double[][] gh = Arrays2d.add(Arrays2d.mult(Arrays2d.transpose(w), g), h, lambda);
      if (it % 500 == 0) {
        gradNorm = Math.hypot(Arrays2d.frob(gw), Arrays2d.frob(gh));
        if (gradNorm < gradTol) {
          break;
        }
      }
      w = Arrays2d.add(w, gw, -lr);
      h = Arrays2d.add(h, gh, -lr);
    }
    wh[0] = w;
    wh[1] = h;
    return gradNorm;
  }
}
