package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import ncverify.properties.engine.ChoiceKind.MagnitudeChoice;
import ncverify.properties.engine.ChoiceSource.Span;

/**
 * Integrated shrinking on the choice sequence (Hypothesis "Conjecture" shrinker, simplified).
 *
 * <p>A candidate is kept when the property still fails with the same failure ({@link FailureKey}: the
 * exception type, and the claim id for claim violations, so shrinking never slides from one claim's
 * failure to another's) and the choices it actually drew are shortlex-smaller. Tries are cached on the
 * choices drawn ({@link ChoiceTree}).
 *
 * <p>Passes: delete spans (list elements, matrix rows, rank-one terms), delete blocks of 8/4/2/1
 * choices, zero spans, minimize each choice (integers by binary search; double magnitudes through
 * simpler values: 0, integers, short decimals, short binary fractions), sort sibling spans, and
 * redistribute value between nearby integer choices. Passes that made progress run first; a pass that
 * made none in the last two rounds is demoted and runs again only when the others are stuck; shrinking
 * stops when a round of every pass makes no progress, when the evaluation budget is spent or when the
 * time bound is reached ({@link #stopReason()}).
 */
final class Shrinker {

  private static final int REDISTRIBUTE_WINDOW = 8;
  /** Rounds without progress after which a pass is demoted. */
  static final int DEMOTE_AFTER = 2;

  private final Function<ChoiceSequence, TryOutcome> runner;
  private final String failureKey;
  private final int budget;
  private final int demoteAfter;
  private final long deadlineNanos;
  private final ChoiceTree cache = new ChoiceTree();
  private final List<Pass> passes = new ArrayList<>();
  private TryOutcome best;
  private int evaluations;
  private int rounds;
  private String stopReason = "no simpler failing case";

  /** A named shrink pass with its record of recent progress. */
  private static final class Pass {
    final String name;
    final BooleanSupplier run;
    int idleRounds;
    int runs;
    int successes;

    Pass(String name, BooleanSupplier run) {
      this.name = name;
      this.run = run;
    }
  }

  Shrinker(Function<ChoiceSequence, TryOutcome> runner, TryOutcome failure, int budget) {
    this(runner, failure, budget, Long.MAX_VALUE);
  }

  /**
   * @param runner runs the body on a candidate prefix (then zeros)
   * @param failure the failing try to shrink
   * @param budget maximum body evaluations
   * @param timeLimitNanos wall-time bound of the whole shrink
   */
  Shrinker(Function<ChoiceSequence, TryOutcome> runner, TryOutcome failure, int budget, long timeLimitNanos) {
    this(runner, failure, budget, timeLimitNanos, DEMOTE_AFTER);
  }

  /**
   * As {@link #Shrinker(Function, TryOutcome, int, long)}, with a pass demoted after {@code demoteAfter}
   * rounds without progress ({@code Integer.MAX_VALUE}: never demoted, every pass runs every round).
   */
  Shrinker(Function<ChoiceSequence, TryOutcome> runner, TryOutcome failure, int budget, long timeLimitNanos,
      int demoteAfter) {
    this.runner = runner;
    this.demoteAfter = demoteAfter;
    this.best = failure;
    this.failureKey = FailureKey.primary(failure.error());
    this.budget = budget;
    long now = System.nanoTime();
    this.deadlineNanos = timeLimitNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeLimitNanos;
    cache.record(failure);
    passes.add(new Pass("delete spans", this::deleteSpans));
    passes.add(new Pass("delete blocks", this::deleteBlocks));
    passes.add(new Pass("zero spans", this::zeroSpans));
    passes.add(new Pass("minimize choices", this::minimizeChoices));
    passes.add(new Pass("sort siblings", this::sortSiblings));
    passes.add(new Pass("redistribute", this::redistribute));
  }

  /** Shrinks and returns the simplest failing outcome found. */
  TryOutcome shrink() {
    boolean everyPass = false;
    while (!stopped()) {
      rounds++;
      List<Pass> order = new ArrayList<>(passes);
      order.sort(Comparator.comparingInt((Pass p) -> p.idleRounds).thenComparingInt(p -> -p.successes));
      boolean progress = false;
      for (Pass p : order) {
        if (stopped()) {
          break;
        }
        if (!everyPass && p.idleRounds >= demoteAfter) {
          continue;
        }
        p.runs++;
        if (p.run.getAsBoolean()) {
          p.idleRounds = 0;
          p.successes++;
          progress = true;
        } else {
          p.idleRounds++;
        }
      }
      if (!progress && everyPass) {
        break;
      }
      everyPass = !progress;
    }
    return best;
  }

