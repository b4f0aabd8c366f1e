package ncverify.properties.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import ncverify.theory.claims.ClaimResult;

/**
 * What one case of a study produced: the verdict of each claim judged, named observations for the
 * ledger and plots (e.g. {@code "final_loss"}, {@code "rank"}), and an optional score that targeted
 * search maximizes (e.g. measured / bound of the tightest claim: close to 1 means close to a
 * counterexample).
 */
public record StudyOutcome(List<ClaimResult> results, Map<String, Object> observations, OptionalDouble targetScore) {

  public StudyOutcome {
    results = List.copyOf(results);
    observations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observations));
  }

  public static StudyOutcome of(List<ClaimResult> results, Map<String, Object> observations) {
    return new StudyOutcome(results, observations, OptionalDouble.empty());
  }

  public StudyOutcome withTarget(double score) {
    return new StudyOutcome(results, observations, OptionalDouble.of(score));
  }
}
