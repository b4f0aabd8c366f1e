package ncverify.reports.campaign;

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
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;

/**
 * One campaign: plans one {@link CampaignTask} per try of every selected study, runs them on a
 * {@link CampaignEngine} (by default the {@link LocalEngine}), merges the records into the
 * {@link Ledger} and, once the search is over, shrinks
 * the first violation of each violated claim on the calling thread. {@link #cancel()} (Ctrl-C) stops
 * scheduling; {@link #snapshot()} gives the ledger of the tries finished so far, marked incomplete.
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

  /** One task per try, study by study. */
  public List<CampaignTask> plan() {
    List<CampaignTask> tasks = new ArrayList<>();
    for (Study<?> s : studies) {
      long studySeed = CampaignSeeds.studySeed(settings.seed(), s.id());
      int tries = settings.triesFor(s.defaultTries());
      for (int i = 0; i < tries; i++) {
        tasks.add(new CampaignTask(s.id(), studySeed, i, 1));
      }
    }
    return tasks;
  }

  /** Total tries planned. */
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
    List<TryRecord> records = engine.run(tasks, byId, recs -> {
      completed.addAll(recs);
      progress.accept(recs);
    }, cancelled::get);
    boolean incomplete = records.size() < planned;
    List<LedgerEntry> entries = Ledger.build(studies, records, onlyClaims, registry);
    if (!incomplete) {
      entries = shrinkViolations(entries, byId);
    }
    return result(entries, records, planned, incomplete || cancelled.get());
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
      int errors = 0;
      long millis = 0;
      for (TryRecord r : records) {
        if (r.studyId().equals(s.id())) {
          tries++;
          errors += r.failedWithError() ? 1 : 0;
          millis += r.millis();
        }
      }
      summaries.add(new CampaignResult.StudySummary(s.id(), s.description(), s.claimIds(),
          CampaignSeeds.studySeed(settings.seed(), s.id()), tries, errors,
          millis / 1000.0));
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
      out.add(e.withCounterexample(shrink(byId.get(at.studyId()), e.claimId(), at, settings.shrinkBudget())));
    }
    return out;
  }

  /** Shrinks the violating case {@code at} of {@code claimId} on the engine's choice sequence. */
  static <C> Counterexample shrink(Study<C> study, String claimId, TryRef at, int budget) {
    String[] message = new String[1];
    CounterexampleShrinker.Result r = CounterexampleShrinker.shrink(study.cases(), c -> {
      StudyOutcome o = study.run(c, CampaignSeeds.runSeed(c));
      for (ClaimResult cr : o.results()) {
        if (cr.id().equals(claimId) && cr.verdict() == Verdict.VIOLATED) {
          throw new AssertionError(cr.toString());
        }
      }
    }, ChoiceSequence.parse(at.choices()), at.caseSeed(), budget);
    message[0] = r.error() == null ? "not reproduced on replay" : CampaignTask.describe(r.error());
    return new Counterexample(at, r.value(), r.choices().toString(), message[0], r.reproduced(), r.evaluations());
  }
}
