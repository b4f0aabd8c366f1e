package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Validated labeled features (docs/theory.md section 0): H in R^{d x N} with samples as columns, labels
 * y_i in {0..K-1}, every class non-empty, K >= 2, every entry finite.
 *
 * <p>H is held by reference, not copied (it may be gigabytes): callers must not modify it after
 * construction. The labels are copied.
 *
 * @param features H (d x N), columns are samples
 * @param labels y (length N), each in 0..K-1
 * @param numClasses K
 */
public record LabeledFeatures(DMatrixRMaj features, int[] labels, int numClasses) {

  /** Validates; throws {@link InvalidInputException} with a one-line message on bad input. */
  public LabeledFeatures {
    if (features == null || labels == null) {
      throw new InvalidInputException("features and labels must not be null");
    }
    int n = features.numCols;
    labels = labels.clone();
    validateLabels(labels, n, features.numRows, numClasses);
    requireFinite(features);
  }

  /**
   * Checks labels for N samples of dimension d: as many labels as samples, N &gt;= 1, d &gt;= 1, K &gt;= 2,
   * every label in 0..K-1 and every class non-empty (the checks of the constructor, for features that
   * are streamed rather than held, {@link NcMetrics#measure(FeatureBlocks, int[], int, DMatrixRMaj,
   * double[], java.util.List, GlobalMean, int, PassListener)}).
   */
  public static void validateLabels(int[] labels, long n, int d, int numClasses) {
    if (n != labels.length) {
      throw InvalidInputException.of("features have %d samples (columns) but there are %d labels",
          n, labels.length);
    }
    if (n == 0) {
      throw new InvalidInputException("no samples (N = 0)");
    }
    if (d == 0) {
      throw new InvalidInputException("features have dimension d = 0");
    }
    if (numClasses < 2) {
      throw InvalidInputException.of("need at least 2 classes, got K = %d", numClasses);
    }
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      if (y < 0 || y >= numClasses) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d", y, i, numClasses - 1);
      }
    }
    if (numClasses > n) { // checked before allocating K counters: K may be huge
      throw InvalidInputException.of("K = %d classes but only N = %d samples; every class needs a sample",
          numClasses, n);
    }
    int[] counts = new int[numClasses];
    for (int y : labels) {
      counts[y]++;
    }
    for (int k = 0; k < numClasses; k++) {
      if (counts[k] == 0) {
        throw InvalidInputException.of("class %d has no sample", k);
      }
    }
  }

  /** The first non-finite entry in storage order (feature row, then sample), checked in parallel. */
  private static void requireFinite(DMatrixRMaj features) {
    int n = features.numCols;
    long bad = ncverify.theory.linalg.Finite.firstNonFinite(features.data, features.getNumElements());
    if (bad >= 0) {
      throw InvalidInputException.of("features contain %s at sample %d, dim %d",
          ncverify.theory.linalg.Finite.kind(features.data[(int) bad]), bad % n, bad / n);
    }
  }

  /** K = (max label) + 1. */
  public static LabeledFeatures of(DMatrixRMaj features, int[] labels) {
    return new LabeledFeatures(features, labels, inferNumClasses(labels));
  }

  /** K = (max label) + 1, checked to leave every class a chance of a sample (K &lt;= N). */
  public static int inferNumClasses(int[] labels) {
    if (labels == null || labels.length == 0) {
      throw new InvalidInputException("no samples (N = 0)");
    }
    int max = labels[0];
    for (int y : labels) {
      max = Math.max(max, y);
    }
    if (max >= labels.length) { // also keeps max + 1 from overflowing
      throw InvalidInputException.of("largest label %d implies K = %d classes but there are only N = %d samples;"
          + " every class needs a sample", max, (long) max + 1, labels.length);
    }
    return max + 1;
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** The label of sample i. */
  public int label(int i) {
    return labels[i];
  }

  /** Labels without copying, for the metrics of this package (must not be modified). */
  int[] labelsRef() {
    return labels;
  }

  /** d, the feature dimension. */
  public int dim() {
    return features.numRows;
  }

  /** N, the number of samples. */
  public int numSamples() {
    return features.numCols;
  }

  /** n_k, the number of samples of each class. */
  public int[] classSizes() {
    int[] counts = new int[numClasses];
    for (int y : labels) {
      counts[y]++;
    }
    return counts;
  }

  /** One-hot Y (K x N), column i = e_{y_i}. */
  public DMatrixRMaj oneHot() {
    return oneHot(labels, numClasses);
  }

  /** One-hot Y (K x N) of labels in 0..K-1 (not checked), column i = e_{y_i}. */
  public static DMatrixRMaj oneHot(int[] labels, int numClasses) {
    DMatrixRMaj y = new DMatrixRMaj(numClasses, labels.length);
    for (int i = 0; i < labels.length; i++) {
      y.set(labels[i], i, 1.0);
    }
    return y;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledFeatures other && other.numClasses == numClasses
        && java.util.Arrays.equals(other.labels, labels) && org.ejml.dense.row.MatrixFeatures_DDRM.isEquals(other.features, features);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(labels) + numClasses;
  }

  @Override
  public String toString() {
    return "LabeledFeatures[d=" + dim() + ", N=" + numSamples() + ", K=" + numClasses + "]";
  }
}
