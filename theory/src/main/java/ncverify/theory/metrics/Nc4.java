package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * NC4, agreement of the classifier with the nearest-class-mean rule (docs/theory.md section 1, key
 * {@code nc4}):
 *
 * <pre>
 *   (1/N) #{ i : argmax_k (W h_i + b)_k != argmin_k ||h_i - mu_k|| },   ties: lowest index.
 * </pre>
 */
public final class Nc4 {

  private Nc4() {}

  /** NC4 of classifier (W, b) on {@code f}; {@code bias} may be null (no bias). */
  public static double of(LabeledFeatures f, ClassMeans means, DMatrixRMaj w, double[] bias) {
    Shapes.requireClassifier(w, f.numClasses(), f.dim());
    Shapes.requireBias(bias, f.numClasses());
    int[] predicted = Logits.argmax(Logits.product(w, f.features()), bias);
    return of(predicted, NearestClassMean.classify(f, means));
  }

  /** Fraction of samples whose classifier prediction differs from their nearest class mean. */
  public static double of(int[] predicted, int[] nearestMean) {
    if (predicted.length != nearestMean.length) {
      throw ncverify.theory.InvalidInputException.of("%d predictions but %d nearest-mean labels",
          predicted.length, nearestMean.length);
    }
    return Logits.disagreement(predicted, nearestMean);
  }
}
