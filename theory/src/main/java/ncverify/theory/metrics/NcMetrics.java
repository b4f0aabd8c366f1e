package ncverify.theory.metrics;

import java.util.List;
import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;

/**
 * The one entry point that measures every metric of docs/theory.md section 1 on labeled features, an
 * optional classifier (W, b) and an optional chain of linear layers, and gathers them into a {@link
 * MetricsReport}, in two passes over the features ({@link MetricPasses}): the class means, then everything
 * per sample (NC1, its trace ratio, W H for NC4, train and fit error).
 */
public final class NcMetrics {

  /** Passes over the features: {@value}. */
  public static final int PASSES = 2;
  /** Doubles in a block of samples when its width is not given (d x width, about 32 MB). */
  public static final int BLOCK_DOUBLES = MetricPasses.BLOCK_DOUBLES;

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
    return run(FeatureBlocks.of(features.features()), features.labelsRef(), features.numClasses(), w, bias, layers,
        globalMean, 0, PassListener.NONE);
  }

  /**
   * Measures all metrics on features delivered block by block (e.g. streamed from a file larger than the
   * heap), in two passes ({@link #PASSES}): pass 1 the class means; pass 2 NC1, its trace ratio, NC4, the
   * train and fit errors; the rest (NC2, NC3, equinorm, equiangularity, conditioning, balancedness) from
   * the class means, W and the layers alone. The values equal {@link #measure(LabeledFeatures, DMatrixRMaj,
   * double[], List, GlobalMean)} on the same features up to roundoff (block boundaries change the order
   * of some sums).
   *
   * @param labels y (length N), each in 0..K-1, every class non-empty
   * @param k K
   * @param blockWidth samples per block, or 0 for about 32 MB per block
   * @param listener progress after every block
   */
  public static MetricsReport measure(FeatureBlocks source, int[] labels, int k, DMatrixRMaj w, double[] bias,
      List<DMatrixRMaj> layers, GlobalMean globalMean, int blockWidth, PassListener listener) {
    LabeledFeatures.validateLabels(labels, source.numSamples(), source.dim(), k);
    return run(source, labels.clone(), k, w, bias, layers, globalMean, blockWidth,
        listener == null ? PassListener.NONE : listener);
  }

  private static MetricsReport run(FeatureBlocks source, int[] labels, int k, DMatrixRMaj w, double[] bias,
      List<DMatrixRMaj> layers, GlobalMean globalMean, int blockWidth, PassListener listener) {
    int d = source.dim();
    if (w != null) {
      Shapes.requireClassifier(w, k, d);
      Shapes.requireBias(bias, k);
    }
    List<DMatrixRMaj> chain = layers == null ? List.of() : layers;
    Balancedness.requireChain(chain);
    GlobalMean gm = globalMean == null ? GlobalMean.SAMPLE : globalMean;
    int width = MetricPasses.width(source, blockWidth);
    ClassMeans means = MetricPasses.classMeans(source, labels, k, gm, width, listener, PASSES);

    OptionalDouble etfWeights = OptionalDouble.empty();
    OptionalDouble nc3 = OptionalDouble.empty();
    OptionalDouble nc3Uncentered = OptionalDouble.empty();
    OptionalDouble nc3Cosine = OptionalDouble.empty();
    if (w != null) {
      etfWeights = OptionalDouble.of(Nc2EtfWeights.of(w));
      nc3 = OptionalDouble.of(Nc3.of(w, means));
      nc3Uncentered = OptionalDouble.of(Nc3Uncentered.of(w, means));
      nc3Cosine = OptionalDouble.of(Nc3Cosine.of(w, means));
    }
    Nc1.Basis basis = Nc1.basis(means);
    double traceScale = Nc1TraceRatio.scale(means);
    MetricPasses.Second s = MetricPasses.secondPass(source, labels, means.mbarRef(),
        new MetricPasses.Work(basis.rows(), basis.rank(), traceScale, w, bias, w != null), width, listener, 2,
        PASSES);
    int n = source.numSamples();
    OptionalDouble nc4 = OptionalDouble.empty();
    OptionalDouble trainError = OptionalDouble.empty();
    OptionalDouble fitError = OptionalDouble.empty();
    if (w != null) {
      nc4 = OptionalDouble.of(Nc4.of(s.predicted(), s.nearest()));
      trainError = OptionalDouble.of(Logits.disagreement(s.predicted(), labels));
      fitError = OptionalDouble.of(s.fitError());
    }
    List<BalancednessPair> balancedness = chain.size() >= 2 ? Balancedness.of(chain) : List.of();
    return new MetricsReport(k, n, d, gm,
        s.nc1Sum() / n, Nc1TraceRatio.fromTrace(s.trace() / n, means, traceScale), Nc2EtfMeans.of(means),
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
