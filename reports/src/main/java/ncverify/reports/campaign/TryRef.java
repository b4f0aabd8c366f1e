package ncverify.reports.campaign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a number in the ledger comes from, with everything needed to reproduce it: study, try index,
 * the seed of the case's choice source, the run seed, the case and its choice sequence.
 */
public record TryRef(String studyId, int tryIndex, long caseSeed, long runSeed, String caseText, String choices) {

  static TryRef of(TryRecord r) {
    return new TryRef(r.studyId(), r.tryIndex(), r.caseSeed(), r.runSeed(), r.caseText(), r.choices());
  }

  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("study", studyId);
    m.put("try", tryIndex);
    m.put("case_seed", caseSeed);
    m.put("run_seed", runSeed);
    m.put("case", caseText);
    m.put("choices", choices);
    return m;
  }
}