  private boolean stopped() {
    if (evaluations >= budget) {
      stopReason = "evaluation budget of " + budget + " spent";
      return true;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      stopReason = "time bound reached";
      return true;
    }
    return false;
  }

  int evaluations() {
    return evaluations;
  }

  /** Rounds of passes run. */
  int rounds() {
    return rounds;
  }

  /**
   * How often one pass ran and made progress.
   *
   * @param name the pass
   * @param runs rounds in which it ran
   * @param successes runs that found a simpler failing case
   */
  record PassStats(String name, int runs, int successes) {
  }

  /** Per pass, in the fixed pass order, how often it ran and made progress. */
  List<PassStats> passStats() {
    return passes.stream().map(p -> new PassStats(p.name, p.runs, p.successes)).toList();
  }

  /** Why shrinking stopped: no simpler failing case, the budget, or the time bound. */
  String stopReason() {
    return stopReason;
  }

  /** Tries answered by the cache of drawn choices. */
  int cacheHits() {
    return cache.hits();
  }

  /** Runs {@code candidate}; keeps it if it still fails the same way and is simpler. */
  private boolean accept(long[] candidate) {
    ChoiceSequence seq = new ChoiceSequence(candidate);
    if (seq.compareTo(best.choices()) >= 0 || stopped()) {
      return false;
    }
    TryOutcome outcome = cache.lookup(seq);
    if (outcome == null) {
      outcome = runner.apply(seq);
      evaluations++;
      cache.record(outcome);
    }
    if (outcome.failsWith(failureKey) && outcome.choices().compareTo(best.choices()) < 0) {
      best = outcome;
      return true;
    }
    return false;
  }

  private long[] current() {
    return best.choices().choices();
  }

  private static long[] delete(long[] c, int from, int to) {
    long[] out = new long[c.length - (to - from)];
    System.arraycopy(c, 0, out, 0, from);
    System.arraycopy(c, to, out, from, c.length - to);
    return out;
  }

  private boolean deleteSpans() {
    boolean any = false;
    for (int i = 0; i < best.spans().size(); i++) {
      Span s = best.spans().get(i);
      if (s.length() > 0 && s.end() <= best.choices().length() && accept(delete(current(), s.start(), s.end()))) {
        any = true;
        i--;
      }
    }
    return any;
  }

  private boolean deleteBlocks() {
    boolean any = false;
    for (int k = 8; k >= 1; k /= 2) {
      for (int i = 0; i + k <= best.choices().length(); i++) {
        if (accept(delete(current(), i, i + k))) {
          any = true;
          i--;
        }
      }
    }
    return any;
  }

  private boolean zeroSpans() {
    boolean any = false;
    for (int i = 0; i < best.spans().size(); i++) {
      Span s = best.spans().get(i);
      long[] c = current();
      if (s.end() > c.length) {
        continue;
      }
      boolean nonZero = false;
      for (int j = s.start(); j < s.end(); j++) {
        nonZero |= c[j] != 0;
        c[j] = 0;
      }
      any |= nonZero && accept(c);
    }
    return any;
  }

  private boolean minimizeChoices() {
    boolean any = false;
    for (int i = 0; i < best.choices().length(); i++) {
      long v = best.choices().get(i);
      if (v == 0) {
        continue;
      }
      if (tryValue(i, 0)) {
        any = true;
        continue;
      }
      long floor = 0;
      if (best.kinds()[i] instanceof MagnitudeChoice m) {
        any |= simplerDoubles(i, m);
        v = i < best.choices().length() ? best.choices().get(i) : 0;
        if (v >= DoubleEncoding.BIT_BAND) {
          continue; // bit-band choices are not monotone in value: no binary search
        }
        // integers and each digit count of the decimal band are increasing in value: search within them
        floor = DoubleEncoding.bandStart(v);
      }
      any |= binarySearch(i, floor, v);
    }
    return any;
  }

  /**
   * Binary search for the smallest failing value of choice {@code i} in {@code (lo, v]}, where {@code v}
   * fails and {@code lo} stands for a value already tried (0, or the start of a decimal digit count,
   * which decodes to 0).
   */
  private boolean binarySearch(int i, long lo, long v) {
    boolean any = false;
    long hi = v; // known to fail
    while (hi - lo > 1 && i < best.choices().length() && !stopped()) {
      long mid = lo + (hi - lo) / 2;
      if (tryValue(i, mid)) {
        hi = mid;
        any = true;
      } else {
        lo = mid;
      }
    }
    return any;
  }

