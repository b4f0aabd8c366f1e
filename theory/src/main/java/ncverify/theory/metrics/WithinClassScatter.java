package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * tr Sigma_W = (1/N) sum_i ||h_i - mu_{y_i}||^2 (docs/theory.md section 1), in one row-by-row pass over H.
 */
public final class WithinClassScatter {

  private WithinClassScatter() {}

  /** tr Sigma_W. */
  public static double trace(LabeledFeatures f, ClassMeans means) {
    return trace(f, means, 1.0);
  }

  /** tr Sigma_W of the features times {@code scale} (i.e. scale^2 tr Sigma_W, each deviation scaled before squaring). */
  static double trace(LabeledFeatures f, ClassMeans means, double scale) {
    DMatrixRMaj h = f.features();
    DMatrixRMaj mbar = means.mbarRef();
    int[] y = f.labelsRef();
    int d = f.dim();
    int n = f.numSamples();
    int k = f.numClasses();
    double total = 0;
    for (int a = 0; a < d; a++) {
      int row = a * n;
      int mrow = a * k;
      double acc = 0;
      for (int i = 0; i < n; i++) {
        double diff = (h.data[row + i] - mbar.data[mrow + y[i]]) * scale;
        acc += diff * diff;
      }
      total += acc;
    }
    return total / n;
  }
}
