package ncverify.properties.engine;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.PropertyResult.Counterexample;
import ncverify.properties.engine.PropertyResult.Counts;
import ncverify.properties.engine.PropertyResult.Reason;
import ncverify.properties.engine.Statistics.CoverStatus;
import ncverify.properties.engine.TryOutcome.Status;

/**
 * Runs a property without JUnit (the JUnit extension and the study properties call it). Phases, each
 * a method of {@link Run}:
 *
 * <ol>
 *   <li>Replay: with {@link PropertyConfig#replay()} set, runs once on exactly those choices, instead of
 *       everything below; choices that hit {@code assume()} or draw too many choices fail the run
 *       ("replay invalid"), they never pass silently.
 *   <li>Pinned examples: values given to {@link #check(String, PropertyConfig, Gen, PropertyBody, List)}
 *       and choice sequences of {@link PropertyConfig#examples()}, before any generated try.
 *   <li>Failure database: the counterexamples saved by earlier failed runs ({@link ExampleDatabase}),
 *       replayed next; those that pass are removed.
 *   <li>Generation on the {@link GenerationSchedule} (zero try, edge cases, random tries; in parallel
 *       when thread-safe, merged in try order so the result does not depend on the thread count), with
 *       the health checks: filter too strict, too many discards, data too large, a try over the
 *       deadline. A cover whose 95% Wilson interval still contains its minimum extends the run (up to
 *       3x the tries) until the interval decides.
 *   <li>Targeted phase: one hill-climb per {@link PropertyContext#target} label from the best try of
 *       that label ({@link TargetSearch}), the budget shared among the labels, highest scores first.
 *   <li>Coverage: every cover must reach its minimum; the report gives the Wilson interval.
 *   <li>Shrinking ({@link Shrinker}, on one failure identity, within the evaluation and time bounds),
 *       then one re-run of the shrunk case: if it passes the result is "flaky". A falsified property's
 *       shrunk choices are saved to the failure database.
 * </ol>
 *
 * Every run logs its {@link PropertyResult#report()}: a summary line with the seed, the statistics
 * table and, for a failure, the counterexamples and the replay line.
 */
public final class PropertyRunner {

  /** Tries of the coverage extension, as a multiple of the planned tries (in total). */
  static final int COVERAGE_EXTENSION_FACTOR = 3;
  /** Fewest evaluations of one targeted climb. */
  static final int MIN_CLIMB = 4;

  private PropertyRunner() {}

  /** Checks {@code body} on values of {@code gen} with the default configuration. */
  public static <T> PropertyResult check(String name, Gen<T> gen, PropertyBody<? super T> body) {
    return check(name, PropertyConfig.defaults(), gen, body);
  }

  /** Checks {@code body} on values of {@code gen}; see the class comment for the phases. */
  public static <T> PropertyResult check(String name, PropertyConfig config, Gen<T> gen,
      PropertyBody<? super T> body) {
    return check(name, config, gen, body, List.of());
  }

  /**
   * Checks {@code body} on the pinned {@code examples} first (Hypothesis {@code @example}: run as
   * given, not shrunk), then as {@link #check(String, PropertyConfig, Gen, PropertyBody)}.
   */
  public static <T> PropertyResult check(String name, PropertyConfig config, Gen<T> gen,
      PropertyBody<? super T> body, List<? extends T> examples) {
    PropertyResult result = new Run<T>(name, config, gen, body).execute(examples);
    config.log().accept(result.report().stripTrailing());
    return result;
  }

  /** One property run: the phases' shared state. */
  private static final class Run<T> {
    private final String name;
    private final PropertyConfig config;
    private final Gen<T> gen;
    private final PropertyBody<? super T> body;
    private final GenerationSchedule schedule;
    private final Function<ChoiceSequence, TryOutcome> replayer;
    private final Statistics.Builder stats = new Statistics.Builder();
    private final Map<String, TryOutcome> bestByTarget = new LinkedHashMap<>();
    private final Map<String, Statistics.Target> climbed = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private long index;
    private int discards;
    private int overruns;
    private int pinned;
    private int fromDatabase;
    private int targetEvaluations;
    private int shrinkEvaluations;
    private TryOutcome failure;
    private String origin;
    private ChoiceSequence databaseEntry;

