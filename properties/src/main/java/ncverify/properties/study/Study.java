package ncverify.properties.study;

import java.util.List;
import java.util.Map;
import ncverify.properties.engine.Gen;

/**
 * A family of generated cases on which some claims are judged: {@code cases()} generates them
 * (shrinking towards small, simple cases), {@code run} trains/measures one case and returns the
 * verdict of every claim it judges. Implementations must be deterministic in (case, seed) and
 * thread-safe (one case per call, no shared mutable state), so tries can run in parallel and the
 * same seed gives the same ledger.
 *
 * @param <C> the case type; its {@code toString} is what a counterexample report shows, so make it
 *     a record with the few numbers that define the case
 */
public interface Study<C> {

  /** Stable id, e.g. {@code "jswm.mlp-head"}. */
  String id();

  /** One sentence: what is generated, what is trained, which claims are judged. */
  String description();

  /** The claim ids this study judges (each one appears in every outcome, possibly NOT_APPLICABLE). */
  List<String> claimIds();

  /** Generator of cases. */
  Gen<C> cases();

  /** Trains and measures one case. {@code seed} drives every random choice not fixed by the case. */
  StudyOutcome run(C c, long seed);

  /**
   * Minimum fraction of tries in which each claim's assumptions must hold for a run to mean
   * anything (the engine's {@code cover}); claims missing here default to {@link #DEFAULT_COVERAGE}.
   */
  default Map<String, Double> minCoverage() {
    return Map.of();
  }

  /** Default minimum applicability per claim. */
  double DEFAULT_COVERAGE = 0.3;

  /**
   * Whether the exhaustive setting is on (system property {@code ncverify.exhaustive}, set by the
   * {@code -Pexhaustive} profile): studies and their property suites then run more tries on larger cases.
   */
  static boolean exhaustive() {
    return Boolean.getBoolean("ncverify.exhaustive");
  }

  /** Default number of tries in the property suite (the campaign chooses its own). */
  default int defaultTries() {
    return 20;
  }
}
