package ncverify.properties.study;

import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static ncverify.properties.engine.PropertyContext.target;

import java.util.ArrayList;
import java.util.List;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.engine.PropertyRunner;
import ncverify.properties.engine.Seeds;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Verdict;

/**
 * Runs a {@link Study} as a property: for every generated case, every claim verdict must be HOLDS or
 * NOT_APPLICABLE; each claim must be applicable in at least its {@link Study#minCoverage()} fraction
 * of tries ({@code cover}, checked with a Wilson bound), so the property cannot pass by never
 * applying. Every applicable claim with a defined tightness ({@link ConclusionCheck#tightness()}:
 * measured/bound for upper bounds, bound/measured for lower bounds; above 1 is a violation) reports it
 * as its own target ({@link #targetLabel}), so the targeted phase climbs toward each claim's bound
 * separately (docs/theory.md section 6); the study's own score, if any, is the target
 * {@value #STUDY_TARGET}. A VIOLATED verdict fails with a {@link ClaimViolation} naming the claims,
 * and the engine shrinks the case keeping the first violated claim.
 */
public final class StudyProperty {

  /** Target label of a study's own {@link StudyOutcome#targetScore()}. */
  public static final String STUDY_TARGET = "study score";

  private StudyProperty() {
  }

  /** Runs the study with {@code config} and returns the engine's result (not thrown). */
  public static <C> PropertyResult check(Study<C> study, PropertyConfig config) {
    return PropertyRunner.check(study.id(), config, study.cases(), c -> judge(study, c));
  }

  /** The target label of claim {@code claimId}'s tightness. */
  public static String targetLabel(String claimId) {
    return "tightness " + claimId;
  }

  static <C> void judge(Study<C> study, C c) {
    StudyOutcome out = study.run(c, Seeds.ofValue(c));
    List<String> violatedIds = new ArrayList<>();
    List<String> violated = new ArrayList<>();
    for (String id : study.claimIds()) {
      ClaimResult r = find(out, id);
      boolean applicable = r != null && r.verdict() != Verdict.NOT_APPLICABLE;
      cover(applicable, study.minCoverage().getOrDefault(id, Study.DEFAULT_COVERAGE), id + " applicable");
      if (r == null) {
        continue;
      }
      label(id + ": " + r.verdict());
      r.conclusion().map(ConclusionCheck::tightness).filter(Double::isFinite)
          .ifPresent(t -> target(targetLabel(id), t));
      if (r.verdict() == Verdict.VIOLATED) {
        violatedIds.add(id);
        violated.add(r.toString());
      }
    }
    out.targetScore().ifPresent(s -> target(STUDY_TARGET, s));
    if (!violated.isEmpty()) {
      throw new ClaimViolation(violatedIds, "claim violated on " + c + ":\n  " + String.join("\n  ", violated));
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
