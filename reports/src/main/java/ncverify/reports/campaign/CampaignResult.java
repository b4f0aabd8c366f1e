package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished (or interrupted) campaign: the ledger entries, a summary per study, every try record,
 * the provenance, the planned number of tries, the wall time and whether it is incomplete.
 */
public record CampaignResult(List<LedgerEntry> entries, List<StudySummary> studies, List<TryRecord> records,
    Provenance provenance, int plannedTries, double seconds, boolean incomplete) {

  /** Format version of ledger.json. */
  public static final int LEDGER_FORMAT = 1;

  /** Per study: its seed ({@link CampaignSeeds#studySeed}), tries run, errors, summed try time. */
  public record StudySummary(String id, String description, List<String> claimIds, long seed, int tries, int errors,
      double seconds) {
  }

  /** Number of claims whose overall verdict is {@code verdict} (HOLDS, VIOLATED, NOT_APPLICABLE). */
  public long count(String verdict) {
    return entries.stream().filter(e -> e.overall().equals(verdict)).count();
  }

  /** Tries that ran. */
  public int triesRun() {
    return records.size();
  }

  /** The ledger.json object. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ledger_format", LEDGER_FORMAT);
    m.put("incomplete", incomplete);
    m.put("provenance", provenance.toJsonMap(seconds));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("claims", entries.size());
    summary.put("holds", count("HOLDS"));
    summary.put("violated", count("VIOLATED"));
    summary.put("not_applicable", count("NOT_APPLICABLE"));
    summary.put("tries_planned", plannedTries);
    summary.put("tries_run", triesRun());
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
      sm.put("errors", s.errors());
      sm.put("seconds", s.seconds());
      ss.add(sm);
    }
    m.put("studies", ss);
    List<Object> cs = new ArrayList<>();
    entries.forEach(e -> cs.add(e.toJsonMap()));
    m.put("claims", cs);
    return m;
  }
}
