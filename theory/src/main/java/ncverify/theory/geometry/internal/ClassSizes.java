package ncverify.theory.geometry.internal;

import ncverify.theory.InvalidInputException;

/**
 * Validation and bookkeeping for a vector of class sizes n_0..n_{K-1}: K >= 2, every n_k >= 1,
 * N = sum n_k without overflow, and sorted labels (class 0 first, then class 1, ...).
 */
public final class ClassSizes {

  private ClassSizes() {}

  /** Checks K >= 2 and n_k >= 1; returns N = sum n_k. */
  public static int validate(int[] classSizes) {
    if (classSizes == null || classSizes.length < 2) {
      throw InvalidInputException.of(
          "need at least 2 classes, got %d", classSizes == null ? 0 : classSizes.length);
    }
    long total = 0;
    for (int k = 0; k < classSizes.length; k++) {
      if (classSizes[k] < 1) {
        throw InvalidInputException.of("class %d has size %d, must be >= 1", k, classSizes[k]);
      }
      total += classSizes[k];
    }
    if (total > Integer.MAX_VALUE) {
      throw InvalidInputException.of("total sample count %d is too large", total);
    }
    return (int) total;
  }

  /** Labels sorted by class: n_0 zeros, then n_1 ones, ... */
  public static int[] sortedLabels(int[] classSizes) {
    int n = validate(classSizes);
    int[] labels = new int[n];
    int i = 0;
    for (int k = 0; k < classSizes.length; k++) {
      for (int j = 0; j < classSizes[k]; j++) {
        labels[i++] = k;
      }
    }
    return labels;
  }
}