    Run(String name, PropertyConfig config, Gen<T> gen, PropertyBody<? super T> body) {
      this.name = name;
      this.config = config;
      this.gen = gen;
      this.body = body;
      this.schedule = new GenerationSchedule(config.seed(), config.tries());
      this.replayer = c -> TryOutcome.run(gen, body, c, Mode.ZERO, config.seed());
    }

    PropertyResult execute(List<? extends T> examples) {
      if (config.replay() != null) {
        return replay();
      }
      PropertyResult early = pinnedValues(examples);
      if (early == null) {
        early = pinnedChoices();
      }
      if (early == null && failure == null) {
        database();
      }
      if (early == null && failure == null) {
        early = generate(config.tries());
      }
      if (early == null && failure == null) {
        early = extendForCoverage();
      }
      if (early == null && failure == null) {
        targeted();
      }
      if (early != null) {
        return early;
      }
      if (failure != null) {
        return shrinkAndReport();
      }
      List<Statistics.Cover> missed = statistics().unsatisfied();
      if (!missed.isEmpty()) {
        String what = missed.stream().map(Statistics.Cover::describe).collect(Collectors.joining("; "));
        return healthFailure(Reason.COVER, "coverage too low: " + what);
      }
      return result(null, null, null);
    }

    // ---- phase 1: replay --------------------------------------------------------------------------

    private PropertyResult replay() {
      TryOutcome o = replayer.apply(config.replay());
      switch (o.status()) {
        case DISCARD, OVERRUN -> {
          discards++;
          return healthFailure(Reason.REPLAY_INVALID, "the replayed choices " + config.replay() + " do not give a"
              + " valid try (" + (o.status() == Status.DISCARD ? "the body called assume(false)" : "too many choices")
              + "); check that the seed, the choices and -Dtest name the same property");
        }
        case FILTER_EXHAUSTED -> {
          return result(Reason.FILTER, null, o.error());
        }
        default -> {
          stats.add(o.recorder());
          if (!o.failed()) {
            notes.add("replayed choices " + config.replay() + " passed");
            return result(null, null, null);
          }
          return result(Reason.FALSIFIED, new Counterexample("replay", o.value(), o.choices(), o.value(),
              o.choices(), null, false), o.error());
        }
      }
    }

    // ---- phase 2: pinned examples ------------------------------------------------------------------

    private PropertyResult pinnedValues(List<? extends T> examples) {
      for (T value : examples) {
        pinned++;
        TryOutcome o = TryOutcome.runValue(value, body);
        if (o.failed()) {
          return result(Reason.FALSIFIED, new Counterexample("pinned", o.value(), null, o.value(), null, null,
              false), o.error());
        }
      }
      return null;
    }

    private PropertyResult pinnedChoices() {
      for (ChoiceSequence c : config.examples()) {
        pinned++;
        TryOutcome o = replayer.apply(c);
        if (o.status() == Status.FILTER_EXHAUSTED) {
          return result(Reason.FILTER, null, o.error());
        }
        if (o.failed()) {
          failure = o;
          origin = "pinned";
          return null;
        }
      }
      return null;
    }

    // ---- phase 3: failure database ------------------------------------------------------------------

    private void database() {
      ExampleDatabase db = config.database();
      if (db == null) {
        return;
      }
      for (ChoiceSequence saved : db.load(name)) {
        fromDatabase++;
        TryOutcome o = replayer.apply(saved);
        if (o.failed()) {
          failure = o;
          origin = "database";
          databaseEntry = saved;
          notes.add("replayed from the failure database " + db.fileOf(name) + " before any new try");
          return;
        }
        guarded(() -> db.remove(name, saved));
        notes.add("saved counterexample " + saved + " passes now: removed from the failure database");
      }
    }

    // ---- phase 4: generation ------------------------------------------------------------------------

