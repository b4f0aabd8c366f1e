package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * Fit error of the bias-free linear classifier to the one-hot targets (docs/theory.md section 1, key
 * {@code fit_error}; the MSE residual of [DLN], [DUFM]):
 *
 * <pre>
 *   || W H - Y ||_F,   Y in R^{K x N} one-hot.
 * </pre>
 */
public final class FitError {

  private FitError() {}

  /** ||W H - Y||_F. */
  public static double of(DMatrixRMaj w, LabeledFeatures f) {
    Shapes.requireClassifier(w, f.numClasses(), f.dim());
    return fromProduct(Logits.product(w, f.features()), f.labelsRef());
  }

  /** ||Z - Y||_F from a precomputed product Z = W H (K x N). */
  static double fromProduct(DMatrixRMaj z, int[] labels) {
    int n = z.numCols;
    double scale = 0;
    for (int i = 0; i < z.getNumElements(); i++) {
      scale = Math.max(scale, Math.abs(z.data[i]));
    }
    scale = Math.max(scale, 1.0);
    double sum = 0;
    for (int c = 0; c < z.numRows; c++) {
      int row = c * n;
      for (int i = 0; i < n; i++) {
        double r = (z.data[row + i] - (labels[i] == c ? 1.0 : 0.0)) / scale;
        sum += r * r;
      }
    }
    return scale * Math.sqrt(sum);
  }
}
