package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One claim's line of the ledger: what it says, how often it was tried, how often its assumptions
 * held, its verdict counts, the worst margin (the conclusion's signed slack, bound minus measured for
 * upper bounds; negative = violated) with the try that produced it, the first violation and its
 * minimal counterexample, and the tries on which the study threw.
 *
 * @param claimId claim id
 * @param paper paper key, e.g. {@code [JSWM]}
 * @param theorem theorem as cited
 * @param statement statement in words
 * @param studies ids of the studies that judged the claim
 * @param tries tries of those studies (errors included)
 * @param holds tries with verdict HOLDS
 * @param violated tries with verdict VIOLATED
 * @param notApplicable tries with verdict NOT_APPLICABLE
 * @param errors tries on which the study threw (tries - judged - errors is the number of tries whose
 *     outcome did not include this claim, a study bug reported as MISSING)
 * @param worstMargin smallest margin over applicable tries, null if never applicable
 * @param worstTry the try of the worst margin, null if never applicable
 * @param firstViolation the first violating try in try order, or null
 * @param counterexample its shrunk form, or null
 * @param minCoverage the smallest fraction of applicable tries the studies ask for ({@code Study#minCoverage})
 * @param errorTries up to {@link Ledger#MAX_LISTED_ERRORS} tries that threw, with their message
 */
public record LedgerEntry(String claimId, String paper, String theorem, String statement, List<String> studies,
    int tries, int holds, int violated, int notApplicable, int errors, Double worstMargin, TryRef worstTry,
    TryRef firstViolation, Counterexample counterexample, double minCoverage, List<ErrorRef> errorTries) {

  /** A try on which the study threw. */
  public record ErrorRef(TryRef at, String message) {
  }

  public LedgerEntry {
    studies = List.copyOf(studies);
    errorTries = List.copyOf(errorTries);
  }

  /** Tries on which the study returned a verdict for this claim. */
  public int judged() {
    return holds + violated + notApplicable;
  }

  /** Fraction of judged tries in which every assumption held (0 when none was judged). */
  public double applicableFraction() {
    int j = judged();
    return j == 0 ? 0.0 : (double) (holds + violated) / j;
  }

  /** The overall verdict: VIOLATED if any try violated, HOLDS if some held, else NOT_APPLICABLE. */
  public String overall() {
    if (violated > 0) {
      return "VIOLATED";
    }
    return holds > 0 ? "HOLDS" : "NOT_APPLICABLE";
  }

  /** Whether the assumptions held in at least {@link #minCoverage} of the judged tries. */
  public boolean coverageOk() {
    return applicableFraction() >= minCoverage;
  }

  public LedgerEntry withCounterexample(Counterexample c) {
    return new LedgerEntry(claimId, paper, theorem, statement, studies, tries, holds, violated, notApplicable, errors,
        worstMargin, worstTry, firstViolation, c, minCoverage, errorTries);
  }

  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", claimId);
    m.put("paper", paper);
    m.put("theorem", theorem);
    m.put("statement", statement);
    m.put("studies", studies);
    m.put("verdict", overall());
    m.put("tries", tries);
    m.put("applicable_fraction", applicableFraction());
    m.put("min_coverage", minCoverage);
    m.put("coverage_ok", coverageOk());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("HOLDS", holds);
    counts.put("VIOLATED", violated);
    counts.put("NOT_APPLICABLE", notApplicable);
    counts.put("ERROR", errors);
    counts.put("MISSING", tries - judged() - errors);
    m.put("verdicts", counts);
    m.put("worst_margin", worstMargin);
    m.put("worst_margin_at", worstTry == null ? null : worstTry.toJsonMap());
    m.put("first_violation", firstViolation == null ? null : firstViolation.toJsonMap());
    m.put("counterexample", counterexample == null ? null : counterexample.toJsonMap());
    List<Object> errs = new ArrayList<>();
    for (ErrorRef e : errorTries) {
      Map<String, Object> em = e.at().toJsonMap();
      em.put("error", e.message());
      errs.add(em);
    }
    m.put("errors", errs);
    return m;
  }
}
