package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Training misclassification rate (docs/theory.md section 1, key {@code train_error}):
 *
 * <pre>
 *   (1/N) #{ i : argmax_k (W h_i + b)_k != y_i },   ties: lowest index.
 * </pre>
 */
public final class TrainError {

  private TrainError() {}

  /** From logits Z (K x N, bias already added). */
  public static double fromLogits(DMatrixRMaj logits, int[] labels) {
    if (logits.numCols != labels.length) {
      throw InvalidInputException.of("logits have %d columns but there are %d labels",
          logits.numCols, labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= logits.numRows) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d", labels[i], i,
            logits.numRows - 1);
      }
    }
    ncverify.theory.linalg.Finite.require(logits, "logits");
    return Logits.disagreement(Logits.argmax(logits, null), labels);
  }

  /** From the classifier W (K x d), optional bias b (length K, may be null) and the features. */
  public static double of(DMatrixRMaj w, double[] bias, LabeledFeatures f) {
    Shapes.requireClassifier(w, f.numClasses(), f.dim());
    Shapes.requireBias(bias, f.numClasses());
    return Logits.disagreement(Logits.argmax(Logits.product(w, f.features()), bias), f.labelsRef());
  }
}
