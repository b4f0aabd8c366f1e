package ncverify.properties.gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import ncverify.properties.engine.Gen;

/**
 * Generators of the unconstrained-features studies ([SELI], [DLN]; docs/theory.md sections 2 and 3):
 * class counts, per-class sizes under an imbalance profile and depths. Every generator shrinks
 * toward the small, simple case: K = 2, balanced classes of one sample, depth 1.
 */
public final class UfmGens {

  private UfmGens() {
  }

  /** Imbalance profile of a list of class sizes, listed from simplest to most general. */
  public enum Profile {
    /** Every class has the same size. */
    BALANCED,
    /** (R, rho)-STEP ([SELI] section 2): majority classes of R n_min samples first, then minority of n_min. */
    STEP,
    /** Independent sizes in 1..nMax. */
    RANDOM
  }

  /** Class sizes with the profile that generated them (lists, so that a counterexample prints). */
  public record Sizes(Profile profile, List<Integer> sizes) {
    public Sizes {
      sizes = List.copyOf(sizes);
    }

    /** The sizes as an array n_0..n_{K-1}. */
    public int[] array() {
      return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Imbalance ratio R = max n_k / min n_k. */
    public double ratio() {
      int max = Collections.max(sizes);
      int min = Collections.min(sizes);
      return (double) max / min;
    }
  }

  /** Class counts K in [lo, hi], shrinking toward lo, with 2 and 3 as edge cases when in range. */
  public static Gen<Integer> classCounts(int lo, int hi) {
    Gen<Integer> base = Gen.integers(lo, hi);
    List<Integer> edges = new ArrayList<>();
    for (int k : new int[] {2, 3}) {
      if (k >= lo && k <= hi) {
        edges.add(k);
      }
    }
    return edges.isEmpty() ? base : base.withEdgeCases(edges.toArray(new Integer[0]));
  }

  /**
   * Sizes of {@code k} classes, each in 1..nMax: balanced, STEP (1..k-1 minority classes, R >= 2 with
   * R n_min <= nMax) or random. Shrinks toward balanced classes of one sample.
   */
  public static Gen<Sizes> classSizes(int k, int nMax) {
    return Gen.oneOf(balancedSizes(k, nMax), stepSizes(k, Math.max(1, nMax / 2), nMax), randomSizes(k, nMax));
  }

  /** Equal sizes n in 1..nMax for {@code k} classes, shrinking toward one sample per class. */
  public static Gen<Sizes> balancedSizes(int k, int nMax) {
    return Gen.integers(1, nMax).map(n -> new Sizes(Profile.BALANCED, Collections.nCopies(k, n)));
  }

  /**
   * (R, rho)-STEP sizes of {@code k} classes: n_min in 1..nMinMax, R in 2..max(2, nMax/n_min) and 1..k-1
   * minority classes of n_min samples listed last, the others R n_min. Shrinks toward n_min = 1, R = 2, one
   * minority class.
   */
  public static Gen<Sizes> stepSizes(int k, int nMinMax, int nMax) {
    return Gen.integers(1, nMinMax).flatMap(nMin ->
        Gen.integers(2, Math.max(2, nMax / nMin)).flatMap(r ->
            Gen.integers(1, k - 1).map(minority -> {
              List<Integer> sizes = new ArrayList<>();
              for (int c = 0; c < k; c++) {
                sizes.add(c < k - minority ? r * nMin : nMin);
              }
              return new Sizes(Profile.STEP, sizes);
            })));
  }

  /** Independent sizes in 1..nMax for {@code k} classes. */
  public static Gen<Sizes> randomSizes(int k, int nMax) {
    return Gen.listsOf(Gen.integers(1, nMax), k).map(s -> new Sizes(Profile.RANDOM, s));
  }

  /** Depths M in [1, maxDepth], shrinking toward 1, with 2 as an edge case (the first nonconvex depth). */
  public static Gen<Integer> depths(int maxDepth) {
    return maxDepth >= 2 ? Gen.integers(1, maxDepth).withEdgeCases(2) : Gen.integers(1, maxDepth);
  }

  /** Extra feature dimensions d - K in [0, maxExtra] (d = K is the edge the theory allows), shrinking toward 0. */
  public static Gen<Integer> extraDimensions(int maxExtra) {
    return Gen.integers(0, maxExtra);
  }
}
