package ncverify.properties.dln;

import ncverify.properties.gen.UfmGens;
import ncverify.theory.InvalidInputException;

/**
 * One case of {@link DlnStudy}: class sizes, depth M, feature (and hidden) width d &gt;= K, the
 * regularizers and the regime they were drawn for, named by where b/n_min falls relative to the
 * collapse threshold (M-1)^{(M-1)/M}/M and the root-existence threshold of docs/theory.md section 3.
 *
 * @param sizes class sizes n_0..n_{K-1}
 * @param depth number of layers M &gt;= 1
 * @param d width of H and of every hidden layer (&gt;= K)
 * @param lambdaW ridge on every W_m
 * @param lambdaH ridge on H
 * @param regime how lambda_W was chosen
 */
public record DlnCase(UfmGens.Sizes sizes, int depth, int d, double lambdaW, double lambdaH, Regime regime) {

  /** Where b/n_min was placed. */
  public enum Regime {
    /** lambda_W drawn log-uniformly, independent of the thresholds. */
    FREE,
    /** b/n_min below the collapse threshold: every class survives. */
    BELOW,
    /** b/n_min within a few percent of the collapse threshold (either side, never at it). */
    NEAR_THRESHOLD,
    /** M &gt;= 2: b/n_min between the collapse and root-existence thresholds (root exists, zero wins). */
    WINDOW,
    /** b/n_min above the root-existence threshold: the smallest class has no positive root. */
    ABOVE
  }

  public DlnCase {
    int k = sizes.sizes().size();
    if (k < 2 || depth < 1 || d < k) {
      throw InvalidInputException.of("DLN case needs K >= 2, M >= 1, d >= K; got K = %d, M = %d, d = %d", k, depth, d);
    }
    if (!(lambdaW > 0) || !(lambdaH > 0) || Double.isInfinite(lambdaW) || Double.isInfinite(lambdaH)) {
      throw InvalidInputException.of("lambda_W = %s and lambda_H = %s must be finite and > 0", lambdaW, lambdaH);
    }
  }

  /** Number of classes K. */
  public int k() {
    return sizes.sizes().size();
  }

  /** Number of samples N. */
  public int n() {
    return sizes.sizes().stream().mapToInt(Integer::intValue).sum();
  }
}
