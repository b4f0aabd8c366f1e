package ncverify.properties.seli;

import java.util.List;
import ncverify.properties.gen.UfmGens;
import ncverify.theory.InvalidInputException;

/**
 * One case of {@link SeliStudy}: class sizes (with their imbalance profile), feature dimension
 * d &gt;= K and the decreasing ridge sequence lambda_1 &gt; ... &gt; lambda_m of the CE UFM path.
 *
 * @param sizes class sizes n_0..n_{K-1}
 * @param d feature dimension (d &gt;= K)
 * @param lambdas ridges, strictly decreasing, all &gt; 0
 */
public record SeliCase(UfmGens.Sizes sizes, int d, List<Double> lambdas) {

  public SeliCase {
    lambdas = List.copyOf(lambdas);
    int k = sizes.sizes().size();
    if (k < 2 || d < k) {
      throw InvalidInputException.of("SELI case needs K >= 2 and d >= K, got K = %d, d = %d", k, d);
    }
    if (lambdas.size() < 2) {
      throw InvalidInputException.of("SELI path needs at least 2 lambdas, got %d", lambdas.size());
    }
    for (int i = 0; i < lambdas.size(); i++) {
      if (!(lambdas.get(i) > 0) || i > 0 && !(lambdas.get(i) < lambdas.get(i - 1))) {
        throw InvalidInputException.of("lambdas %s must be > 0 and strictly decreasing", lambdas);
      }
    }
  }

  /** Number of classes K. */
  public int k() {
    return sizes.sizes().size();
  }
}
