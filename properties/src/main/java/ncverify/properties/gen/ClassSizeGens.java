package ncverify.properties.gen;

import java.util.Locale;
import ncverify.impl.data.ClassSizes;
import ncverify.properties.engine.Gen;
import ncverify.theory.InvalidInputException;

/**
 * Generators of class counts K and per-class sample sizes n_0..n_{K-1} with the imbalance profiles of
 * the papers (docs/theory.md sections 0 and 2; {@link ClassSizes}): balanced n_k = n; (R, rho)-STEP [SELI]
 * with R up to 100 and rho K an integer; exponential long tail; one-sample classes (some n_k = 1).
 * Every generator shrinks toward K = 2, balanced classes and few samples: the simplest data set.
 * Sizes stay small (at most {@link Scale#maxPerClass()} per class) so that a network trains in well
 * under a second.
 */
public final class ClassSizeGens {

  /** Smallest and largest class count of the default generators. */
  public static final int MIN_K = 2;
  /** Largest default class count. */
  public static final int MAX_K = 10;
  /** Largest STEP ratio R generated ([SELI] goes up to 100). */
  public static final int MAX_STEP_RATIO = 100;

  private ClassSizeGens() {
  }

  /** The imbalance profiles, simplest first (shrinking goes toward BALANCED). */
  public enum Profile {
    BALANCED, STEP, LONG_TAIL, ONE_SAMPLE
  }

  /**
   * Size limits of generated data sets.
   *
   * @param maxBalanced largest n of a balanced class
   * @param minBalanced smallest n of a balanced class
   * @param maxPerClass largest size of any class (caps R n_min of STEP and n_max of long tails)
   */
  public record Scale(int minBalanced, int maxBalanced, int maxPerClass) {

    public Scale {
      if (minBalanced < 1 || maxBalanced < minBalanced || maxPerClass < maxBalanced) {
        throw InvalidInputException.of("scale needs 1 <= minBalanced <= maxBalanced <= maxPerClass, got %d, %d, %d",
            minBalanced, maxBalanced, maxPerClass);
      }
    }

    /** Small default: balanced classes of 2..8 samples, no class above 100 samples. */
    public static Scale small() {
      return new Scale(2, 8, 100);
    }

    /** This scale with every limit multiplied by {@code factor} >= 1 (for exhaustive runs). */
    public Scale times(int factor) {
      if (factor < 1) {
        throw InvalidInputException.of("scale factor %d must be >= 1", factor);
      }
      return new Scale(minBalanced, maxBalanced * factor, maxPerClass * factor);
    }
  }

  /**
   * One generated class-size profile: the parameters that define it and the resulting sizes.
   *
   * @param profile the imbalance profile
   * @param sizes n_0..n_{K-1}
   * @param ratio n_max / n_min as generated (R of STEP, ratio of long tails, n_max of one-sample
   *     profiles, 1 when balanced)
   * @param rho fraction of minority classes (STEP) or of one-sample classes (ONE_SAMPLE); 0 otherwise
   */
  public record Spec(Profile profile, ClassSizes sizes, double ratio, double rho) {

    /** Number of classes. */
    public int k() {
      return sizes.k();
    }

    @Override
    public String toString() {
      String sz = java.util.Arrays.toString(sizes.toArray());
      return switch (profile) {
        case BALANCED -> "balanced" + sz;
        case STEP -> String.format(Locale.ROOT, "step(R=%s,rho=%s)%s", fmt(ratio), fmt(rho), sz);
        case LONG_TAIL -> String.format(Locale.ROOT, "longTail(ratio=%s)%s", fmt(ratio), sz);
        case ONE_SAMPLE -> "oneSample" + sz;
      };
    }

    private static String fmt(double x) {
      return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }
  }

  /** K in 2..10; shrinks toward 2; the edge phase tries 2, 3 and 10. */
  public static Gen<Integer> classCounts() {
    return classCounts(MIN_K, MAX_K);
  }

  /** K in [lo, hi] (lo >= 2); shrinks toward lo; the edge phase tries lo, lo + 1 and hi. */
  public static Gen<Integer> classCounts(int lo, int hi) {
    if (lo < 2 || hi < lo) {
      throw InvalidInputException.of("class count range [%d, %d] needs 2 <= lo <= hi", lo, hi);
    }
    return Gen.integers(lo, hi);
  }

