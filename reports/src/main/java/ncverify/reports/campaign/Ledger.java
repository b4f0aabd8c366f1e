package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ncverify.properties.study.Study;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;

/**
 * Merges per-try records into one {@link LedgerEntry} per claim, in study order then each study's
 * claim order. Records are first sorted by (study order, try index), so the ledger does not depend on
 * the order in which tries finished.
 */
public final class Ledger {

  /** Errors listed per claim (all are counted). */
  public static final int MAX_LISTED_ERRORS = 5;

  private Ledger() {
  }

  /**
   * Builds the entries.
   *
   * @param studies the studies run, in ledger order
   * @param records every try record (any order)
   * @param onlyClaims if non-null, only these claims get an entry
   * @param registry for the paper, theorem and statement of each claim (ids unknown to it are
   *     described from the verdicts)
   */
  public static List<LedgerEntry> build(List<Study<?>> studies, List<TryRecord> records, Set<String> onlyClaims,
      ClaimRegistry registry) {
    Map<String, Integer> order = new LinkedHashMap<>();
    for (Study<?> s : studies) {
      order.put(s.id(), order.size());
    }
    List<TryRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing((TryRecord r) -> order.getOrDefault(r.studyId(), Integer.MAX_VALUE))
        .thenComparingInt(TryRecord::tryIndex));
    Map<String, Acc> accs = new LinkedHashMap<>();
    for (Study<?> s : studies) {
      for (String id : s.claimIds()) {
        if (onlyClaims == null || onlyClaims.contains(id)) {
          Acc a = accs.computeIfAbsent(id, Acc::new);
          a.studies.add(s.id());
          a.minCoverage = Math.max(a.minCoverage, s.minCoverage().getOrDefault(id, Study.DEFAULT_COVERAGE));
        }
      }
    }
    for (TryRecord r : sorted) {
      for (Acc a : accs.values()) {
        if (a.studies.contains(r.studyId())) {
          a.add(r);
        }
      }
    }
    List<LedgerEntry> out = new ArrayList<>();
    Set<String> known = Set.copyOf(registry.ids());
    for (Acc a : accs.values()) {
      out.add(a.entry(known.contains(a.id) ? registry.get(a.id) : null));
    }
    return out;
  }

  private static final class Acc {
    final String id;
    final List<String> studies = new ArrayList<>();
    int tries;
    int holds;
    int violated;
    int notApplicable;
    int errors;
    Double worst;
    TryRef worstAt;
    TryRef firstViolation;
    double minCoverage;
    String paper = "";
    String theorem = "";
    final List<LedgerEntry.ErrorRef> errorRefs = new ArrayList<>();

    Acc(String id) {
      this.id = id;
    }

    void add(TryRecord r) {
      tries++;
      if (r.failedWithError()) {
        errors++;
        if (errorRefs.size() < MAX_LISTED_ERRORS) {
          errorRefs.add(new LedgerEntry.ErrorRef(TryRef.of(r), r.error()));
        }
        return;
      }
      for (ClaimTry c : r.claims()) {
        if (!c.claimId().equals(id)) {
          continue;
        }
        paper = String.valueOf(c.detail().getOrDefault("paper", ""));
        theorem = String.valueOf(c.detail().getOrDefault("theorem", ""));
        switch (c.verdict()) {
          case HOLDS -> holds++;
          case VIOLATED -> violated++;
          case NOT_APPLICABLE -> notApplicable++;
          default -> throw new IllegalStateException("verdict " + c.verdict());
        }
        if (c.verdict() == Verdict.VIOLATED && firstViolation == null) {
          firstViolation = TryRef.of(r);
        }
        if (c.margin() != null && (worst == null || c.margin() < worst)) {
          worst = c.margin();
          worstAt = TryRef.of(r);
        }
      }
    }

    LedgerEntry entry(Claim claim) {
      String p = claim == null ? paper : claim.paper().key();
      String t = claim == null ? theorem : claim.theorem();
      String s = claim == null ? "(not in the claim registry)" : claim.statement();
      return new LedgerEntry(id, p, t, s, studies, tries, holds, violated, notApplicable, errors, worst, worstAt,
          firstViolation, null, minCoverage, errorRefs);
    }
  }
}