  /**
   * Tries simpler values for the double magnitude at {@code i}: its floor and ceiling, then rounded to
   * 1..8 decimals and to 1..10 binary digits; candidates are tried from the simplest (smallest choice).
   */
  private boolean simplerDoubles(int i, MagnitudeChoice kind) {
    double x = kind.value(best.choices().get(i));
    TreeSet<Long> candidates = new TreeSet<>();
    addCandidate(candidates, kind, Math.floor(x));
    addCandidate(candidates, kind, Math.ceil(x));
    double p = 1;
    for (int digits = 1; digits <= DoubleEncoding.MAX_DIGITS; digits++) {
      p *= 10;
      addCandidate(candidates, kind, Math.floor(x * p) / p);
      addCandidate(candidates, kind, Math.ceil(x * p) / p);
    }
    for (int bits = 1; bits <= 10; bits++) {
      double q = Math.scalb(1.0, bits);
      addCandidate(candidates, kind, Math.floor(x * q) / q);
      addCandidate(candidates, kind, Math.ceil(x * q) / q);
    }
    for (long c : candidates) {
      if (i >= best.choices().length() || c >= best.choices().get(i)) {
        break;
      }
      if (tryValue(i, c)) {
        return true;
      }
    }
    return false;
  }

  private static void addCandidate(TreeSet<Long> candidates, MagnitudeChoice kind, double value) {
    if (value >= 0 && value <= kind.limit()) {
      candidates.add(DoubleEncoding.encode(value));
    }
  }

  private boolean tryValue(int index, long value) {
    long[] c = current();
    if (index >= c.length) {
      return false;
    }
    c[index] = value;
    return accept(c);
  }

  private boolean sortSiblings() {
    Map<String, List<Span>> groups = new LinkedHashMap<>();
    for (Span s : best.spans()) {
      groups.computeIfAbsent(s.parent() + "/" + s.label(), k -> new ArrayList<>()).add(s);
    }
    boolean any = false;
    for (List<Span> group : groups.values()) {
      if (group.size() < 2 || group.get(group.size() - 1).end() > best.choices().length()) {
        continue;
      }
      long[] c = current();
      List<ChoiceSequence> parts = new ArrayList<>();
      for (Span s : group) {
        parts.add(new ChoiceSequence(Arrays.copyOfRange(c, s.start(), s.end())));
      }
      parts.sort(null);
      long[] out = new long[c.length];
      int pos = 0;
      int read = 0;
      for (int g = 0; g < group.size(); g++) {
        Span s = group.get(g);
        int gap = s.start() - read;
        System.arraycopy(c, read, out, pos, gap);
        pos += gap;
        long[] part = parts.get(g).choices();
        System.arraycopy(part, 0, out, pos, part.length);
        pos += part.length;
        read = s.end();
      }
      System.arraycopy(c, read, out, pos, c.length - read);
      any |= accept(out);
    }
    return any;
  }

  private boolean redistribute() {
    boolean any = false;
    for (int i = 0; i < best.choices().length(); i++) {
      for (int j = i + 1; j < Math.min(best.choices().length(), i + 1 + REDISTRIBUTE_WINDOW); j++) {
        if (!(best.kinds()[i] instanceof ChoiceKind.IntegerChoice) || !(best.kinds()[j] instanceof ChoiceKind.IntegerChoice)) {
          continue;
        }
        long a = best.choices().get(i);
        long b = best.choices().get(j);
        long room = Math.min(a, best.maxes()[j] - b);
        if (room <= 0 || !shift(i, j, a, b, 1)) {
          continue;
        }
        any = true;
        if (shift(i, j, a, b, room)) {
          continue;
        }
        long lo = 1; // fails
        long hi = room; // does not fail
        while (hi - lo > 1 && !stopped()) {
          long mid = lo + (hi - lo) / 2;
          if (shift(i, j, a, b, mid)) {
            lo = mid;
          } else {
            hi = mid;
          }
        }
      }
    }
    return any;
  }

  private boolean shift(int i, int j, long a, long b, long k) {
    long[] c = current();
    if (j >= c.length) {
      return false;
    }
    c[i] = a - k;
    c[j] = b + k;
    return accept(c);
  }
}
