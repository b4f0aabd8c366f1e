package ncverify.reports.campaign;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import ncverify.properties.engine.ChoiceSequence;
import ncverify.properties.engine.CounterexampleShrinker;
import ncverify.properties.engine.Seeds;
import ncverify.properties.study.ClaimViolation;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.reports.ErrorText;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;

/**
 * One campaign, in three phases, each deterministic in the campaign seed:
 *
 * <ol>
 *   <li>generation: one {@link CampaignTask} per try of every selected study, on the engine's
 *       {@link ncverify.properties.engine.GenerationSchedule} (the property runner's own), run on a
 *       {@link CampaignEngine} (by default the {@link LocalEngine});
 *   <li>targeted search, on by default: for every claim with a defined tightness, one hill-climb of its
 *       tightness from the generated case that came closest to its bound, {@link CampaignSettings#climbBudget}
 *       evaluations (sized from the study's try budget, which each study sets by the cost of its tries),
 *       the climbs running in parallel on the same engine;
 *   <li>the records are merged into the {@link Ledger} and, on the calling thread, the first violation of
 *       each violated claim is shrunk on that claim (a {@link ClaimViolation} keeps the claim id), within
 *       the settings' evaluation and time bounds, and re-run once to detect flakiness.
 * </ol>
 *
 * {@link #cancel()} (Ctrl-C) stops scheduling; {@link #snapshot()} gives the ledger of the tries
 * finished so far, marked incomplete.
 */
public final class Campaign {

  private final List<Study<?>> studies;
  private final Set<String> onlyClaims;
  private final CampaignSettings settings;
  private final Provenance provenance;
  /** Name of the engine the current run uses (for the provenance; also read by the Ctrl-C snapshot). */
  private volatile String engineName;
  private final ClaimRegistry registry = ClaimRegistry.standard();
  private final ConcurrentLinkedQueue<TryRecord> completed = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicBoolean climbing = new AtomicBoolean();
  private final long startNanos = System.nanoTime();

  /**
   * Selects the studies to run: all of {@code registered}, or with {@code settings.only()} the study of
   * that id, or the studies judging that claim id (the ledger then lists only that claim).
   *
   * @throws InvalidInputException when {@code only} names no registered study or judged claim
   */
  public Campaign(List<Study<?>> registered, CampaignSettings settings, String backend) {
    this.settings = settings;
    this.provenance = Provenance.now(settings, backend);
    String only = settings.only();
    if (only == null) {
      this.studies = List.copyOf(registered);
      this.onlyClaims = null;
      return;
    }
    for (Study<?> s : registered) {
      if (s.id().equals(only)) {
        this.studies = List.of(s);
        this.onlyClaims = null;
        return;
      }
    }
    List<Study<?>> judging = new ArrayList<>();
    for (Study<?> s : registered) {
      if (s.claimIds().contains(only)) {
        judging.add(s);
      }
    }
    if (judging.isEmpty()) {
      if (registry.ids().contains(only)) {
        throw InvalidInputException.of("no registered study judges claim '%s' (studies: %s)", only, ids(registered));
      }
      throw InvalidInputException.of("unknown study or claim id '%s'; studies: %s; claims: see 'ncv claims'", only,
          ids(registered));
    }
    this.studies = List.copyOf(judging);
    this.onlyClaims = Set.of(only);
  }

  private static String ids(List<Study<?>> studies) {
    List<String> out = new ArrayList<>();
    studies.forEach(s -> out.add(s.id()));
    return out.isEmpty() ? "(none registered)" : String.join(", ", out);
  }

  /** The studies this campaign runs. */
  public List<Study<?>> studies() {
    return studies;
  }

  /** One task per generation try, study by study. */
  public List<CampaignTask> plan() {
    List<CampaignTask> tasks = new ArrayList<>();
    for (Study<?> s : studies) {
      long studySeed = Seeds.derive(settings.seed(), s.id());
      int tries = settings.triesFor(s.defaultTries());
      for (int i = 0; i < tries; i++) {
        tasks.add(CampaignTask.tries(s.id(), studySeed, tries, i, 1));
      }
    }
    return tasks;
  }

  /**
   * One climb per claim of each study whose tightness was defined on some generated try, from the try
   * with the largest tightness (the first on ties), claims in the study's order.
   */
  public List<CampaignTask> planClimbs(List<TryRecord> generated) {
    List<CampaignTask> climbs = new ArrayList<>();
    for (Study<?> s : studies) {
      int tries = settings.triesFor(s.defaultTries());
      Map<String, TryRecord> bestRecord = new LinkedHashMap<>();
      Map<String, Double> best = new LinkedHashMap<>();
      for (TryRecord r : sortedByTry(generated, s.id())) {
        for (ClaimTry c : r.claims()) {
          if (c.tightness() != null && s.claimIds().contains(c.claimId()) && (onlyClaims == null
              || onlyClaims.contains(c.claimId())) && c.tightness() > best.getOrDefault(c.claimId(), -1.0)) {
            best.put(c.claimId(), c.tightness());
            bestRecord.put(c.claimId(), r);
          }
        }
      }
      int budget = settings.climbBudget(tries, bestRecord.size());
      for (String id : s.claimIds()) {
        TryRecord start = bestRecord.get(id);
        if (start != null && budget > 0) {
          climbs.add(CampaignTask.climb(s.id(), Seeds.derive(settings.seed(), s.id()), tries, id, start.choices(),
              budget));
        }
      }
    }
    return climbs;
  }

