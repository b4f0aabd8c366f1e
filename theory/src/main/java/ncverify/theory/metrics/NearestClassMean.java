package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * The nearest-class-mean classifier of NC4 (docs/theory.md section 1): argmin_k ||h_i - mu_k|| for every
 * sample, ties broken towards the lowest index. Distances are sums of squared differences (no
 * expansion), computed block-wise in O(N d K) time, samples in parallel ({@link MetricPasses}).
 */
public final class NearestClassMean {

  private NearestClassMean() {}

  /** argmin_k ||h_i - mu_k|| for each column h_i of H (d x N); Mbar is d x K. */
  public static int[] classify(DMatrixRMaj h, DMatrixRMaj mbar) {
    if (h.numRows != mbar.numRows) {
      throw ncverify.theory.InvalidInputException.of(
          "features have dimension %d but class means have dimension %d", h.numRows, mbar.numRows);
    }
    FeatureBlocks src = FeatureBlocks.of(h);
    return MetricPasses.secondPass(src, null, mbar, new MetricPasses.Work(null, 0, Double.NaN, null, null, true),
        MetricPasses.width(src, 0), PassListener.NONE, 1, 1).nearest();
  }

  /** The nearest class mean of every sample of {@code f}. */
  public static int[] classify(LabeledFeatures f, ClassMeans means) {
    return classify(f.features(), means.mbarRef());
  }
}
