package ncverify.theory.geometry.seli;

import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.ClassSizes;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;

/**
 * The ridge path of the [SELI] cross-entropy UFM to second order as lambda -&gt; 0 (docs/theory.md
 * section 2, derivation in docs/derivations/seli.md): the optimum's class logits (column k = logits of
 * every sample of class k, X = M Y) are
 * <pre>
 *   M(lambda) = S (ln(1/lambda) I + B) + o(1),   B_kk = 0,   B_ck = ln(-P_ck / sqrt(n_k))  (c != k),
 * </pre>
 * with S = I - 11^T/K and P = U V^T the polar factor of S D^{1/2} = U L V^T (rank K - 1). The leading
 * term ln(1/lambda) S Y is [SELI]'s limit Zhat (Thm 1: the min-nuclear-norm interpolator of the margin
 * constraints); the bounded correction B Y is why the distance to SELI shrinks only like
 * C/ln(1/lambda). The entries -P_ck sqrt(n_k) are the multipliers of the margin constraints in the
 * dual of that nuclear-norm SVM; the expansion exists iff all of them are positive (every off-diagonal
 * P_ck &lt; 0), which {@link #exists()} reports.
 */
public final class SeliSecondOrder {

  private final int[] sizes;
  private final DMatrixRMaj polar;
  private final DMatrixRMaj correction;
  private final double minMultiplier;

  private SeliSecondOrder(int[] sizes) {
    ClassSizes.validate(sizes);
    this.sizes = sizes.clone();
    int k = sizes.length;
    DMatrixRMaj a = new DMatrixRMaj(k, k);
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        a.set(r, c, ((r == c ? 1.0 : 0.0) - 1.0 / k) * Math.sqrt(sizes[c]));
      }
    }
    Svd svd = Svd.thin(a);
    DMatrixRMaj u = svd.u();
    DMatrixRMaj v = svd.v();
    polar = new DMatrixRMaj(k, k);
    for (int j = 0; j < k - 1; j++) { // S D^{1/2} has rank exactly K - 1 (its rows sum to 0)
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          polar.add(r, c, u.get(r, j) * v.get(c, j));
        }
      }
    }
    correction = new DMatrixRMaj(k, k);
    double min = Double.POSITIVE_INFINITY;
    for (int kk = 0; kk < k; kk++) {
      for (int c = 0; c < k; c++) {
        if (c != kk) {
          double alpha = -polar.get(c, kk) * Math.sqrt(sizes[kk]);
          min = Math.min(min, alpha);
          correction.set(c, kk, alpha > 0 ? Math.log(alpha / sizes[kk]) : Double.NaN);
        }
      }
    }
    minMultiplier = min;
  }

  /** The expansion for class sizes n_0..n_{K-1} (K &gt;= 2, every n_k &gt;= 1). */
  public static SeliSecondOrder of(int[] classSizes) {
    return new SeliSecondOrder(classSizes);
  }

  /** Class sizes. */
  public int[] classSizes() {
    return sizes.clone();
  }

  /** The polar factor P = U V^T of S D^{1/2} (K x K). */
  public DMatrixRMaj polar() {
    return polar.copy();
  }

  /** Smallest margin multiplier min_{c != k} -P_ck sqrt(n_k) (positive iff the expansion exists). */
  public double minMultiplier() {
    return minMultiplier;
  }

  /** True iff every margin multiplier is positive, so that the correction B is finite. */
  public boolean exists() {
    return minMultiplier > 0;
  }

  /** The bounded correction B (zero diagonal; NaN entries where a multiplier is not positive). */
  public DMatrixRMaj correction() {
    return correction.copy();
  }

  /**
   * Predicted class logits M(lambda) = S (ln(1/lambda) I + B) (K x K, columns centered).
   *
   * @throws IllegalStateException when the expansion does not exist
   */
  public DMatrixRMaj classLogits(double lambda) {
    if (!exists()) {
      throw new IllegalStateException("the second-order expansion needs positive margin multipliers, min is "
          + minMultiplier);
    }
    if (!(lambda > 0 && lambda < 1)) {
      throw InvalidInputException.of("the second-order expansion needs 0 < lambda < 1, got %s", lambda);
    }
    int k = sizes.length;
    DMatrixRMaj m = correction.copy();
    double rho = Math.log(1 / lambda);
    for (int c = 0; c < k; c++) {
      m.add(c, c, rho);
    }
    for (int c = 0; c < k; c++) {
      double mean = 0;
      for (int r = 0; r < k; r++) {
        mean += m.get(r, c) / k;
      }
      for (int r = 0; r < k; r++) {
        m.add(r, c, -mean);
      }
    }
    return m;
  }
}
