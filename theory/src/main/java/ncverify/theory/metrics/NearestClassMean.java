package ncverify.theory.metrics;

import ncverify.theory.linalg.WideProducts;
import org.ejml.data.DMatrixRMaj;

/**
 * The nearest-class-mean classifier of NC4 (docs/theory.md section 1): argmin_k ||h_i - mu_k|| for every
 * sample, ties broken towards the lowest index. Distances are sums of squared differences (no
 * expansion), computed block-wise in O(N d K) time and O(K) memory per sample block.
 */
public final class NearestClassMean {

  private NearestClassMean() {}

  /** argmin_k ||h_i - mu_k|| for each column h_i of H (d x N); Mbar is d x K. */
  public static int[] classify(DMatrixRMaj h, DMatrixRMaj mbar) {
    if (h.numRows != mbar.numRows) {
      throw ncverify.theory.InvalidInputException.of(
          "features have dimension %d but class means have dimension %d", h.numRows, mbar.numRows);
    }
    int n = h.numCols;
    int k = mbar.numCols;
    int block = WideProducts.BLOCK;
    double[] dist = new double[k * block];
    int[] out = new int[n];
    for (int i0 = 0; i0 < n; i0 += block) {
      int width = Math.min(block, n - i0);
      WideProducts.squaredDistancesBlock(h, mbar, i0, width, dist);
      for (int b = 0; b < width; b++) {
        int best = 0;
        double bestDist = dist[b];
        for (int c = 1; c < k; c++) {
          if (dist[c * width + b] < bestDist) {
            bestDist = dist[c * width + b];
            best = c;
          }
        }
        out[i0 + b] = best;
      }
    }
    return out;
  }

  /** The nearest class mean of every sample of {@code f}. */
  public static int[] classify(LabeledFeatures f, ClassMeans means) {
    return classify(f.features(), means.mbarRef());
  }
}