  /** Balanced classes of n in [minBalanced, maxBalanced] samples each. */
  public static Gen<Spec> balanced(int k, Scale scale) {
    requireK(k);
    return Gen.integers(scale.minBalanced(), scale.maxBalanced())
        .map(n -> new Spec(Profile.BALANCED, ClassSizes.balanced(k, n), 1.0, 0.0));
  }

  /**
   * (R, rho)-STEP: m in 1..K-1 minority classes (rho = m/K) of n_min samples, the others R n_min with
   * the integer R in 2..min(100, maxPerClass / n_min); shrinks toward R = 2, one minority class,
   * n_min = 1.
   */
  public static Gen<Spec> step(int k, Scale scale) {
    requireK(k);
    int maxNMin = Math.max(1, Math.min(scale.maxBalanced(), scale.maxPerClass() / 2));
    return Gen.integers(1, maxNMin).flatMap(nMin -> {
      int maxR = Math.max(2, Math.min(MAX_STEP_RATIO, scale.maxPerClass() / nMin));
      return Gen.tuple(Gen.integers(2, maxR), Gen.integers(1, k - 1)).map(t -> {
        double rho = (double) t.second() / k;
        return new Spec(Profile.STEP, ClassSizes.step(k, t.first(), rho, nMin), t.first(), rho);
      });
    });
  }

  /**
   * Exponential long tail n_c = round(n_max ratio^{-c/(K-1)}) with n_max in [maxBalanced,
   * maxPerClass] and ratio log-uniform in [2, n_max]; shrinks toward the smallest n_max and ratio 2.
   */
  public static Gen<Spec> longTail(int k, Scale scale) {
    requireK(k);
    return Gen.integers(Math.max(2, scale.maxBalanced()), Math.max(2, scale.maxPerClass())).flatMap(nMax ->
        Gen.logDoubles(2.0, nMax).map(ratio ->
            new Spec(Profile.LONG_TAIL, ClassSizes.longTail(k, nMax, ratio), ratio, 0.0)));
  }

  /**
   * One-sample classes: the first m in 1..K-1 classes have n in [minBalanced, maxBalanced] (at least 2)
   * samples, the remaining K - m exactly one; shrinks toward m = 1.
   */
  public static Gen<Spec> oneSample(int k, Scale scale) {
    requireK(k);
    return Gen.tuple(Gen.integers(Math.max(2, scale.minBalanced()), Math.max(2, scale.maxBalanced())),
        Gen.integers(1, k - 1)).map(t -> {
          int[] s = new int[k];
          for (int c = 0; c < k; c++) {
            s[c] = c < t.second() ? t.first() : 1;
          }
          return new Spec(Profile.ONE_SAMPLE, ClassSizes.of(s), t.first(), (double) (k - t.second()) / k);
        });
  }

  /** Sizes for K classes with every profile equally likely; see {@link #sizes(int, Scale, int)}. */
  public static Gen<Spec> sizes(int k, Scale scale) {
    return sizes(k, scale, 25);
  }

  /**
   * Sizes for K classes: BALANCED with probability {@code balancedPercent}%, else STEP, LONG_TAIL or
   * ONE_SAMPLE equally likely. Shrinks toward balanced (the profile choice 0). Use a high
   * {@code balancedPercent} when a claim needs balanced classes to apply.
   */
  public static Gen<Spec> sizes(int k, Scale scale, int balancedPercent) {
    if (balancedPercent < 0 || balancedPercent > 100) {
      throw InvalidInputException.of("balanced percentage %d is outside 0..100", balancedPercent);
    }
    Gen<Spec> bal = balanced(k, scale);
    Gen<Spec> st = step(k, scale);
    Gen<Spec> lt = longTail(k, scale);
    Gen<Spec> one = oneSample(k, scale);
    int others = 100 - balancedPercent;
    return Gen.integers(0, 99).flatMap(p -> {
      if (p < balancedPercent || others == 0) {
        return bal;
      }
      int j = (p - balancedPercent) * 3 / others;
      return j == 0 ? st : j == 1 ? lt : one;
    });
  }

  /** K from {@link #classCounts()} then sizes from {@link #sizes(int, Scale, int)}. */
  public static Gen<Spec> classSizes(Scale scale, int balancedPercent) {
    return classCounts().flatMap(k -> sizes(k, scale, balancedPercent));
  }

  private static void requireK(int k) {
    if (k < 2) {
      throw InvalidInputException.of("need K >= 2 classes, got %d", k);
    }
  }
}