    /** Generates until {@code validTarget} valid tries, a failure, or a failed health check. */
    private PropertyResult generate(int validTarget) {
      long maxDiscards = (long) Math.ceil(config.maxDiscardRatio() * config.tries());
      long maxOverruns = Math.max(10, config.tries() / 10);
      int threads = config.threadSafe() ? config.threads() : 1;
      int batch = threads == 1 ? 1 : 16 * threads;
      ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "property-" + name);
        t.setDaemon(true);
        return t;
      });
      try {
        while (stats.valid() < validTarget) {
          for (TryOutcome o : runBatch(pool, batch)) {
            long tryIndex = index++;
            PropertyResult health = healthCheck(o, tryIndex, maxDiscards, maxOverruns);
            if (health != null) {
              return health;
            }
            if (!o.valid()) {
              continue;
            }
            stats.add(o.recorder());
            if (o.failed()) {
              failure = o;
              origin = "generated";
              return null;
            }
            for (String label : o.recorder().targets.keySet()) {
              TryOutcome best = bestByTarget.get(label);
              if (best == null || o.score(label) > best.score(label)) {
                bestByTarget.put(label, o);
              }
            }
            if (stats.valid() == validTarget) {
              break;
            }
          }
        }
        return null;
      } finally {
        if (pool != null) {
          pool.shutdownNow();
        }
      }
    }

    private PropertyResult healthCheck(TryOutcome o, long tryIndex, long maxDiscards, long maxOverruns) {
      if (o.status() == Status.FILTER_EXHAUSTED) {
        return result(Reason.FILTER, null, o.error());
      }
      if (o.status() == Status.OVERRUN) {
        overruns++;
        if (tryIndex == 0 || overruns > maxOverruns) {
          return healthFailure(Reason.DATA_TOO_LARGE, String.format(Locale.ROOT, "data too large: %d tries%s drew"
              + " more than %d choices; generate smaller values (fewer or shorter lists, smaller matrices)",
              overruns, tryIndex == 0 ? " (among them the simplest value, try 0)" : "", ChoiceSource.MAX_CHOICES));
        }
      }
      if (o.status() == Status.DISCARD || o.status() == Status.OVERRUN) {
        if (++discards > maxDiscards) {
          return healthFailure(Reason.DISCARDS, String.format(Locale.ROOT,
              "too many discards: %d tries discarded (by assume() or too many choices) against %d valid;"
                  + " the limit is %.1f x %d tries; generate values that satisfy the assumption directly",
              discards, stats.valid(), config.maxDiscardRatio(), config.tries()));
        }
      }
      if (config.deadline() != null && o.nanos() > config.deadline().toNanos()) {
        return healthFailure(Reason.DEADLINE, String.format(Locale.ROOT, "too slow: try %d took %.2f s, over the"
            + " deadline of %.2f s per try (choices %s); make a try cheaper or raise the deadline"
            + " (-D%s=SECONDS, @Property(deadlineMillis = ...), PropertyConfig.withDeadline)", tryIndex,
            o.nanos() / 1e9, config.deadline().toNanos() / 1e9, o.choices(), PropertyConfig.DEADLINE_PROPERTY));
      }
      return null;
    }

    private List<TryOutcome> runBatch(ExecutorService pool, int count) {
      List<TryOutcome> out = new ArrayList<>(count);
      long first = index;
      if (pool == null) {
        for (long i = first; i < first + count; i++) {
          out.add(TryOutcome.run(gen, body, schedule.source(i)));
        }
        return out;
      }
      List<Future<TryOutcome>> futures = new ArrayList<>(count);
      for (long i = first; i < first + count; i++) {
        long tryIndex = i;
        futures.add(pool.submit(() -> TryOutcome.run(gen, body, schedule.source(tryIndex))));
      }
      try {
        for (Future<TryOutcome> f : futures) {
          out.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running tries", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a try crashed the runner", e.getCause());
      }
      return out;
    }

    /**
     * While a cover is below its minimum but its 95% Wilson interval still contains the minimum, runs
     * more tries (a quarter of the planned tries at a time, up to {@link #COVERAGE_EXTENSION_FACTOR}x in
     * total), so the verdict rests on enough tries; a cover already too rare with 95% confidence, or met,
     * stops the extension.
     */
    private PropertyResult extendForCoverage() {
      int planned = config.tries();
      int limit = COVERAGE_EXTENSION_FACTOR * planned;
      while (failure == null && stats.valid() < limit) {
        List<Statistics.Cover> covers = new ArrayList<>(stats.build().covers().values());
        boolean tooRare = covers.stream().anyMatch(c -> c.status() == CoverStatus.TOO_RARE);
        boolean undecided = covers.stream().anyMatch(c -> c.status() == CoverStatus.INCONCLUSIVE);
        if (tooRare || !undecided) {
          break;
        }
        PropertyResult early = generate(Math.min(limit, stats.valid() + Math.max(1, planned / 4)));
        if (early != null) {
          return early;
        }
      }
      if (stats.valid() > planned) {
        notes.add(String.format(Locale.ROOT, "a cover was below its minimum but not significantly (95%% Wilson) after"
            + " %d tries: the run was extended to %d tries", planned, stats.valid()));
      }
      return null;
    }

    // ---- phase 5: targeted search -------------------------------------------------------------------

    /**
     * One climb per target label, labels with the highest generation score first (for scores such as a
     * claim's tightness: the closest to failing first), each with an equal share of the budget but at
     * least {@link #MIN_CLIMB} evaluations, until the budget is spent.
     */
    private void targeted() {
      int budget = config.targetBudget();
      if (budget <= 0 || bestByTarget.isEmpty()) {
        return;
      }
      int perTarget = Math.max(MIN_CLIMB, budget / bestByTarget.size());
      List<Map.Entry<String, TryOutcome>> order = new ArrayList<>(bestByTarget.entrySet());
      order.sort(java.util.Comparator.comparingDouble(e -> -e.getValue().score(e.getKey())));
      for (Map.Entry<String, TryOutcome> e : order) {
        int left = budget - targetEvaluations;
        if (left <= 0) {
          break;
        }
        TargetSearch.Result r = TargetSearch.climb(replayer, e.getKey(), e.getValue(), Math.min(perTarget, left));
        targetEvaluations += r.evaluations();
        climbed.put(e.getKey(), new Statistics.Target(e.getKey(), r.startScore(), r.bestScore(), r.evaluations()));
        if (r.failure() != null) {
          failure = r.failure();
          origin = "targeted (" + (e.getKey().isEmpty() ? "score" : e.getKey()) + ")";
          return;
        }
      }
    }

    // ---- phase 7: shrinking -------------------------------------------------------------------------

    private PropertyResult shrinkAndReport() {
      Shrinker shrinker = new Shrinker(replayer, failure, config.shrinkBudget(), config.shrinkTime().toNanos());
      TryOutcome shrunk = shrinker.shrink();
      shrinkEvaluations = shrinker.evaluations();
      TryOutcome rerun = replayer.apply(shrunk.choices());
      boolean flaky = !rerun.failsWith(FailureKey.primary(failure.error()));
      Counterexample cx = new Counterexample(origin, failure.value(), failure.choices(), shrunk.value(),
          shrunk.choices(), shrinker.stopReason(), flaky);
      ExampleDatabase db = config.database();
      if (db != null && !flaky) {
        guarded(() -> {
          if (databaseEntry != null && !databaseEntry.equals(shrunk.choices())) {
            db.remove(name, databaseEntry);
          }
          db.save(name, shrunk.choices());
        });
        notes.add("saved to the failure database " + db.fileOf(name) + " (replayed first next run;"
            + " -D" + ExampleDatabase.PROPERTY + "=off turns it off)");
      }
      return result(flaky ? Reason.FLAKY : Reason.FALSIFIED, cx, shrunk.error());
    }

    // ---- results ------------------------------------------------------------------------------------

    private void guarded(Runnable databaseWrite) {
      try {
        databaseWrite.run();
      } catch (UncheckedIOException e) {
        notes.add("failure database not updated: " + e.getMessage());
      }
    }

    private Statistics statistics() {
      return stats.build().withTargets(climbed);
    }

    private PropertyResult healthFailure(Reason reason, String message) {
      return result(reason, null, new HealthCheckException(message));
    }

    private PropertyResult result(Reason reason, Counterexample cx, Throwable error) {
      Counts counts = new Counts(stats.valid(), discards, overruns, pinned, fromDatabase, targetEvaluations,
          shrinkEvaluations);
      return new PropertyResult(name, config.seed(), reason, counts, statistics(), cx, error, config.selector(),
          notes);
    }
  }
}
