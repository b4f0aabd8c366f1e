package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Label and cover statistics of the valid (not discarded) tries of one property: label counts from
 * {@link PropertyContext#label}/{@link PropertyContext#collect}, and for each
 * {@link PropertyContext#cover} name the fraction of tries satisfying it against its required minimum.
 */
public record Statistics(int validTries, Map<String, Integer> labels, Map<String, Cover> covers) {

  /** Coverage of one named condition: {@code hits} of the valid tries, at least {@code minFraction} required. */
  public record Cover(String name, int hits, int tries, double minFraction) {
    public double fraction() {
      return tries == 0 ? 0 : (double) hits / tries;
    }

    public boolean satisfied() {
      return fraction() >= minFraction;
    }
  }

  public Statistics {
    labels = Map.copyOf(labels);
    covers = Map.copyOf(covers);
  }

  /** Covers whose fraction is below the minimum, in name order. */
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

  /** A text table: labels by decreasing count, then covers. Empty when nothing was recorded. */
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
      sb.append(String.format(Locale.ROOT, "  cover %-34s %7d  %6.2f%% (min %.2f%%)%s%n", c.name(), c.hits(),
          100 * c.fraction(), 100 * c.minFraction(), c.satisfied() ? "" : "  NOT REACHED"));
    }
    return sb.toString();
  }

  /** Accumulates the recorders of valid tries in try order. */
  static final class Builder {
    private int valid;
    private final Map<String, Integer> labels = new LinkedHashMap<>();
    private final Map<String, int[]> hits = new LinkedHashMap<>();
    private final Map<String, Double> mins = new LinkedHashMap<>();

    void add(PropertyContext.Recorder r) {
      valid++;
      for (String l : r.labels) {
        labels.merge(l, 1, Integer::sum);
      }
      r.covers.forEach((name, hit) -> {
        hits.computeIfAbsent(name, k -> new int[1])[0] += hit.hit() ? 1 : 0;
        mins.put(name, hit.minFraction());
      });
    }

    Statistics build() {
      Map<String, Cover> covers = new LinkedHashMap<>();
      hits.forEach((name, h) -> covers.put(name, new Cover(name, h[0], valid, mins.get(name))));
      return new Statistics(valid, labels, covers);
    }
  }
}
