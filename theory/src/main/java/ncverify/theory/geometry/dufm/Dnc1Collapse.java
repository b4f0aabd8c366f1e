package ncverify.theory.geometry.dufm;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The construction behind [DUFM] claim (5) (docs/theory.md section 4.5): the L-DUFM objective is
 * sum_i [(1/(2N))||f(h_i) - y_i||^2 + (lambda_H/2)||h_i||^2] + sum_l (lambda_l/2)||W_l||^2, a sum of
 * per-sample terms once the weights are fixed, so replacing every column of H_1 of class k by the
 * column of class k with the smallest per-sample term never raises the objective, and every layer of
 * the result is within-class collapsed (DNC1). Applied to a global optimum it gives a global optimum
 * with DNC1.
 *
 * @param point the collapsed point
 * @param loss its objective
 * @param maxScatter max over layers l of ||H_l - Hbar_l Y||/||H_l|| (0 up to roundoff)
 */
public record Dnc1Collapse(DeepUfmPoint point, double loss, double maxScatter) {

  /** Collapses {@code point} class by class under the objective. */
  public static Dnc1Collapse of(DeepUfmObjective objective, DeepUfmPoint point, int[] labels, int numClasses) {
    DeepUfmObjective.Activations a = objective.forward(point);
    DMatrixRMaj z = a.output();
    DMatrixRMaj h1 = point.h1();
    int n = labels.length;
    double lambdaH = objective.lambdaH();
    int[] best = new int[numClasses];
    double[] bestTerm = new double[numClasses];
    java.util.Arrays.fill(best, -1);
    for (int i = 0; i < n; i++) {
      double fit = 0;
      for (int r = 0; r < z.numRows; r++) {
        double e = z.get(r, i) - (r == labels[i] ? 1 : 0);
        fit += e * e;
      }
      double h2 = 0;
      for (int r = 0; r < h1.numRows; r++) {
        h2 += h1.get(r, i) * h1.get(r, i);
      }
      double term = fit / (2.0 * n) + lambdaH / 2 * h2;
      int c = labels[i];
      if (best[c] < 0 || term < bestTerm[c]) {
        best[c] = i;
        bestTerm[c] = term;
      }
    }
    DMatrixRMaj collapsed = h1.copy();
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < h1.numRows; r++) {
        collapsed.set(r, i, h1.get(r, best[labels[i]]));
      }
    }
    DeepUfmPoint p = new DeepUfmPoint(collapsed, point.weights());
    DeepUfmObjective.Activations ca = objective.forward(p);
    double scatter = 0;
    List<DMatrixRMaj> layers = new java.util.ArrayList<>(ca.features());
    layers.add(ca.output());
    for (DMatrixRMaj f : layers) {
      scatter = Math.max(scatter, relativeScatter(f, labels, numClasses));
    }
    return new Dnc1Collapse(p, objective.value(p), scatter);
  }

  /** ||F - Fbar Y|| / ||F|| (0 for a zero matrix). */
  static double relativeScatter(DMatrixRMaj f, int[] labels, int numClasses) {
    int[] count = new int[numClasses];
    for (int y : labels) {
      count[y]++;
    }
    double[][] mean = new double[numClasses][f.numRows];
    for (int i = 0; i < labels.length; i++) {
      for (int r = 0; r < f.numRows; r++) {
        mean[labels[i]][r] += f.get(r, i) / count[labels[i]];
      }
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < labels.length; i++) {
      for (int r = 0; r < f.numRows; r++) {
        double v = f.get(r, i);
        double e = v - mean[labels[i]][r];
        diff += e * e;
        norm += v * v;
      }
    }
    return norm == 0 ? 0 : Math.sqrt(diff / norm);
  }
}
