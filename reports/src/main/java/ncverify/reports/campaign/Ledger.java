package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ncverify.properties.study.Study;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimKind;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;

/**
 * Merges per-try records into one {@link LedgerEntry} per claim, in study order then each study's
 * claim order. Records are first sorted by (study order, generated before targeted, targeted claim,
 * try index), so the ledger does not depend on the order in which tries finished. Generated tries give
 * the verdict counts and coverage; every try, targeted ones included, gives the tightness and
 * violations.
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
        .thenComparing(TryRecord::targeted).thenComparing(r -> r.target() == null ? "" : r.target())
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
    Double tightness;
    TryRef tightnessAt;
    Double generationTightness;
    int targetedEvaluations;
    Double targetedBest;
    int targetedViolations;
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
      if (r.targeted()) {
        addTargeted(r);
        return;
      }
      tries++;
      if (r.failedWithError()) {
        errors++;
        listError(r);
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
        if (c.tightness() != null && (generationTightness == null || c.tightness() > generationTightness)) {
          generationTightness = c.tightness();
        }
        tightness(c, r);
      }
    }

    /** A try of a targeted climb: tightness and violations of every claim, evaluations of the climbed one. */
    private void addTargeted(TryRecord r) {
      boolean mine = r.target().equals(id);
      if (mine) {
        targetedEvaluations++;
      }
      if (r.failedWithError()) {
        if (mine) {
          listError(r);
        }
        return;
      }
      for (ClaimTry c : r.claims()) {
        if (!c.claimId().equals(id)) {
          continue;
        }
        if (c.verdict() == Verdict.VIOLATED) {
          targetedViolations++;
          if (firstViolation == null) {
            firstViolation = TryRef.of(r);
          }
        }
        if (mine && c.tightness() != null && (targetedBest == null || c.tightness() > targetedBest)) {
          targetedBest = c.tightness();
        }
        tightness(c, r);
      }
    }

    private void tightness(ClaimTry c, TryRecord r) {
      if (c.tightness() != null && (tightness == null || c.tightness() > tightness)) {
        tightness = c.tightness();
        tightnessAt = TryRef.of(r);
      }
    }

    private void listError(TryRecord r) {
      if (errorRefs.size() < MAX_LISTED_ERRORS) {
        errorRefs.add(new LedgerEntry.ErrorRef(TryRef.of(r), r.error()));
      }
    }

    LedgerEntry entry(Claim claim) {
      String p = claim == null ? paper : claim.paper().key();
      String t = claim == null ? theorem : claim.theorem();
      String s = claim == null ? "(not in the claim registry)" : claim.statement();
      ClaimKind kind = claim == null ? ClaimKind.THEOREM : claim.kind();
      if (targetedEvaluations > 0 && generationTightness != null) {
        // the climb starts from the generated try closest to the bound: its best includes that start
        targetedBest = targetedBest == null ? generationTightness : Math.max(targetedBest, generationTightness);
      }
      return new LedgerEntry(id, kind, p, t, s, studies, tries, holds, violated, notApplicable, errors, worst,
          worstAt, firstViolation, null, minCoverage, errorRefs, new LedgerEntry.Tightness(tightness, tightnessAt,
          generationTightness, targetedEvaluations, targetedBest, targetedViolations));
    }
  }
}
