package ncverify.theory.metrics;

/**
 * tr Sigma_W = (1/N) sum_i ||h_i - mu_{y_i}||^2 (docs/theory.md section 1), in one pass over H (pass 2 of
 * {@link MetricPasses}: feature rows in parallel).
 */
public final class WithinClassScatter {

  private WithinClassScatter() {}

  /** tr Sigma_W. */
  public static double trace(LabeledFeatures f, ClassMeans means) {
    return trace(f, means, 1.0);
  }

  /** tr Sigma_W of the features times {@code scale} (i.e. scale^2 tr Sigma_W, each deviation scaled before squaring). */
  static double trace(LabeledFeatures f, ClassMeans means, double scale) {
    FeatureBlocks src = FeatureBlocks.of(f.features());
    MetricPasses.Second s = MetricPasses.secondPass(src, f.labelsRef(), means.mbarRef(),
        new MetricPasses.Work(null, 0, scale, null, null, false), MetricPasses.width(src, 0), PassListener.NONE, 1, 1);
    return s.trace() / f.numSamples();
  }
}
