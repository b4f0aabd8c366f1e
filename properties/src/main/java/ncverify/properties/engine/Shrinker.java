package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ncverify.properties.engine.ChoiceSource.Span;

/**
 * Integrated shrinking on the choice sequence (Hypothesis "Conjecture" shrinker, simplified): repeats
 * passes that propose simpler sequences until none helps or the budget is spent. A proposal is kept
 * when the property still fails with the same exception class and the choices actually drawn are
 * shortlex-smaller. Passes: delete spans (e.g. list elements), delete blocks of 8/4/2/1 choices, zero
 * spans, minimize each choice by binary search, sort sibling spans, and redistribute value between
 * pairs of nearby choices (e.g. [2^30+1, 2^30] toward [1, 2^31-1]).
 */
final class Shrinker {

  private static final int REDISTRIBUTE_WINDOW = 8;

  private final Function<ChoiceSequence, TryOutcome> runner;
  private final Class<?> errorClass;
  private final int budget;
  private final Map<ChoiceSequence, TryOutcome> cache = new HashMap<>();
  private TryOutcome best;
  private int evaluations;

  Shrinker(Function<ChoiceSequence, TryOutcome> runner, TryOutcome failure, int budget) {
    this.runner = runner;
    this.best = failure;
    this.errorClass = failure.error().getClass();
    this.budget = budget;
  }

  /** Shrinks and returns the simplest failing outcome found. */
  TryOutcome shrink() {
    boolean progress = true;
    while (progress && evaluations < budget) {
      progress = deleteSpans() | deleteBlocks() | zeroSpans() | minimizeChoices() | sortSiblings()
          | redistribute();
    }
    return best;
  }

  int evaluations() {
    return evaluations;
  }

  /** Runs {@code candidate}; keeps it if it still fails the same way and is simpler. */
  private boolean accept(long[] candidate) {
    if (evaluations >= budget) {
      return false;
    }
    ChoiceSequence seq = new ChoiceSequence(candidate);
    if (seq.compareTo(best.choices()) >= 0) {
      return false;
    }
    TryOutcome outcome = cache.get(seq);
    if (outcome == null) {
      outcome = runner.apply(seq);
      evaluations++;
      cache.put(seq, outcome);
    }
    if (outcome.failed() && outcome.error().getClass() == errorClass
        && outcome.choices().compareTo(best.choices()) < 0) {
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
      long lo = 0; // known not to fail
      long hi = v; // known to fail
      while (hi - lo > 1 && i < best.choices().length()) {
        long mid = lo + (hi - lo) / 2;
        if (tryValue(i, mid)) {
          hi = mid;
          any = true;
        } else {
          lo = mid;
        }
      }
    }
    return any;
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
        while (hi - lo > 1) {
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