  private static List<TryRecord> sortedByTry(List<TryRecord> records, String studyId) {
    List<TryRecord> out = new ArrayList<>();
    for (TryRecord r : records) {
      if (r.studyId().equals(studyId) && !r.targeted() && !r.failedWithError()) {
        out.add(r);
      }
    }
    out.sort(java.util.Comparator.comparingInt(TryRecord::tryIndex));
    return out;
  }

  /** Total generation tries planned. */
  public int plannedTries() {
    return plan().stream().mapToInt(CampaignTask::count).sum();
  }

  /** Stops scheduling new tries; running ones finish. */
  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Runs the campaign; {@code progress} receives the records of each finished task (from worker
   * threads). The result is marked incomplete when cancelled before every try ran.
   */
  public CampaignResult run(Consumer<List<TryRecord>> progress) throws InterruptedException {
    return run(new LocalEngine(settings.threads()), progress);
  }

  /**
   * Runs the search on {@code engine} (local thread pool or a cluster); merging and shrinking happen
   * here, on the driver, so the ledger does not depend on the engine.
   */
  public CampaignResult run(CampaignEngine engine, Consumer<List<TryRecord>> progress) throws InterruptedException {
    engineName = engine.name();
    Map<String, Study<?>> byId = new LinkedHashMap<>();
    studies.forEach(s -> byId.put(s.id(), s));
    List<CampaignTask> tasks = plan();
    int planned = tasks.stream().mapToInt(CampaignTask::count).sum();
    Consumer<List<TryRecord>> onDone = recs -> {
      completed.addAll(recs);
      progress.accept(recs);
    };
    List<TryRecord> records = new ArrayList<>(engine.run(tasks, byId, onDone, cancelled::get));
    boolean incomplete = records.size() < planned;
    if (!incomplete && !cancelled.get()) {
      List<CampaignTask> climbs = planClimbs(records);
      if (!climbs.isEmpty()) {
        climbing.set(true);
        records.addAll(engine.run(climbs, byId, onDone, cancelled::get));
      }
    }
    List<LedgerEntry> entries = Ledger.build(studies, records, onlyClaims, registry);
    if (!incomplete && !cancelled.get()) {
      entries = shrinkViolations(entries, byId);
    }
    return result(entries, records, planned, incomplete || cancelled.get());
  }

  /** Whether the targeted phase has started (for the progress display). */
  public boolean climbing() {
    return climbing.get();
  }

  /** The ledger of the tries finished so far, marked incomplete (for the Ctrl-C hook). */
  public CampaignResult snapshot() {
    List<TryRecord> records = new ArrayList<>(completed);
    int planned = plannedTries();
    return result(Ledger.build(studies, records, onlyClaims, registry), records, planned, true);
  }

  private CampaignResult result(List<LedgerEntry> entries, List<TryRecord> records, int planned, boolean incomplete) {
    List<CampaignResult.StudySummary> summaries = new ArrayList<>();
    for (Study<?> s : studies) {
      int tries = 0;
      int targeted = 0;
      int errors = 0;
      long millis = 0;
      for (TryRecord r : records) {
        if (r.studyId().equals(s.id())) {
          tries += r.targeted() ? 0 : 1;
          targeted += r.targeted() ? 1 : 0;
          errors += r.failedWithError() ? 1 : 0;
          millis += r.millis();
        }
      }
      summaries.add(new CampaignResult.StudySummary(s.id(), s.description(), s.claimIds(),
          Seeds.derive(settings.seed(), s.id()), tries, targeted, errors, millis / 1000.0));
    }
    return new CampaignResult(entries, summaries, List.copyOf(records), provenance.withEngine(engineName), planned,
        (System.nanoTime() - startNanos) / 1e9, incomplete);
  }

  private List<LedgerEntry> shrinkViolations(List<LedgerEntry> entries, Map<String, Study<?>> byId) {
    List<LedgerEntry> out = new ArrayList<>();
    for (LedgerEntry e : entries) {
      if (e.firstViolation() == null || cancelled.get()) {
        out.add(e);
        continue;
      }
      TryRef at = e.firstViolation();
      out.add(e.withCounterexample(shrink(byId.get(at.studyId()), e.claimId(), at, settings.shrinkBudget(),
          CampaignSettings.SHRINK_TIME)));
    }
    return out;
  }

  /**
   * Shrinks the violating case {@code at} of {@code claimId} on the engine's choice sequence, keeping
   * that claim violated ({@link ClaimViolation} names it; other claims' violations do not count).
   */
  static <C> Counterexample shrink(Study<C> study, String claimId, TryRef at, int budget, Duration timeLimit) {
    CounterexampleShrinker.Result r = CounterexampleShrinker.shrink(study.cases(), c -> {
      StudyOutcome o = study.run(c, Seeds.ofValue(c));
      for (ClaimResult cr : o.results()) {
        if (cr.id().equals(claimId) && cr.verdict() == Verdict.VIOLATED) {
          throw new ClaimViolation(List.of(claimId), cr.toString());
        }
      }
    }, ChoiceSequence.parse(at.choices()), at.caseSeed(), budget, timeLimit);
    String message = r.error() == null ? "not reproduced on replay" : ErrorText.of(r.error());
    return new Counterexample(at, r.value(), r.choices().toString(), message, r.reproduced(), r.evaluations(),
        r.stopReason(), r.flaky());
  }
}
