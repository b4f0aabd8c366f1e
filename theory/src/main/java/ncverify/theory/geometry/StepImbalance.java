package ncverify.theory.geometry;

import ncverify.theory.InvalidInputException;

/**
 * (R, rho)-STEP imbalance of [SELI] section 2 (docs/theory.md section 2): (1 - rho) K majority classes
 * with R n_min samples each (listed first), then rho K minority classes with n_min samples each.
 * Closed-form singular values of the SEL matrix Zhat (from the eigenvalues of S D S):
 * sqrt(R n_min) with multiplicity (1-rho)K - 1, sqrt(n_min (1 - rho + rho R)) once, sqrt(n_min)
 * with multiplicity rho K - 1, and 0 once; in descending order since R >= 1.
 * Requires K >= 2, 0 < rho < 1 with rho K an integer, R >= 1 with R n_min an integer, n_min >= 1.
 *
 * @param k number of classes K
 * @param ratio imbalance ratio R = n_maj / n_min
 * @param rho fraction of minority classes
 * @param nMin samples per minority class
 */
public record StepImbalance(int k, double ratio, double rho, int nMin) {

  private static final double INTEGER_TOL = 1e-9;

  public StepImbalance {
    if (k < 2) {
      throw InvalidInputException.of("STEP imbalance needs K >= 2 classes, got K = %d", k);
    }
    if (!(ratio >= 1) || Double.isInfinite(ratio)) {
      throw InvalidInputException.of("STEP imbalance ratio R must be a finite number >= 1, got %s", ratio);
    }
    if (!(rho > 0 && rho < 1)) {
      throw InvalidInputException.of("STEP minority fraction rho must be in (0, 1), got %s", rho);
    }
    if (nMin < 1) {
      throw InvalidInputException.of("STEP minority class size n_min must be >= 1, got %d", nMin);
    }
    double minority = rho * k;
    if (Math.abs(minority - Math.rint(minority)) > INTEGER_TOL) {
      throw InvalidInputException.of("rho * K = %s * %d is not an integer", rho, k);
    }
    double major = ratio * nMin;
    if (Math.abs(major - Math.rint(major)) > INTEGER_TOL * Math.max(1, major)) {
      throw InvalidInputException.of("R * n_min = %s * %d is not an integer", ratio, nMin);
    }
    if (major > Integer.MAX_VALUE || major * k > Integer.MAX_VALUE) {
      throw InvalidInputException.of("STEP class sizes R * n_min = %s are too large", major);
    }
  }

  /** Number of minority classes rho K. */
  public int numMinority() {
    return (int) Math.rint(rho * k);
  }

  /** Number of majority classes (1 - rho) K. */
  public int numMajority() {
    return k - numMinority();
  }

  /** Majority class size R n_min. */
  public int nMaj() {
    return (int) Math.rint(ratio * nMin);
  }

  /** Class sizes: majority classes first, then minority classes. */
  public int[] classSizes() {
    int[] sizes = new int[k];
    for (int c = 0; c < k; c++) {
      sizes[c] = c < numMajority() ? nMaj() : nMin;
    }
    return sizes;
  }

  /** The closed-form singular values of Zhat, descending (K values, the last 0). */
  public double[] singularValues() {
    double[] s = new double[k];
    int i = 0;
    for (int j = 0; j < numMajority() - 1; j++) {
      s[i++] = Math.sqrt((double) nMaj());
    }
    s[i++] = Math.sqrt(nMin * (1 - rho + rho * nMaj() / (double) nMin));
    for (int j = 0; j < numMinority() - 1; j++) {
      s[i++] = Math.sqrt((double) nMin);
    }
    s[i] = 0.0;
    return s;
  }

  /** The SELI geometry of these class sizes. */
  public SeliGeometry geometry() {
    return SeliGeometry.of(classSizes());
  }
}
