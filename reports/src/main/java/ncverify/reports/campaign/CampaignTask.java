package ncverify.reports.campaign;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ncverify.properties.engine.ChoiceSequence;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.GenerationSchedule;
import ncverify.properties.engine.PropertyBody;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.Seeds;
import ncverify.properties.engine.TargetSearch;
import ncverify.properties.study.ClaimViolation;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.reports.ErrorText;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;

/**
 * The campaign's unit of work, pure and serializable (ids and numbers only), so any engine (the local
 * thread pool, a Spark cluster) can run it where the study classes are on the class path; the result
 * depends only on the fields. Two kinds:
 *
 * <ul>
 *   <li>generation: tries {@code firstTry .. firstTry+count-1} of one study, each case drawn from the
 *       engine's {@link GenerationSchedule} (the property runner's schedule: zero try, edge cases, random
 *       tries; seeds from {@link Seeds}) and run with the seed {@link Seeds#ofValue} of the case;
 *   <li>targeted ({@link #climb} set): the engine's hill-climb ({@link TargetSearch#climb}) on one
 *       claim's tightness from the case that came closest to its bound, {@code count} evaluations at most;
 *       every evaluation after the replayed start becomes a record marked with the claim.
 * </ul>
 *
 * @param studyId the study to run (resolved by the engine from the registry)
 * @param studySeed the study's seed, {@link Seeds#derive}(campaign seed, study id)
 * @param plannedTries the study's planned generation tries (they fix the number of edge-case tries)
 * @param firstTry first try index (generation)
 * @param count number of tries, or the evaluation budget of a climb
 * @param climb the targeted climb, or null for generation tries
 */
public record CampaignTask(String studyId, long studySeed, int plannedTries, int firstTry, int count, Climb climb)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  /**
   * A targeted climb.
   *
   * @param claimId the claim whose tightness is maximized
   * @param startChoices choices of the case the climb starts from
   */
  public record Climb(String claimId, String startChoices) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Generation tries {@code firstTry .. firstTry+count-1}. */
  public static CampaignTask tries(String studyId, long studySeed, int plannedTries, int firstTry, int count) {
    return new CampaignTask(studyId, studySeed, plannedTries, firstTry, count, null);
  }

  /** A climb of {@code claimId}'s tightness from {@code startChoices}, at most {@code budget} evaluations. */
  public static CampaignTask climb(String studyId, long studySeed, int plannedTries, String claimId,
      String startChoices, int budget) {
    return new CampaignTask(studyId, studySeed, plannedTries, 0, budget, new Climb(claimId, startChoices));
  }

  /** The generation schedule of this task's study. */
  public GenerationSchedule schedule() {
    return new GenerationSchedule(studySeed, plannedTries);
  }

  /** Runs the task on {@code study} (whose id must be {@link #studyId}). */
  public List<TryRecord> run(Study<?> study) {
    if (!study.id().equals(studyId)) {
      throw new IllegalArgumentException("task of study " + studyId + " given study " + study.id());
    }
    if (climb != null) {
      return runClimb(study);
    }
    List<TryRecord> out = new ArrayList<>(count);
    for (int i = firstTry; i < firstTry + count; i++) {
      out.add(runTry(study, i));
    }
    return out;
  }

  /**
   * What an engine reports when the task could not run at all (e.g. an executor lost its class path):
   * one error record per generation try of the block, or one for the climb.
   */
  public List<TryRecord> failedRecords(String error) {
    List<TryRecord> out = new ArrayList<>();
    if (climb != null) {
      out.add(new TryRecord(studyId, 0, 0L, 0L, "<not run>", climb.startChoices(), List.of(), error, Map.of(), 0,
          climb.claimId()));
      return out;
    }
    for (int i = firstTry; i < firstTry + count; i++) {
      out.add(new TryRecord(studyId, i, schedule().trySeed(i), 0L, "<not run>", "", List.of(), error, Map.of(), 0,
          null));
    }
    return out;
  }

  /** Generates the case of try {@code index} and runs it; an exception becomes the try's error. */
  private <C> TryRecord runTry(Study<C> study, int index) {
    long start = System.nanoTime();
    ChoiceSource source = schedule().source(index);
    long caseSeed = schedule().trySeed(index);
    C c;
    try {
      c = study.cases().generate(source);
    } catch (RuntimeException e) {
      return new TryRecord(study.id(), index, caseSeed, 0L, "<not generated>", source.choices().toString(),
          List.of(), "case generation failed: " + ErrorText.of(e), Map.of(), elapsed(start), null);
    }
    return runCase(study, c, index, caseSeed, source.choices().toString(), null, start);
  }

  /** Runs one case; an exception of the study becomes the record's error. */
  private static <C> TryRecord runCase(Study<C> study, C c, int index, long caseSeed, String choices, String target,
      long start) {
    String text = String.valueOf(c);
    long runSeed = Seeds.ofValue(c);
    try {
      StudyOutcome outcome = study.run(c, runSeed);
      List<ClaimTry> claims = new ArrayList<>();
      for (ClaimResult r : outcome.results()) {
        claims.add(ClaimTry.of(r));
      }
      return new TryRecord(study.id(), index, caseSeed, runSeed, text, choices, claims, null,
          PlainMaps.copy(outcome.observations()), elapsed(start), target);
    } catch (RuntimeException | AssertionError e) {
      return new TryRecord(study.id(), index, caseSeed, runSeed, text, choices, List.of(), ErrorText.of(e), Map.of(),
          elapsed(start), target);
    }
  }

  /** A case with the choices that drew it. */
  private record Drawn<C>(C value, String choices) {
    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }

  /**
   * The climb: each evaluation runs the case, records it (every claim's verdict, so a violation of any
   * claim met on the way is in the ledger), reports the climbed claim's tightness as the target, and
   * fails when the climbed claim is VIOLATED, which ends the climb: that violation is its finding.
   */
  private <C> List<TryRecord> runClimb(Study<C> study) {
    List<TryRecord> out = new ArrayList<>();
    int[] step = {0};
    Gen<Drawn<C>> withChoices = s -> new Drawn<>(study.cases().generate(s), s.choices().toString());
    String label = climb.claimId();
    PropertyBody<Drawn<C>> body = d -> {
      int k = step[0]++;
      TryRecord r = runCase(study, d.value(), k, 0L, d.choices(), label, System.nanoTime());
      if (k > 0) {
        out.add(r); // step 0 replays the start case, already recorded by its generation try
      }
      for (ClaimTry ct : r.claims()) {
        if (!ct.claimId().equals(label)) {
          continue;
        }
        if (ct.tightness() != null) {
          PropertyContext.target(label, ct.tightness());
        }
        if (ct.verdict() == Verdict.VIOLATED) {
          throw new ClaimViolation(List.of(label), label + " violated on " + d.value());
        }
      }
    };
    TargetSearch.climb(withChoices, body, label, ChoiceSequence.parse(climb.startChoices()), count);
    return out;
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
