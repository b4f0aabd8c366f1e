package ncverify.properties.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;

/**
 * What one case of a study produced: the verdict of each claim judged, named observations for the
 * ledger and plots (e.g. {@code "final_loss"}, {@code "rank"}), an optional score that targeted
 * search maximizes (e.g. measured / bound of the tightest claim: close to 1 means close to a
 * counterexample), and the measurement each claim was judged on (by claim id), so a test can judge a
 * deliberately wrong version of a claim on exactly the same numbers ({@link Falsifiability}).
 */
public record StudyOutcome(List<ClaimResult> results, Map<String, Object> observations, OptionalDouble targetScore,
    Map<String, Measurement> measurements) {

  public StudyOutcome {
    results = List.copyOf(results);
    observations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observations));
    measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
  }

  public StudyOutcome(List<ClaimResult> results, Map<String, Object> observations, OptionalDouble targetScore) {
    this(results, observations, targetScore, Map.of());
  }

  public static StudyOutcome of(List<ClaimResult> results, Map<String, Object> observations) {
    return new StudyOutcome(results, observations, OptionalDouble.empty());
  }

  public StudyOutcome withTarget(double score) {
    return new StudyOutcome(results, observations, OptionalDouble.of(score), measurements);
  }

  /** This outcome with {@code m} recorded as the measurement claim {@code claimId} was judged on. */
  public StudyOutcome withMeasurement(String claimId, Measurement m) {
    Map<String, Measurement> all = new LinkedHashMap<>(measurements);
    all.put(claimId, m);
    return new StudyOutcome(results, observations, targetScore, all);
  }

  /** This outcome with {@code m} recorded as the measurement every one of {@code claims} was judged on. */
  public StudyOutcome withMeasurement(List<Claim> claims, Measurement m) {
    StudyOutcome out = this;
    for (Claim claim : claims) {
      out = out.withMeasurement(claim.id(), m);
    }
    return out;
  }
}
