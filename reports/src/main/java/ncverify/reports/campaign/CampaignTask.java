package ncverify.reports.campaign;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.ClaimResult;

/**
 * The campaign's unit of work: tries {@code firstTry .. firstTry+count-1} of one study. Pure and
 * serializable (ids and numbers only), so any engine (the local thread pool, later a cluster) can run
 * it where the study classes are on the class path; the result depends only on the fields.
 *
 * @param studyId the study to run (resolved by the engine from the registry)
 * @param studySeed {@link CampaignSeeds#studySeed}
 * @param firstTry first try index
 * @param count number of tries
 */
public record CampaignTask(String studyId, long studySeed, int firstTry, int count) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Runs every try of the block on {@code study} (whose id must be {@link #studyId}). */
  public List<TryRecord> run(Study<?> study) {
    if (!study.id().equals(studyId)) {
      throw new IllegalArgumentException("task of study " + studyId + " given study " + study.id());
    }
    List<TryRecord> out = new ArrayList<>(count);
    for (int i = firstTry; i < firstTry + count; i++) {
      out.add(runTry(study, studySeed, i));
    }
    return out;
  }

  /** Generates the case of try {@code index} and runs it; an exception becomes the try's error. */
  static <C> TryRecord runTry(Study<C> study, long studySeed, int index) {
    long caseSeed = CampaignSeeds.caseSeed(studySeed, index);
    long start = System.nanoTime();
    ChoiceSource source = new ChoiceSource(CampaignSeeds.mode(index), caseSeed);
    C c;
    try {
      c = study.cases().generate(source);
    } catch (RuntimeException e) {
      return new TryRecord(study.id(), index, caseSeed, 0L, "<not generated>", source.choices().toString(),
          List.of(), "case generation failed: " + describe(e), Map.of(), elapsed(start));
    }
    String text = String.valueOf(c);
    long runSeed = CampaignSeeds.runSeed(c);
    try {
      StudyOutcome outcome = study.run(c, runSeed);
      List<ClaimTry> claims = new ArrayList<>();
      for (ClaimResult r : outcome.results()) {
        claims.add(ClaimTry.of(r));
      }
      return new TryRecord(study.id(), index, caseSeed, runSeed, text, source.choices().toString(), claims, null,
          PlainMaps.copy(outcome.observations()), elapsed(start));
    } catch (RuntimeException | AssertionError e) {
      return new TryRecord(study.id(), index, caseSeed, runSeed, text, source.choices().toString(), List.of(),
          describe(e), Map.of(), elapsed(start));
    }
  }

  static String describe(Throwable e) {
    String msg = e.getMessage() == null ? "" : ": " + e.getMessage().strip().split("\\R", 2)[0];
    return e.getClass().getSimpleName() + msg;
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
