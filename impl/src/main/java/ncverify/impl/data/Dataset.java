package ncverify.impl.data;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * A labelled data set in the conventions of docs/theory.md section 0: inputs X (d x N, column i =
 * sample i), labels y_i in 0..K-1, the number of classes K and a name for reports. X is not copied
 * (it may be hundreds of MB): treat it as read-only. Labels are copied in and out.
 */
public record Dataset(DMatrixRMaj x, int[] labels, int k, String name) {

  public Dataset {
    if (x == null || labels == null) {
      throw new InvalidInputException("dataset needs inputs X and labels");
    }
    if (k < 2) {
      throw InvalidInputException.of("dataset needs K >= 2 classes, got %d", k);
    }
    if (x.numCols != labels.length) {
      throw InvalidInputException.of("X has %d columns (samples) but there are %d labels",
          x.numCols, labels.length);
    }
    labels = labels.clone();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d", labels[i], i, k - 1);
      }
    }
    for (int i = 0; i < x.getNumElements(); i++) {
      if (!Double.isFinite(x.data[i])) {
        throw InvalidInputException.of("X has a non-finite value %s at (%d, %d)", x.data[i],
            i / x.numCols, i % x.numCols);
      }
    }
  }

  /** A copy of the labels. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** Label of sample i. */
  public int label(int i) {
    return labels[i];
  }

  /** Input dimension d. */
  public int dim() {
    return x.numRows;
  }

  /** Number of samples N. */
  public int size() {
    return x.numCols;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "Dataset[%s: d=%d, N=%d, K=%d]", name, dim(), size(),
        k);
  }

  /** Samples per class. */
  public ClassSizes classSizes() {
    return ClassSizes.count(labels, k);
  }
}
