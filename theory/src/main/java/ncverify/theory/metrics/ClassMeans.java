package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * Class statistics of docs/theory.md section 0: sizes n_k, class means mu_k = (1/n_k) sum_{y_i = k} h_i
 * stacked as Mbar = [mu_1 .. mu_K] (d x K, uncentered), the global mean mu_G ({@link GlobalMean}) and
 * the centered means Mc = Mbar - mu_G 1^T. Accessors return copies.
 *
 * @param counts n_k
 * @param mbar Mbar (d x K)
 * @param globalMeanVector mu_G (d x 1)
 * @param mc Mc (d x K)
 * @param globalMean which global mean was used
 */
public record ClassMeans(int[] counts, DMatrixRMaj mbar, DMatrixRMaj globalMeanVector, DMatrixRMaj mc,
    GlobalMean globalMean) {

  public ClassMeans {
    counts = counts.clone();
    mbar = mbar.copy();
    globalMeanVector = globalMeanVector.copy();
    mc = mc.copy();
  }

  /** Class means with the sample-weighted global mean. */
  public static ClassMeans of(LabeledFeatures f) {
    return of(f, GlobalMean.SAMPLE);
  }

  /**
   * Class means with the chosen global mean; one pass over H ({@link MetricPasses}: feature rows in
   * parallel, samples in order).
   *
   * <p>Shifted sums: each row a is summed relative to a pivot p_a = H[a, 0], and Mc is formed from the
   * shifted means (mu_k - p) - (mu_G - p), so a large common offset of the features neither enters the
   * running sums (whose rounding error would grow like n_k eps |offset|) nor cancels in Mc. See
   * docs/quality/numerics.md.
   */
  public static ClassMeans of(LabeledFeatures f, GlobalMean globalMean) {
    FeatureBlocks src = FeatureBlocks.of(f.features());
    return MetricPasses.classMeans(src, f.labelsRef(), f.numClasses(), globalMean, MetricPasses.width(src, 0),
        PassListener.NONE, 1);
  }

  /**
   * The means from the class sums of the shifted features (pass 1 of {@link MetricPasses}):
   * {@code sums[a K + c] = sum_{y_i = c} (H[a, i] - pivot[a])}.
   */
  static ClassMeans fromShiftedSums(double[] pivot, double[] sums, int[] counts, int n, GlobalMean globalMean) {
    int d = pivot.length;
    int k = counts.length;
    DMatrixRMaj mbar = new DMatrixRMaj(d, k);
    DMatrixRMaj mu = new DMatrixRMaj(d, 1);
    DMatrixRMaj mc = new DMatrixRMaj(d, k);
    double[] shifted = new double[k];
    for (int a = 0; a < d; a++) {
      double g = 0;
      for (int c = 0; c < k; c++) {
        shifted[c] = sums[a * k + c] / counts[c];
        double weight = globalMean == GlobalMean.SAMPLE ? (double) counts[c] / n : 1.0 / k;
        g += weight * shifted[c];
      }
      mu.data[a] = pivot[a] + g;
      for (int c = 0; c < k; c++) {
        mbar.data[a * k + c] = pivot[a] + shifted[c];
        mc.data[a * k + c] = shifted[c] - g;
      }
    }
    return new ClassMeans(counts, mbar, mu, mc, globalMean);
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  @Override
  public DMatrixRMaj mbar() {
    return mbar.copy();
  }

  @Override
  public DMatrixRMaj globalMeanVector() {
    return globalMeanVector.copy();
  }

  @Override
  public DMatrixRMaj mc() {
    return mc.copy();
  }

  /** K. */
  public int numClasses() {
    return counts.length;
  }

  /** d. */
  public int dim() {
    return mbar.numRows;
  }

  /** Mbar without copying (package-internal; must not be modified). */
  DMatrixRMaj mbarRef() {
    return mbar;
  }

  /** Mc without copying (package-internal; must not be modified). */
  DMatrixRMaj mcRef() {
    return mc;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassMeans other && other.globalMean == globalMean
        && java.util.Arrays.equals(other.counts, counts) && org.ejml.dense.row.MatrixFeatures_DDRM.isEquals(other.mbar, mbar);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(counts) * 31 + globalMean.hashCode();
  }

  @Override
  public String toString() {
    return "ClassMeans[d=" + dim() + ", K=" + numClasses() + ", globalMean=" + globalMean + "]";
  }
}
