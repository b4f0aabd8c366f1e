package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import ncverify.properties.engine.ChoiceSource.Sampler;
import ncverify.theory.InvalidInputException;

/**
 * A generator of values of type {@code T}, built only from {@link ChoiceSource#draw} calls so that
 * shrinking the recorded choice sequence shrinks every generator, including composite ones, without
 * per-type shrinkers (Hypothesis "Conjecture" design, see STYLE.md). Choice 0 always maps to the
 * simplest value: integers and doubles shrink toward 0 (or the bound nearest 0), lists toward fewer
 * and simpler elements, {@link #elements} toward the first element.
 *
 * <p>Domain generators (feature matrices, labels, geometries) are built from these combinators.
 *
 * @param <T> generated type
 */
@FunctionalInterface
public interface Gen<T> {

  /** Generates one value from the choices of {@code source}. */
  T generate(ChoiceSource source);

  /** Number of consecutive rejections after which {@link #filter} gives up. */
  int FILTER_BUDGET = 100;

  /** Largest magnitude choice of a double: 2^53 - 1, the resolution of a double in [0, 1]. */
  long DOUBLE_STEPS = (1L << 53) - 1;

  // ---- combinators ---------------------------------------------------------------------------

  /** Applies {@code f} to each generated value; shrinks as this generator does. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return s -> f.apply(generate(s));
  }

  /** Generates a value, then uses it to choose the next generator (dependent generation). */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return s -> f.apply(generate(s)).generate(s);
  }

  /** Keeps only values passing {@code keep}; see {@link #filter(String, Predicate)}. */
  default Gen<T> filter(Predicate<? super T> keep) {
    return filter("filter", keep);
  }

  /**
   * Keeps only values passing {@code keep}, retrying up to {@link #FILTER_BUDGET} times per value;
   * when every retry is rejected the property fails with a {@link FilterExhaustedException} naming
   * {@code name}.
   */
  default Gen<T> filter(String name, Predicate<? super T> keep) {
    return s -> {
      for (int attempt = 0; attempt < FILTER_BUDGET; attempt++) {
        s.startSpan("filter");
        T value = generate(s);
        s.endSpan();
        if (keep.test(value)) {
          return value;
        }
      }
      throw new FilterExhaustedException(name, FILTER_BUDGET);
    };
  }

  /**
   * Adds values the generator names as special: tried in the edge-case phase, drawn with
   * probability 1/20 in random mode; they shrink toward this generator's values.
   */
  @SuppressWarnings({"unchecked", "varargs"}) // named is only read (default methods cannot be @SafeVarargs)
  default Gen<T> withEdgeCases(T... named) {
    if (named.length == 0) {
      return this;
    }
    List<T> values = List.of(named);
    long n = values.size();
    long[] edges = new long[values.size() + 1];
    Arrays.setAll(edges, i -> i);
    Sampler sampler = (rng, max) -> rng.nextInt(20) == 0 ? 1 + rng.nextLong(max) : 0;
    return s -> {
      long k = s.draw(n, sampler, edges);
      return k == 0 ? generate(s) : values.get((int) k - 1);
    };
  }

  // ---- primitives ----------------------------------------------------------------------------

  /** Always {@code value}; draws nothing. */
  static <T> Gen<T> constant(T value) {
    return s -> value;
  }

  /** Booleans; false is simpler. */
  static Gen<Boolean> booleans() {
    return s -> s.draw(1) == 1;
  }

  /**
   * Longs uniform in {@code [lo, hi]}, shrinking toward the value of the range nearest 0; edge cases
   * are that value, its neighbours and both bounds.
   */
  static Gen<Long> longs(long lo, long hi) {
    if (lo > hi) {
      throw InvalidInputException.of("range [%d, %d] is empty", lo, hi);
    }
    long target = Math.max(lo, Math.min(hi, 0));
    long up;
    long down;
    try {
      up = Math.subtractExact(hi, target);
      down = Math.subtractExact(target, lo);
    } catch (ArithmeticException e) {
      throw InvalidInputException.of("range [%d, %d] is too wide for longs()", lo, hi);
    }
    double pDown = (double) down / ((double) down + up);
    Sampler magnitude = (rng, max) -> rng.nextInt(5) == 0
        ? rng.nextLong(Math.min(max, 16) + 1) : Sampler.UNIFORM.sample(rng, max);
    return s -> {
      s.startSpan("integer");
      boolean negative = up == 0 || down > 0 && s.draw(1, (r, m) -> r.nextDouble() < pDown ? 1 : 0, 0, 1) == 1;
      long m = s.draw(negative ? down : up, magnitude, 0, 1, negative ? down : up);
      s.endSpan();
      return negative ? target - m : target + m;
    };
  }

  /** Ints uniform in {@code [lo, hi]}; see {@link #longs}. */
  static Gen<Integer> integers(int lo, int hi) {
    return longs(lo, hi).map(Long::intValue);
  }

  /**
   * Doubles in {@code [lo, hi]}; see {@link #doubles(double, double, boolean)} (no NaN).
   */
  static Gen<Double> doubles(double lo, double hi) {
    return doubles(lo, hi, false);
  }

  /**
   * Any double: every finite value, both infinities, -0.0 and (with {@code allowNaN}) NaN; random values
   * spread over many binary orders of magnitude. Shrinks toward 0, then small integers and short decimals.
   */
  static Gen<Double> anyDoubles(boolean allowNaN) {
    return doubles(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, allowNaN);
  }

  /**
   * Doubles in {@code [lo, hi]} (either bound may be infinite; the range then includes that infinity),
   * and NaN when {@code allowNaN}. A value is {@code target +- magnitude}, where {@code target} is the
   * value of the range nearest 0, the sign is one choice and the magnitude one typed choice
   * ({@link ChoiceSource#drawMagnitude}, {@link DoubleEncoding}): it shrinks toward {@code target},
   * then integers, then short decimals (0.3 before 0.25 before 0.123), then short binary fractions.
   * Random values are uniform on a finite range (log-spread on an infinite one). Edge values: both
   * bounds, {@code target}, 0 and -0.0, +-1, the smallest normal and subnormal, the largest finite value,
   * the infinities and NaN, each where the range includes it.
   */
  static Gen<Double> doubles(double lo, double hi, boolean allowNaN) {
    if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi || lo == Double.POSITIVE_INFINITY
        || hi == Double.NEGATIVE_INFINITY) {
      throw InvalidInputException.of("range [%s, %s] is not an interval of doubles", lo, hi);
    }
    double target = Math.max(lo, Math.min(hi, 0.0));
    double up = hi - target;
    double down = target - lo;
    double pDown = Double.isInfinite(up) || Double.isInfinite(down) ? 0.5 : down / (down + up);
    List<Double> specials = new ArrayList<>();
    if (hi == Double.POSITIVE_INFINITY) {
      specials.add(Double.POSITIVE_INFINITY);
    }
    if (lo == Double.NEGATIVE_INFINITY) {
      specials.add(Double.NEGATIVE_INFINITY);
    }
    if (allowNaN) {
      specials.add(Double.NaN);
    }
    long nSpecial = specials.size();
    long[] specialEdges = new long[specials.size() + 2];
    Arrays.setAll(specialEdges, i -> Math.max(0, i - 1)); // half the edge draws stay finite
    Sampler special = (rng, max) -> rng.nextInt(20) == 0 ? 1 + rng.nextLong(max) : 0;
    double[] upEdges = magnitudeEdges(target, up, 1.0);
    double[] downEdges = magnitudeEdges(target, down, -1.0);
    ChoiceSource.MagnitudeSampler sampler = (rng, side) -> {
      if (side < Double.MAX_VALUE) {
        return side * ((double) rng.nextLong(DOUBLE_STEPS + 1) / DOUBLE_STEPS);
      }
      return Math.scalb(1 + rng.nextDouble(), rng.nextInt(-64, 65));
    };
    return s -> {
      s.startSpan("double");
      try {
        if (nSpecial > 0) {
          long k = s.draw(nSpecial, special, specialEdges);
          if (k > 0) {
            return specials.get((int) k - 1);
          }
        }
        boolean negative = up == 0 || down > 0 && s.draw(1, (r, m) -> r.nextDouble() < pDown ? 1 : 0, 0, 1) == 1;
        double side = negative ? down : up;
        double m = side == 0 ? 0 : s.drawMagnitude(side, sampler, negative ? downEdges : upEdges);
        if (negative && m == 0 && target == 0 && up > 0) {
          return -0.0; // the negative side of 0, drawn only where the range has both signs
        }
        double x = negative ? target - m : target + m;
        return x < lo ? lo : x > hi ? hi : x;
      } finally {
        s.endSpan();
      }
    };
  }

  /** Edge magnitudes of one side of a double range: the bound, and the special values inside it. */
  private static double[] magnitudeEdges(double target, double side, double sign) {
    List<Double> edges = new ArrayList<>(List.of(0.0, Math.min(side, Double.MAX_VALUE)));
    double one = Math.abs(sign - target);
    if (target + sign * one == sign && one <= side) {
      edges.add(one);
    }
    if (target == 0 && side > 0) {
      edges.add(Math.min(side, Double.MIN_NORMAL));
      edges.add(Double.MIN_VALUE);
    }
    return edges.stream().distinct().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Doubles log-uniform in {@code [lo, hi]}, {@code 0 < lo <= hi}, for scales such as a weight decay
   * lambda or a learning rate; shrinks toward {@code lo}; edge cases are both bounds.
   */
  static Gen<Double> logDoubles(double lo, double hi) {
    if (!(lo > 0) || !Double.isFinite(hi) || lo > hi) {
      throw InvalidInputException.of("log range [%s, %s] needs 0 < lo <= hi < infinity", lo, hi);
    }
    double logLo = Math.log(lo);
    double logSpan = Math.log(hi) - logLo;
    return s -> {
      long c = s.draw(DOUBLE_STEPS, Sampler.UNIFORM, 0, DOUBLE_STEPS);
      if (c == 0 || c == DOUBLE_STEPS) {
        return c == 0 ? lo : hi; // exact bounds, free of exp(log(.)) rounding
      }
      return Math.max(lo, Math.min(hi, Math.exp(logLo + logSpan * ((double) c / DOUBLE_STEPS))));
    };
  }

  /** One of {@code values}, uniformly; shrinks toward the first; small lists are all edge cases. */
  @SafeVarargs
  @SuppressWarnings("varargs") // values is only read
  static <T> Gen<T> elements(T... values) {
    return elements(List.of(values));
  }

  /** One of {@code values}, uniformly; shrinks toward the first; small lists are all edge cases. */
  static <T> Gen<T> elements(List<T> values) {
    if (values.isEmpty()) {
      throw new InvalidInputException("elements() needs at least one value");
    }
    List<T> copy = List.copyOf(values);
    long max = copy.size() - 1;
    long[] edges = max < 16 ? new long[copy.size()] : new long[] {0, max};
    if (max < 16) {
      Arrays.setAll(edges, i -> i);
    }
    return s -> copy.get((int) s.draw(max, Sampler.UNIFORM, edges));
  }

  /** A value from one of {@code gens}, chosen uniformly; shrinks toward the first generator. */
  @SafeVarargs
  @SuppressWarnings("varargs") // gens is only read
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> copy = List.of(gens);
    return elements(copy).flatMap(g -> s -> g.generate(s));
  }

  // ---- collections ---------------------------------------------------------------------------

  /**
   * Lists of {@code minSize..maxSize} elements. Each element beyond {@code minSize} is preceded by a
   * "one more" choice (Hypothesis style), so deleting an element's span shortens the list; the
   * random mean size is {@code minSize + min(10, (maxSize - minSize) / 2)}. Edge tries continue
   * with probability 2/3, so they include empty, 1- and 2-element lists.
   */
  static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
    if (minSize < 0 || minSize > maxSize) {
      throw InvalidInputException.of("list size range [%d, %d] is invalid", minSize, maxSize);
    }
    double extra = Math.min(10.0, (maxSize - minSize) / 2.0);
    double pMore = extra / (extra + 1.0);
    Sampler more = (rng, max) -> rng.nextDouble() < pMore ? 1 : 0;
    return s -> {
      List<T> out = new ArrayList<>();
      while (out.size() < maxSize) {
        s.startSpan("element");
        if (out.size() >= minSize && s.draw(1, more, 0, 1, 1) == 0) {
          s.endSpan();
          break;
        }
        out.add(element.generate(s));
        s.endSpan();
      }
      return Collections.unmodifiableList(out);
    };
  }

  /** Lists of exactly {@code size} elements. */
  static <T> Gen<List<T>> listsOf(Gen<T> element, int size) {
    return lists(element, size, size);
  }

  /** Pairs of independent values. */
  static <A, B> Gen<Tuple2<A, B>> tuple(Gen<A> a, Gen<B> b) {
    return s -> new Tuple2<>(a.generate(s), b.generate(s));
  }

  /** Triples of independent values. */
  static <A, B, C> Gen<Tuple3<A, B, C>> tuple(Gen<A> a, Gen<B> b, Gen<C> c) {
    return s -> new Tuple3<>(a.generate(s), b.generate(s), c.generate(s));
  }
}
