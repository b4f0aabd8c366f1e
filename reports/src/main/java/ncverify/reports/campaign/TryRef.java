package ncverify.reports.campaign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a number in the ledger comes from, with everything needed to reproduce it: study, try index
 * (or step of a targeted climb, with the claim it targeted), the seed of the case's choice source, the
 * run seed, the case and its choice sequence.
 */
public record TryRef(String studyId, int tryIndex, long caseSeed, long runSeed, String caseText, String choices,
    String target) {

  static TryRef of(TryRecord r) {
    return new TryRef(r.studyId(), r.tryIndex(), r.caseSeed(), r.runSeed(), r.caseText(), r.choices(), r.target());
  }

  /** "study try i" or "study, targeted search on claim, step k". */
  public String where() {
    return target == null ? studyId + " try " + tryIndex : studyId + ", targeted search on " + target + ", step "
        + tryIndex;
  }

  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("study", studyId);
    m.put("try", tryIndex);
    if (target != null) {
      m.put("targeted", target);
    }
    m.put("case_seed", caseSeed);
    m.put("run_seed", runSeed);
    m.put("case", caseText);
    m.put("choices", choices);
    return m;
  }
}
