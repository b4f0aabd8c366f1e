package ncverify.impl.data;

import java.util.Arrays;
import ncverify.theory.InvalidInputException;

/**
 * The number of samples n_k of each class k = 0..K-1 (K >= 2, every n_k >= 1), with the imbalance
 * profiles used in the papers:
 * <ul>
 *   <li>balanced: n_k = n;</li>
 *   <li>(R, rho)-STEP [SELI] section 2 / docs/theory.md section 2: (1 - rho) K majority classes with
 *       R n_min samples, then rho K minority classes with n_min samples (majority first);</li>
 *   <li>long tail (exponential): n_k = round(n_max ratio^{-k/(K-1)}), at least 1, so n_0 = n_max
 *       and n_{K-1} = round(n_max / ratio).</li>
 * </ul>
 * Immutable.
 */
public final class ClassSizes {

  /** Slack when checking that rho K and R n_min are integers. */
  private static final double INTEGER_SLACK = 1e-9;

  private final int[] sizes;

  private ClassSizes(int[] sizes) {
    if (sizes == null || sizes.length < 2) {
      throw InvalidInputException.of("need K >= 2 classes, got %d",
          sizes == null ? 0 : sizes.length);
    }
    long total = 0;
    for (int k = 0; k < sizes.length; k++) {
      if (sizes[k] < 1) {
        throw InvalidInputException.of("class %d has %d samples; every class needs >= 1", k,
            sizes[k]);
      }
      total += sizes[k];
    }
    if (total > Integer.MAX_VALUE) {
      throw InvalidInputException.of("total sample count %d exceeds %d", total, Integer.MAX_VALUE);
    }
    this.sizes = sizes;
  }

  /** Explicit sizes n_0, ..., n_{K-1}. */
  public static ClassSizes of(int... sizes) {
    return new ClassSizes(sizes == null ? null : sizes.clone());
  }

  /** K classes of n samples each. */
  public static ClassSizes balanced(int k, int n) {
    requireK(k);
    int[] s = new int[k];
    Arrays.fill(s, n);
    return new ClassSizes(s);
  }

  /**
   * (R, rho)-STEP imbalance: (1 - rho) K majority classes with R n_min samples first, then rho K
   * minority classes with n_min samples. rho K and R n_min must be integers, 0 < rho < 1, R >= 1.
   */
  public static ClassSizes step(int k, double r, double rho, int nMin) {
    requireK(k);
    if (!(rho > 0 && rho < 1)) {
      throw InvalidInputException.of("STEP imbalance needs 0 < rho < 1, got rho=%s", rho);
    }
    if (!(r >= 1) || Double.isInfinite(r)) {
      throw InvalidInputException.of("STEP imbalance needs a finite ratio R >= 1, got R=%s", r);
    }
    if (nMin < 1) {
      throw InvalidInputException.of("STEP imbalance needs n_min >= 1, got %d", nMin);
    }
    int minority = toInteger(rho * k, "rho*K = %s*%d is not an integer", rho, k);
    int nMaj = toInteger(r * nMin, "R*n_min = %s*%d is not an integer", r, nMin);
    int[] s = new int[k];
    for (int c = 0; c < k; c++) {
      s[c] = c < k - minority ? nMaj : nMin;
    }
    return new ClassSizes(s);
  }

  /** Exponential long tail n_c = round(n_max ratio^{-c/(K-1)}), at least 1; ratio >= 1. */
  public static ClassSizes longTail(int k, int nMax, double ratio) {
    requireK(k);
    if (nMax < 1) {
      throw InvalidInputException.of("long tail needs n_max >= 1, got %d", nMax);
    }
    if (!(ratio >= 1) || Double.isInfinite(ratio)) {
      throw InvalidInputException.of("long tail needs a finite ratio >= 1, got %s", ratio);
    }
    int[] s = new int[k];
    for (int c = 0; c < k; c++) {
      s[c] = (int) Math.max(1, Math.round(nMax * Math.pow(ratio, -(double) c / (k - 1))));
    }
    return new ClassSizes(s);
  }

  /** Number of classes K. */
  public int k() {
    return sizes.length;
  }

  /** n_c. */
  public int size(int c) {
    if (c < 0 || c >= sizes.length) {
      throw InvalidInputException.of("class %d is outside 0..%d", c, sizes.length - 1);
    }
    return sizes[c];
  }

  /** A copy of (n_0, ..., n_{K-1}). */
  public int[] toArray() {
    return sizes.clone();
  }

  /** N = sum_c n_c. */
  public int total() {
    int t = 0;
    for (int s : sizes) {
      t += s;
    }
    return t;
  }

  /** max_c n_c / min_c n_c. */
  public double imbalanceRatio() {
    int max = Arrays.stream(sizes).max().orElseThrow();
    int min = Arrays.stream(sizes).min().orElseThrow();
    return (double) max / min;
  }

  /** Labels sorted by class: n_0 zeros, then n_1 ones, and so on (length N). */
  public int[] sortedLabels() {
    int[] y = new int[total()];
    int i = 0;
    for (int c = 0; c < sizes.length; c++) {
      Arrays.fill(y, i, i + sizes[c], c);
      i += sizes[c];
    }
    return y;
  }

  /** The sizes of the classes present in {@code labels} (labels in 0..k-1). */
  public static ClassSizes count(int[] labels, int k) {
    int[] s = new int[k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d", labels[i], i, k - 1);
      }
      s[labels[i]]++;
    }
    return new ClassSizes(s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassSizes other && Arrays.equals(sizes, other.sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes);
  }

  @Override
  public String toString() {
    return "ClassSizes" + Arrays.toString(sizes);
  }

  private static void requireK(int k) {
    if (k < 2) {
      throw InvalidInputException.of("need K >= 2 classes, got %d", k);
    }
  }

  private static int toInteger(double x, String format, Object... args) {
    long r = Math.round(x);
    if (Math.abs(x - r) > INTEGER_SLACK || r > Integer.MAX_VALUE) {
      throw InvalidInputException.of(format, args);
    }
    return (int) r;
  }
}
