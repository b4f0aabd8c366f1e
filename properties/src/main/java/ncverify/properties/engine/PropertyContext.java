package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls a property body makes during a try: {@link #assume} (discard the try), {@link #label} and
 * {@link #collect} (statistics), {@link #cover} (required coverage of a condition) and
 * {@link #target} (score steering the targeted search). The runner binds a fresh recorder to the
 * running thread for each try, so the calls are static ({@code import static ...PropertyContext.*})
 * and safe in parallel tries.
 */
public final class PropertyContext {

  private static final ThreadLocal<Recorder> CURRENT = new ThreadLocal<>();

  private PropertyContext() {}

  /** Discards the current try unless {@code condition} holds; discards are counted and limited. */
  public static void assume(boolean condition) {
    current();
    if (!condition) {
      throw new DiscardException();
    }
  }

  /** Counts this try under {@code label} in the statistics table. */
  public static void label(String label) {
    current().labels.add(label);
  }

  /** Counts this try under the combination of {@code values} (joined by ", "). */
  public static void collect(Object... values) {
    StringJoiner key = new StringJoiner(", ");
    for (Object v : values) {
      key.add(String.valueOf(v));
    }
    label(key.toString());
  }

  /**
   * Records whether this try satisfies the condition {@code name}; after the random phase the property
   * fails if the fraction of valid tries satisfying it is below {@code minFraction}, so a
   * conditional property cannot pass vacuously.
   */
  public static void cover(boolean condition, double minFraction, String name) {
    if (!(minFraction >= 0 && minFraction <= 1)) {
      throw new IllegalArgumentException("cover fraction " + minFraction + " is outside [0, 1]");
    }
    current().covers.merge(name, new CoverHit(condition, minFraction),
        (a, b) -> new CoverHit(a.hit() || b.hit(), b.minFraction()));
  }

  /** Reports a score to maximize under the unnamed target; see {@link #target(String, double)}. */
  public static void target(double score) {
    target("", score);
  }

  /**
   * Reports a score to maximize under {@code label} (Hypothesis {@code target(score, label)}): after the
   * generation phase the targeted phase hill-climbs the choices of the best try of each label toward
   * larger scores, one climb per label; the best score per label is reported in the statistics. A
   * label reported twice in one try keeps the larger score.
   */
  public static void target(String label, double score) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("target score of '" + label + "' is NaN");
    }
    current().targets.merge(label, score, Math::max);
  }

  private static Recorder current() {
    Recorder r = CURRENT.get();
    if (r == null) {
      throw new IllegalStateException("PropertyContext called outside a running property try");
    }
    return r;
  }

  /** Binds a fresh recorder to this thread. */
  static Recorder begin() {
    Recorder r = new Recorder();
    CURRENT.set(r);
    return r;
  }

  /** Unbinds the recorder of this thread. */
  static void end() {
    CURRENT.remove();
  }

  /** One cover observation of a try. */
  record CoverHit(boolean hit, double minFraction) {}

  /** What one try reported. */
  static final class Recorder {
    final List<String> labels = new ArrayList<>();
    final Map<String, CoverHit> covers = new LinkedHashMap<>();
    final Map<String, Double> targets = new LinkedHashMap<>();
  }
}
