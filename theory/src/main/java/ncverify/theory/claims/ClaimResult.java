package ncverify.theory.claims;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict of one claim on one measurement, with all numbers.
 *
 * @param id the claim id
 * @param paper the paper
 * @param theorem the theorem as cited
 * @param verdict HOLDS, VIOLATED or NOT_APPLICABLE
 * @param assumptions every assumption check
 * @param conclusionOrNull the conclusion; null iff NOT_APPLICABLE (use {@link #conclusion()})
 */
public record ClaimResult(String id, Paper paper, String theorem, Verdict verdict,
    List<AssumptionCheck> assumptions, ConclusionCheck conclusionOrNull) {

  public ClaimResult {
    assumptions = List.copyOf(assumptions);
    if ((conclusionOrNull == null) != (verdict == Verdict.NOT_APPLICABLE)) {
      throw new IllegalArgumentException("a conclusion is present iff the claim is applicable");
    }
  }

  /** The conclusion, empty when the claim is NOT_APPLICABLE. */
  public Optional<ConclusionCheck> conclusion() {
    return Optional.ofNullable(conclusionOrNull);
  }

  /**
   * A JSON-ready map: {@code {id, paper, theorem, verdict, assumptions: name -> {value, relation,
   * threshold, holds}, conclusion: {description, value, relation, bound, margin, holds[, parts]}}};
   * conclusion is null when NOT_APPLICABLE. Infinite numbers stay as Double infinities.
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("paper", paper.key());
    out.put("theorem", theorem);
    out.put("verdict", verdict.name());
    Map<String, Object> as = new LinkedHashMap<>();
    for (AssumptionCheck a : assumptions) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("value", a.value());
      e.put("relation", a.relation().symbol());
      e.put("threshold", a.threshold());
      e.put("holds", a.holds());
      as.put(a.name(), Collections.unmodifiableMap(e));
    }
    out.put("assumptions", Collections.unmodifiableMap(as));
    out.put("conclusion", conclusionOrNull == null ? null : conclusionMap(conclusionOrNull));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, Object> conclusionMap(ConclusionCheck c) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("description", c.description());
    e.put("value", c.measured());
    e.put("relation", c.relation().symbol());
    e.put("bound", c.bound());
    e.put("margin", c.margin());
    e.put("holds", c.holds());
    if (!c.parts().isEmpty()) {
      List<Object> parts = new ArrayList<>();
      for (ConclusionCheck p : c.parts()) {
        parts.add(conclusionMap(p));
      }
      e.put("parts", Collections.unmodifiableList(parts));
    }
    return Collections.unmodifiableMap(e);
  }

  /** One line: {@code id VERDICT value rel bound (margin m)}. */
  @Override
  public String toString() {
    if (conclusionOrNull == null) {
      StringBuilder failed = new StringBuilder();
      for (AssumptionCheck a : assumptions) {
        if (!a.holds()) {
          failed.append(String.format(java.util.Locale.ROOT, " [%s: %.6g %s %.6g fails]", a.name(), a.value(),
              a.relation().symbol(), a.threshold()));
        }
      }
      return id + " " + verdict + failed;
    }
    return String.format(java.util.Locale.ROOT, "%s %s %.6g %s %.6g (margin %.3g)", id, verdict,
        conclusionOrNull.measured(), conclusionOrNull.relation().symbol(), conclusionOrNull.bound(),
        conclusionOrNull.margin());
  }
}
