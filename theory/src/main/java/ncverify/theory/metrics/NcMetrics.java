package ncverify.theory.metrics;

import java.util.List;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;

/**
 * The one entry point that measures every metric of docs/theory.md section 1 on labeled features, an
 * optional classifier (W, b) and an optional chain of linear layers, and gathers them into a {@link
 * MetricsReport}. The class means are computed once and W H once (shared by NC4, train and fit error).
 */
public final class NcMetrics {

  private NcMetrics() {}

  /**
   * Measures all metrics.
   *
   * @param features validated features and labels
   * @param w classifier W (K x d), or null to skip the metrics that need it
   * @param bias b (length K), or null for no bias; ignored when {@code w} is null
   * @param layers linear layers W_1..W_L (W_l is n_l x n_{l-1}), or empty; balancedness needs two
   * @param globalMean the global mean used for Mc (null means {@link GlobalMean#SAMPLE})
   * @throws ncverify.theory.InvalidInputException on mismatched shapes, non-finite entries or a
   *     degenerate input for which a metric is undefined (e.g. all class means equal)
   */
  public static MetricsReport measure(LabeledFeatures features, DMatrixRMaj w, double[] bias,
      List<DMatrixRMaj> layers, GlobalMean globalMean) {
    int k = features.numClasses();
    int d = features.dim();
    if (w != null) {
      Shapes.requireClassifier(w, k, d);
      Shapes.requireBias(bias, k);
    }
    List<DMatrixRMaj> chain = layers == null ? List.of() : layers;
    Balancedness.requireChain(chain);
    GlobalMean gm = globalMean == null ? GlobalMean.SAMPLE : globalMean;
    ClassMeans means = ClassMeans.of(features, gm);

    OptionalDouble etfWeights = OptionalDouble.empty();
    OptionalDouble nc3 = OptionalDouble.empty();
    OptionalDouble nc3Uncentered = OptionalDouble.empty();
    OptionalDouble nc3Cosine = OptionalDouble.empty();
    OptionalDouble nc4 = OptionalDouble.empty();
    OptionalDouble trainError = OptionalDouble.empty();
    OptionalDouble fitError = OptionalDouble.empty();
    if (w != null) {
      etfWeights = OptionalDouble.of(Nc2EtfWeights.of(w));
      nc3 = OptionalDouble.of(Nc3.of(w, means));
      nc3Uncentered = OptionalDouble.of(Nc3Uncentered.of(w, means));
      nc3Cosine = OptionalDouble.of(Nc3Cosine.of(w, means));
      DMatrixRMaj wh = Logits.product(w, features.features());
      int[] predicted = Logits.argmax(wh, bias);
      nc4 = OptionalDouble.of(Nc4.of(predicted, NearestClassMean.classify(features, means)));
      trainError = OptionalDouble.of(Logits.disagreement(predicted, features.labelsRef()));
      fitError = OptionalDouble.of(FitError.fromProduct(wh, features.labelsRef()));
    }
    List<BalancednessPair> balancedness = chain.size() >= 2 ? Balancedness.of(chain) : List.of();
    return new MetricsReport(k, features.numSamples(), d, gm,
        Nc1.of(features, means), Nc1TraceRatio.of(features, means), Nc2EtfMeans.of(means),
        etfWeights, Nc2OrthoMeans.of(means), Nc2DiagMeans.of(means), CondClassMeans.of(means),
        nc3, nc3Uncentered, nc3Cosine, nc4, EquinormMeans.of(means), EquiangularityMeans.of(means),
        trainError, fitError, balancedness);
  }

  /** {@link #measure} with the sample-weighted global mean. */
  public static MetricsReport measure(LabeledFeatures features, DMatrixRMaj w, double[] bias,
      List<DMatrixRMaj> layers) {
    return measure(features, w, bias, layers, GlobalMean.SAMPLE);
  }
}
