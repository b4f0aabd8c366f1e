package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Label, cover and target statistics of the valid (not discarded) tries of one property: label counts
 * from {@link PropertyContext#label}/{@link PropertyContext#collect}; for each
 * {@link PropertyContext#cover} name the fraction of tries satisfying it, its 95% Wilson confidence
 * interval and the required minimum; for each {@link PropertyContext#target} label the best score of
 * the generation phase and of the targeted phase.
 */
public record Statistics(int validTries, Map<String, Integer> labels, Map<String, Cover> covers,
    Map<String, Target> targets) {

  /** z of the two-sided 95% normal interval used for the Wilson bounds. */
  public static final double Z95 = 1.959963984540054;

  /** How a cover compares with its minimum, given the confidence interval of its fraction. */
  public enum CoverStatus {
    /** The observed fraction reaches the minimum. */
    MET,
    /** Below the minimum, but the 95% interval still contains it: more tries could decide. */
    INCONCLUSIVE,
    /** The whole 95% interval lies below the minimum: too rare with 95% confidence. */
    TOO_RARE
  }

  /** Coverage of one named condition: {@code hits} of the valid tries, at least {@code minFraction} required. */
  public record Cover(String name, int hits, int tries, double minFraction) {
    public double fraction() {
      return tries == 0 ? 0 : (double) hits / tries;
    }

    /** Lower end of the 95% Wilson score interval of the fraction (0 with no tries). */
    public double wilsonLower() {
      return wilson(-1);
    }

    /** Upper end of the 95% Wilson score interval of the fraction (1 with no tries). */
    public double wilsonUpper() {
      return wilson(1);
    }

    /**
     * Wilson score interval: {@code (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)}, z = 1.96
     * (Wilson 1927; it stays inside [0, 1] and is accurate for small n and p near 0 or 1).
     */
    private double wilson(int sign) {
      if (tries == 0) {
        return sign < 0 ? 0.0 : 1.0;
      }
      double n = tries;
      double p = fraction();
      double z2 = Z95 * Z95;
      double centre = p + z2 / (2 * n);
      double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
      return Math.max(0.0, Math.min(1.0, (centre + sign * half) / (1 + z2 / n)));
    }

    public CoverStatus status() {
      if (fraction() >= minFraction) {
        return CoverStatus.MET;
      }
      return wilsonUpper() < minFraction ? CoverStatus.TOO_RARE : CoverStatus.INCONCLUSIVE;
    }

    public boolean satisfied() {
      return status() == CoverStatus.MET;
    }

    /** One line: hits, fraction, interval, minimum and status. */
    public String describe() {
      return String.format(Locale.ROOT, "'%s' reached %.2f%% of %d tries (95%% Wilson interval %.1f-%.1f%%),"
          + " needs %.2f%%%s", name, 100 * fraction(), tries, 100 * wilsonLower(), 100 * wilsonUpper(),
          100 * minFraction, switch (status()) {
            case MET -> "";
            case TOO_RARE -> ": too rare with 95% confidence";
            case INCONCLUSIVE -> ": below the minimum, not significantly (95%)";
          });
    }
  }

  /**
   * One target label: best score in the generation phase, best score reached by its targeted climb
   * (NaN when no climb ran), and the climb's evaluations.
   */
  public record Target(String label, double generationBest, double targetedBest, int evaluations) {
    /** The best score over both phases. */
    public double best() {
      return Double.isNaN(targetedBest) ? generationBest : Math.max(generationBest, targetedBest);
    }
  }

  public Statistics {
    labels = Map.copyOf(labels);
    covers = Map.copyOf(covers);
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  /** Covers not {@link CoverStatus#MET}, in name order. */
  public List<Cover> unsatisfied() {
    List<Cover> out = new ArrayList<>();
    for (Cover c : covers.values()) {
      if (!c.satisfied()) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(Cover::name));
    return out;
  }

  /** This with the targeted phase's results merged in. */
  Statistics withTargets(Map<String, Target> climbed) {
    Map<String, Target> merged = new LinkedHashMap<>(targets);
    merged.putAll(climbed);
    return new Statistics(validTries, labels, covers, merged);
  }

  /** A text table: labels by decreasing count, then covers, then targets. Empty when nothing was recorded. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    List<Map.Entry<String, Integer>> rows = new ArrayList<>(labels.entrySet());
    rows.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    for (Map.Entry<String, Integer> e : rows) {
      sb.append(String.format(Locale.ROOT, "  %-40s %7d  %6.2f%%%n", e.getKey(), e.getValue(),
          100.0 * e.getValue() / Math.max(1, validTries)));
    }
    List<Cover> sorted = new ArrayList<>(covers.values());
    sorted.sort(Comparator.comparing(Cover::name));
    for (Cover c : sorted) {
      sb.append(String.format(Locale.ROOT, "  cover %-34s %7d  %6.2f%% (95%% CI %.1f-%.1f%%, min %.2f%%)%s%n",
          c.name(), c.hits(), 100 * c.fraction(), 100 * c.wilsonLower(), 100 * c.wilsonUpper(),
          100 * c.minFraction(), switch (c.status()) {
            case MET -> "";
            case INCONCLUSIVE -> "  NOT REACHED (not significant)";
            case TOO_RARE -> "  NOT REACHED (too rare, 95%)";
          }));
    }
    for (Target t : targets.values()) {
      sb.append(String.format(Locale.ROOT, "  target %-33s best %.6g%s%n", t.label().isEmpty() ? "(score)" : t.label(),
          t.best(), Double.isNaN(t.targetedBest()) ? " (generation only)" : String.format(Locale.ROOT,
              " (generation %.6g, targeted %.6g in %d evaluations)", t.generationBest(), t.targetedBest(),
              t.evaluations())));
    }
    return sb.toString();
  }

  /** Accumulates the recorders of valid tries in try order. */
  static final class Builder {
    private int valid;
    private final Map<String, Integer> labels = new LinkedHashMap<>();
    private final Map<String, int[]> hits = new LinkedHashMap<>();
    private final Map<String, Double> mins = new LinkedHashMap<>();
    private final Map<String, Double> bestScores = new LinkedHashMap<>();

    void add(PropertyContext.Recorder r) {
      valid++;
      for (String l : r.labels) {
        labels.merge(l, 1, Integer::sum);
      }
      r.covers.forEach((name, hit) -> {
        hits.computeIfAbsent(name, k -> new int[1])[0] += hit.hit() ? 1 : 0;
        mins.put(name, hit.minFraction());
      });
      r.targets.forEach((label, score) -> bestScores.merge(label, score, Math::max));
    }

    int valid() {
      return valid;
    }

    Statistics build() {
      Map<String, Cover> covers = new LinkedHashMap<>();
      hits.forEach((name, h) -> covers.put(name, new Cover(name, h[0], valid, mins.get(name))));
      Map<String, Target> targets = new LinkedHashMap<>();
      bestScores.forEach((label, best) -> targets.put(label, new Target(label, best, Double.NaN, 0)));
      return new Statistics(valid, labels, covers, targets);
    }
  }
}
