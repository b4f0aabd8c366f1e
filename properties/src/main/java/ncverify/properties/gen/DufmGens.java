package ncverify.properties.gen;

import ncverify.properties.engine.Gen;
import ncverify.theory.geometry.dufm.DeepUfmRegime;

/**
 * Generators of deep-UFM instances [DUFM] (docs/theory.md section 4): class count K, depth L, width,
 * common regularizer lambda and samples per class n. Lambdas are log-uniform from {@link #LAMBDA_MIN}
 * (below the paper's 0.004) up to {@link #COLLAPSE_OVERSHOOT} times the common lambda at which DNC
 * collapses, 2 C*(L) / (K (L+1) n^{1/(L+1)}), so both sides of the collapse are generated.
 */
public final class DufmGens {

  /** Smallest generated lambda. */
  public static final double LAMBDA_MIN = 1e-3;
  /** The paper's lambda ([DUFM] experiments). */
  public static final double PAPER_LAMBDA = 0.004;
  /** Lambdas go up to this multiple of the DNC collapse lambda. */
  public static final double COLLAPSE_OVERSHOOT = 1.3;

  private DufmGens() {
  }

  /**
   * K in 2..10 drawn from three equally likely ranges: exactly 2 (claim (1)), 3..10, and 6..10 (where
   * the triangular-graph construction exists); shrinks toward K = 2; edge cases 2, 3, 6 and 10.
   */
  public static Gen<Integer> classCounts() {
    return Gen.<Integer>oneOf(Gen.constant(2), Gen.integers(3, 10), Gen.integers(6, 10))
        .withEdgeCases(2, 3, 6, 10);
  }

  /**
   * Depth L in 1..5, half the time from 4..5 (where [DUFM] claim (2) applies for K &gt;= 6);
   * shrinks toward 1.
   */
  public static Gen<Integer> depths() {
    return Gen.<Integer>oneOf(Gen.integers(1, 5), Gen.integers(4, 5));
  }

  /** Width of every hidden layer, in K..3K (shrinks toward K). */
  public static Gen<Integer> widths(int numClasses) {
    return Gen.integers(0, 2 * numClasses).map(extra -> numClasses + extra);
  }

  /** Samples per class: 1 or 2 (shrinks toward 1). */
  public static Gen<Integer> samplesPerClass() {
    return Gen.integers(1, 2);
  }

  /**
   * Common lambda, log-uniform in [{@link #LAMBDA_MIN}, {@link #COLLAPSE_OVERSHOOT} x collapse
   * lambda]; the paper's 0.004 is an edge case when inside the range.
   */
  public static Gen<Double> lambdas(int numClasses, int depth, int samplesPerClass) {
    double hi = COLLAPSE_OVERSHOOT
        * DeepUfmRegime.dncCollapseLambda(numClasses, depth, samplesPerClass);
    double top = Math.max(hi, LAMBDA_MIN * 1.5);
    Gen<Double> g = Gen.logDoubles(LAMBDA_MIN, top);
    return PAPER_LAMBDA < top ? g.withEdgeCases(PAPER_LAMBDA) : g;
  }
}
