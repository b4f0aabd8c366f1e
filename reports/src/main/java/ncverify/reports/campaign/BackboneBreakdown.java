package ncverify.reports.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claims per backbone family (issue 17): a study that draws several kinds of backbone (MLP, CNN,
 * ResNet) names the one of each try in the observation {@value #OBSERVATION}; for every claim judged
 * on such tries this counts, per family, the generated tries, the tries where the assumptions held (the
 * coverage) and the verdicts. Tries without the observation are not counted here.
 */
public final class BackboneBreakdown {

  /** The observation that names the backbone family of a try. */
  public static final String OBSERVATION = "backbone";

  private BackboneBreakdown() {
  }

  /** Counts of one claim on one family: tries, HOLDS, VIOLATED, NOT_APPLICABLE. */
  public record Counts(int tries, int holds, int violated, int notApplicable) {

    /** Tries where the assumptions held (HOLDS or VIOLATED). */
    public int applicable() {
      return holds + violated;
    }

    /** Fraction of the tries where the assumptions held (HOLDS or VIOLATED), 0 without tries. */
    public double coverage() {
      return tries == 0 ? 0 : (double) applicable() / tries;
    }

    Counts plus(ClaimTry c) {
      return switch (c.verdict()) {
        case HOLDS -> new Counts(tries + 1, holds + 1, violated, notApplicable);
        case VIOLATED -> new Counts(tries + 1, holds, violated + 1, notApplicable);
        default -> new Counts(tries + 1, holds, violated, notApplicable + 1);
      };
    }
  }

  /** claim id -> family -> counts, claims in the order first met, families sorted; generated tries only. */
  public static Map<String, Map<String, Counts>> of(List<TryRecord> records) {
    Map<String, Map<String, Counts>> out = new LinkedHashMap<>();
    for (TryRecord r : records) {
      Object family = family(r);
      if (family == null) {
        continue;
      }
      for (ClaimTry c : r.claims()) {
        out.computeIfAbsent(c.claimId(), k -> new TreeMap<>())
            .merge(family.toString(), new Counts(0, 0, 0, 0).plus(c), (a, b) -> a.plus(c));
      }
    }
    return out;
  }

  /** family -> generated tries that name it (each try once, whatever its claims), families sorted. */
  public static Map<String, Integer> triesPerFamily(List<TryRecord> records) {
    Map<String, Integer> out = new TreeMap<>();
    for (TryRecord r : records) {
      Object family = family(r);
      if (family != null) {
        out.merge(family.toString(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** The family a generated, finished try names, or null (no observation, targeted or failed). */
  private static Object family(TryRecord r) {
    Object family = r.observations() == null ? null : r.observations().get(OBSERVATION);
    return family == null || r.targeted() || r.failedWithError() ? null : family;
  }

  /** {@code {claim: {family: {tries, applicable, holds, violated, not_applicable, coverage}}}} for ledger.json. */
  public static Map<String, Object> toJson(List<TryRecord> records) {
    Map<String, Object> out = new LinkedHashMap<>();
    of(records).forEach((claim, families) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      families.forEach((family, c) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tries", c.tries());
        m.put("applicable", c.applicable());
        m.put("holds", c.holds());
        m.put("violated", c.violated());
        m.put("not_applicable", c.notApplicable());
        m.put("coverage", c.coverage());
        f.put(family, m);
      });
      out.put(claim, f);
    });
    return out;
  }

  /** The ledger.md section (empty when no try names a backbone). */
  public static String markdown(List<TryRecord> records) {
    Map<String, Map<String, Counts>> all = of(records);
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("## Claims per backbone family\n\n");
    b.append("Generated tries of the studies that draw several backbones (").append(familiesLine(records))
        .append("), per claim and family: tries, applicable (the assumptions held; coverage), HOLDS, VIOLATED,"
            + " NOT_APPLICABLE. Targeted tries are not counted.\n\n"
            + "| claim | family | tries | applicable | HOLDS | VIOLATED | N.A. |\n|---|---|---:|---:|---:|---:|---:|\n");
    all.forEach((claim, families) -> families.forEach((family, c) -> b.append(String.format(Locale.ROOT,
        "| %s | %s | %d | %d (%.0f%%) | %d | %d | %d |%n", claim, family, c.tries(), c.applicable(),
        100 * c.coverage(), c.holds(), c.violated(), c.notApplicable()))));
    return b.append('\n').toString();
  }

  /** "mlp 12 tries, cnn 5 tries, ...": the generated tries per family. */
  public static String familiesLine(List<TryRecord> records) {
    StringBuilder b = new StringBuilder();
    triesPerFamily(records).forEach((f, n) -> b.append(b.length() == 0 ? "" : ", ").append(f).append(' ').append(n)
        .append(n == 1 ? " try" : " tries"));
    return b.toString();
  }
}
