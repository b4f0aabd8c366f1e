package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.claims.ClaimKind;

/**
 * A finished (or interrupted) campaign: the ledger entries, a summary per study, every try record,
 * the provenance, the planned number of tries, the wall time and whether it is incomplete.
 *
 * <p>Counting (issue 13): only theorem-level claims that held wherever they applied count as
 * verified; identities (which hold for any input up to roundoff and catch bugs in our code,
 * {@link ClaimKind#IDENTITY}) and claims that were never applicable are counted apart.
 */
public record CampaignResult(List<LedgerEntry> entries, List<StudySummary> studies, List<TryRecord> records,
    Provenance provenance, int plannedTries, double seconds, boolean incomplete) {

  /** Format version of ledger.json (2: claim kinds, tightness, targeted search). */
  public static final int LEDGER_FORMAT = 2;

  /**
   * Per study: its seed ({@code Seeds.derive(campaign seed, id)}), generated tries run, targeted tries
   * run, errors, summed try time.
   */
  public record StudySummary(String id, String description, List<String> claimIds, long seed, int tries,
      int targeted, int errors, double seconds) {
  }

  /** Number of claims whose overall verdict is {@code verdict} (HOLDS, VIOLATED, NOT_APPLICABLE). */
  public long count(String verdict) {
    return entries.stream().filter(e -> e.overall().equals(verdict)).count();
  }

  /** Number of claims of {@code kind} whose overall verdict is {@code verdict}. */
  public long count(ClaimKind kind, String verdict) {
    return entries.stream().filter(e -> e.kind() == kind && e.overall().equals(verdict)).count();
  }

  /** Theorem-level claims that held wherever their assumptions held (and applied at least once). */
  public long verified() {
    return entries.stream().filter(LedgerEntry::verified).count();
  }

  /**
   * One line: "N of M theorem-level claims verified (held wherever applicable), V violated, A never
   * applicable; identities (roundoff checks of our code, not counted): h held, v violated".
   */
  public String countsLine() {
    long theorems = entries.stream().filter(e -> e.kind() == ClaimKind.THEOREM).count();
    long identities = entries.size() - theorems;
    String line = String.format(java.util.Locale.ROOT, "%d of %d theorem-level claims verified (held wherever"
        + " applicable), %d violated, %d never applicable", verified(), theorems,
        count(ClaimKind.THEOREM, "VIOLATED"), count(ClaimKind.THEOREM, "NOT_APPLICABLE"));
    if (identities > 0) {
      line += String.format(java.util.Locale.ROOT, "; %d %s (hold up to roundoff, check our code; not"
          + " counted as verified): %d held, %d violated, %d never applicable", identities,
          identities == 1 ? "identity" : "identities",
          count(ClaimKind.IDENTITY, "HOLDS"), count(ClaimKind.IDENTITY, "VIOLATED"),
          count(ClaimKind.IDENTITY, "NOT_APPLICABLE"));
    }
    return line;
  }

  /** Tries that ran, generated and targeted. */
  public int triesRun() {
    return records.size();
  }

  /** Generated (not targeted) tries that ran. */
  public int generatedTriesRun() {
    return (int) records.stream().filter(r -> !r.targeted()).count();
  }

  /** The ledger.json object. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ledger_format", LEDGER_FORMAT);
    m.put("incomplete", incomplete);
    m.put("provenance", provenance.toJsonMap(seconds));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("claims", entries.size());
    summary.put("theorem_claims", entries.stream().filter(e -> e.kind() == ClaimKind.THEOREM).count());
    summary.put("verified", verified());
    summary.put("violated", count(ClaimKind.THEOREM, "VIOLATED"));
    summary.put("never_applicable", count(ClaimKind.THEOREM, "NOT_APPLICABLE"));
    Map<String, Object> identities = new LinkedHashMap<>();
    identities.put("claims", entries.stream().filter(e -> e.kind() == ClaimKind.IDENTITY).count());
    identities.put("holds", count(ClaimKind.IDENTITY, "HOLDS"));
    identities.put("violated", count(ClaimKind.IDENTITY, "VIOLATED"));
    identities.put("never_applicable", count(ClaimKind.IDENTITY, "NOT_APPLICABLE"));
    summary.put("identities", identities);
    summary.put("tries_planned", plannedTries);
    summary.put("tries_run", generatedTriesRun());
    summary.put("targeted_tries_run", records.size() - generatedTriesRun());
    summary.put("errors", records.stream().filter(TryRecord::failedWithError).count());
    m.put("summary", summary);
    List<Object> ss = new ArrayList<>();
    for (StudySummary s : studies) {
      Map<String, Object> sm = new LinkedHashMap<>();
      sm.put("id", s.id());
      sm.put("description", s.description());
      sm.put("claims", s.claimIds());
      sm.put("study_seed", s.seed());
      sm.put("tries", s.tries());
      sm.put("targeted_tries", s.targeted());
      sm.put("errors", s.errors());
      sm.put("seconds", s.seconds());
      ss.add(sm);
    }
    m.put("studies", ss);
    List<Object> cs = new ArrayList<>();
    entries.forEach(e -> cs.add(e.toJsonMap()));
    m.put("claims", cs);
    Map<String, Object> perBackbone = BackboneBreakdown.toJson(records);
    if (!perBackbone.isEmpty()) {
      m.put("claims_per_backbone", perBackbone);
    }
    return m;
  }
}
