package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * NC3 as mean alignment (docs/theory.md section 1, key {@code nc3_cosine}; [JSWM]'s alignment):
 *
 * <pre>
 *   (1/K) sum_k cos(mu_k, w_k) = (1/K) sum_k mu_k^T w_k / (||mu_k|| ||w_k||),
 * </pre>
 *
 * with mu_k the (uncentered) class mean and w_k row k of W. Equals 1 iff each w_k is a positive multiple
 * of mu_k.
 */
public final class Nc3Cosine {

  private Nc3Cosine() {}

  /**
   * @throws InvalidInputException if a class mean or a row of W is zero (cosine undefined)
   */
  public static double of(DMatrixRMaj w, ClassMeans means) {
    int k = means.numClasses();
    int d = means.dim();
    Shapes.requireClassifier(w, k, d);
    DMatrixRMaj mbar = means.mbarRef();
    double total = 0;
    for (int c = 0; c < k; c++) {
      double dot = 0;
      double mm = 0;
      double ww = 0;
      for (int a = 0; a < d; a++) {
        double m = mbar.get(a, c);
        double x = w.get(c, a);
        dot += m * x;
        mm += m * m;
        ww += x * x;
      }
      if (mm == 0) {
        throw InvalidInputException.of("class mean %d is zero: nc3_cosine is undefined", c);
      }
      if (ww == 0) {
        throw InvalidInputException.of("row %d of W is zero: nc3_cosine is undefined", c);
      }
      total += dot / (Math.sqrt(mm) * Math.sqrt(ww));
    }
    return total / k;
  }
}
