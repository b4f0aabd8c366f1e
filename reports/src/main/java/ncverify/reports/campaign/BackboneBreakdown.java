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

    /** Fraction of the tries where the assumptions held (HOLDS or VIOLATED), 0 without tries. */
    public double coverage() {
      return tries == 0 ? 0 : (double) (holds + violated) / tries;
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
      Object family = r.observations() == null ? null : r.observations().get(OBSERVATION);
      if (family == null || r.targeted() || r.failedWithError()) {
        continue;
      }
      for (ClaimTry c : r.claims()) {
        out.computeIfAbsent(c.claimId(), k -> new TreeMap<>())
            .merge(family.toString(), new Counts(0, 0, 0, 0).plus(c), (a, b) -> a.plus(c));
      }
    }
    return out;
  }

  /** {@code {claim: {family: {tries, holds, violated, not_applicable, coverage}}}} for ledger.json. */
  public static Map<String, Object> toJson(List<TryRecord> records) {
    Map<String, Object> out = new LinkedHashMap<>();
    of(records).forEach((claim, families) -> {
      Map<String, Object> f = new LinkedHashMap<>();
      families.forEach((family, c) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tries", c.tries());
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
    b.append("Generated tries of the studies that draw several backbones, per family: tries, assumptions held"
        + " (coverage), HOLDS / VIOLATED.\n\n| claim | family | tries | assumptions held | HOLDS / VIOLATED |\n"
        + "|---|---|---:|---:|---|\n");
    all.forEach((claim, families) -> families.forEach((family, c) -> b.append(String.format(Locale.ROOT,
        "| %s | %s | %d | %.0f%% | %d / %d |%n", claim, family, c.tries(), 100 * c.coverage(), c.holds(),
        c.violated()))));
    return b.append('\n').toString();
  }
}
