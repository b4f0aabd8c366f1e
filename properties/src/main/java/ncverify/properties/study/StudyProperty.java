package ncverify.properties.study;

import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static ncverify.properties.engine.PropertyContext.target;

import java.util.ArrayList;
import java.util.List;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.engine.PropertyRunner;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;

/**
 * Runs a {@link Study} as a property: for every generated case, every claim verdict must be HOLDS or
 * NOT_APPLICABLE; each claim must be applicable in at least its {@link Study#minCoverage()} fraction
 * of tries ({@code cover}), so the property cannot pass by never applying; the target score (if any)
 * steers the targeted search towards boundary cases. A VIOLATED verdict fails with the claim id and
 * all numbers, then the engine shrinks the case.
 */
public final class StudyProperty {

  private StudyProperty() {
  }

  /** Runs the study with {@code config} and returns the engine's result (not thrown). */
  public static <C> PropertyResult check(Study<C> study, PropertyConfig config) {
    return PropertyRunner.check(study.id(), config, study.cases(), c -> judge(study, c, seedOf(c)));
  }

  /** Runs the study with its default tries and the configured seed, throwing on failure. */
  public static <C> PropertyResult assertHolds(Study<C> study) {
    return check(study, PropertyConfig.defaults().withTries(study.defaultTries())).orThrow();
  }

  /** The per-case seed: derived from the case itself, so a replayed or shrunk case reruns identically. */
  static long seedOf(Object c) {
    return 0x9E3779B97F4A7C15L * c.toString().hashCode() + 17;
  }

  static <C> void judge(Study<C> study, C c, long seed) {
    StudyOutcome out = study.run(c, seed);
    List<String> violated = new ArrayList<>();
    for (String id : study.claimIds()) {
      ClaimResult r = find(out, id);
      boolean applicable = r != null && r.verdict() != Verdict.NOT_APPLICABLE;
      cover(applicable, study.minCoverage().getOrDefault(id, Study.DEFAULT_COVERAGE), id + " applicable");
      if (r != null) {
        label(id + ": " + r.verdict());
        if (r.verdict() == Verdict.VIOLATED) {
          violated.add(r.toString());
        }
      }
    }
    out.targetScore().ifPresent(s -> target(s));
    if (!violated.isEmpty()) {
      throw new AssertionError("claim violated on " + c + ":\n  " + String.join("\n  ", violated));
    }
  }

  private static ClaimResult find(StudyOutcome out, String id) {
    for (ClaimResult r : out.results()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }
}
