package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.claims.ClaimKind;

/**
 * One claim's line of the ledger: what it says and what kind of statement it is, how often it was
 * tried, how often its assumptions held, its verdict counts, the worst margin (the conclusion's signed
 * slack, bound minus measured for upper bounds; negative = violated) with the try that produced it, its
 * tightness (closest approach to the bound over all tries, generated and targeted), the first
 * violation and its minimal counterexample, and the tries on which the study threw. Verdict counts and
 * the applicable fraction are over the generated tries; violations found by the targeted search are
 * counted apart ({@link Tightness#targetedViolations()}) and make the claim VIOLATED too.
 *
 * @param claimId claim id
 * @param kind THEOREM or IDENTITY ({@link ClaimKind})
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
 * @param tightness the closest approach to the bound and the targeted search's result
 */
public record LedgerEntry(String claimId, ClaimKind kind, String paper, String theorem, String statement,
    List<String> studies, int tries, int holds, int violated, int notApplicable, int errors, Double worstMargin,
    TryRef worstTry, TryRef firstViolation, Counterexample counterexample, double minCoverage,
    List<ErrorRef> errorTries, Tightness tightness) {

  /** A try on which the study threw. */
  public record ErrorRef(TryRef at, String message) {
  }

  /**
   * How close the claim came to its bound ({@code ConclusionCheck.tightness()}: measured/bound for
   * upper bounds, bound/measured for lower bounds; at most 1 holds, above 1 is violated unless within
   * the roundoff tolerance; docs/theory.md section 6).
   *
   * @param best largest tightness over every try, generated and targeted; null when never defined
   * @param bestAt the try that reached it
   * @param generationBest largest over the generated tries (the targeted search's start), or null
   * @param targetedEvaluations evaluations of the targeted climb on this claim (0: no climb)
   * @param targetedBest largest tightness the climb reached, or null
   * @param targetedViolations targeted tries (of any claim's climb) on which this claim was VIOLATED
   */
  public record Tightness(Double best, TryRef bestAt, Double generationBest, int targetedEvaluations,
      Double targetedBest, int targetedViolations) {
    static final Tightness NONE = new Tightness(null, null, null, 0, null, 0);

    Map<String, Object> toJsonMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("best", best);
      m.put("at", bestAt == null ? null : bestAt.toJsonMap());
      m.put("generation_best", generationBest);
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("evaluations", targetedEvaluations);
      t.put("best", targetedBest);
      t.put("violations", targetedViolations);
      m.put("targeted", t);
      return m;
    }
  }

  public LedgerEntry {
    studies = List.copyOf(studies);
    tightness = tightness == null ? Tightness.NONE : tightness;
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

  /**
   * The overall verdict: VIOLATED if any try violated (generated or targeted), HOLDS if some held, else
   * NOT_APPLICABLE.
   */
  public String overall() {
    if (violated > 0 || tightness.targetedViolations() > 0) {
      return "VIOLATED";
    }
    return holds > 0 ? "HOLDS" : "NOT_APPLICABLE";
  }

  /** Whether the assumptions held in at least {@link #minCoverage} of the judged tries. */
  public boolean coverageOk() {
    return applicableFraction() >= minCoverage;
  }

  /** Whether this claim counts as verified: a theorem-level claim that held wherever it applied. */
  public boolean verified() {
    return kind == ClaimKind.THEOREM && overall().equals("HOLDS");
  }

  public LedgerEntry withCounterexample(Counterexample c) {
    return new LedgerEntry(claimId, kind, paper, theorem, statement, studies, tries, holds, violated, notApplicable,
        errors, worstMargin, worstTry, firstViolation, c, minCoverage, errorTries, tightness);
  }

  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", claimId);
    m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
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
    m.put("tightness", tightness.toJsonMap());
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
