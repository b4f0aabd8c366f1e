package ncverify.properties.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.TryOutcome.Status;

/**
 * Runs a property without JUnit (the JUnit extension and {@code ncv campaign} both call it).
 *
 * <ol>
 *   <li>Replay: with {@link PropertyConfig#replay()} set, runs once on exactly those choices.
 *   <li>Generation: try 0 draws all-zero choices (the simplest value), tries 1..E-1 draw edge cases
 *       (bounds, small lists, named values; E = min(32, tries/4)), the rest draw at random. Try
 *       {@code i} uses the seed {@link Seeds#forTry}(seed, i); with {@code threadSafe} batches of tries
 *       run in parallel and are merged in try order, so the result does not depend on the thread count.
 *       Stops at the first failure, after {@code tries} valid tries, or when discards exceed
 *       {@code maxDiscardRatio * tries}.
 *   <li>Targeted phase (only if the body called {@link PropertyContext#target}): {@link TargetSearch}
 *       from the best-scoring try, {@code targetTries} evaluations.
 *   <li>Coverage: every {@link PropertyContext#cover} must reach its minimum fraction.
 *   <li>Shrinking: {@link Shrinker} on the first counterexample's choices.
 * </ol>
 *
 * Every run logs its {@link PropertyResult#report()}: a summary line with the seed, the statistics table
 * and, for a failure, the counterexamples and replay arguments.
 */
public final class PropertyRunner {

  private PropertyRunner() {}

  /** Checks {@code body} on values of {@code gen} with the default configuration. */
  public static <T> PropertyResult check(String name, Gen<T> gen, PropertyBody<? super T> body) {
    return check(name, PropertyConfig.defaults(), gen, body);
  }

  /** Checks {@code body} on values of {@code gen}; see the class comment for the phases. */
  public static <T> PropertyResult check(String name, PropertyConfig config, Gen<T> gen,
      PropertyBody<? super T> body) {
    PropertyResult result = config.replay() != null ? replay(name, config, gen, body) : search(name, config, gen, body);
    config.log().accept(result.report().stripTrailing());
    return result;
  }

  private static <T> PropertyResult replay(String name, PropertyConfig config, Gen<T> gen,
      PropertyBody<? super T> body) {
    TryOutcome o = TryOutcome.run(gen, body, config.replay(), Mode.ZERO, config.seed());
    Statistics.Builder stats = new Statistics.Builder();
    stats.add(o.recorder());
    boolean failed = o.failed() || o.status() == Status.FILTER_EXHAUSTED;
    return new PropertyResult(name, !failed, failed ? "falsified" : null, config.seed(), 1, 0, 0, 0, stats.build(),
        failed ? o.value() : null, failed ? o.value() : null, failed ? o.choices() : null,
        failed ? o.choices() : null, o.error());
  }

  private static <T> PropertyResult search(String name, PropertyConfig config, Gen<T> gen,
      PropertyBody<? super T> body) {
    long seed = config.seed();
    int tries = config.tries();
    int edgeTries = Math.min(32, tries / 4);
    long maxDiscards = (long) Math.ceil(config.maxDiscardRatio() * tries);
    Statistics.Builder stats = new Statistics.Builder();
    int valid = 0;
    int discards = 0;
    long index = 0;
    TryOutcome failure = null;
    TryOutcome bestTarget = null;
    int threads = config.threadSafe() ? config.threads() : 1;
    int batch = threads == 1 ? 1 : 16 * threads;
    ExecutorService pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "property-" + name);
      t.setDaemon(true);
      return t;
    });
    try {
      while (valid < tries && failure == null) {
        for (TryOutcome o : runBatch(pool, gen, body, seed, index, batch, edgeTries)) {
          index++;
          if (o.status() == Status.FILTER_EXHAUSTED) {
            return finish(name, config, "filter", valid, discards, 0, stats, o.error());
          }
          if (o.status() == Status.DISCARD || o.status() == Status.OVERRUN) {
            if (++discards > maxDiscards) {
              return finish(name, config, "discards", valid, discards, 0, stats,
                  new HealthCheckException(String.format(Locale.ROOT,
                      "too many discards: %d tries discarded (by assume() or too many choices) against %d valid;"
                          + " the limit is %.1f x %d tries; generate values that satisfy the assumption directly",
                      discards, valid, config.maxDiscardRatio(), tries)));
            }
            continue;
          }
          valid++;
          stats.add(o.recorder());
          if (o.failed()) {
            failure = o;
            break;
          }
          if (o.recorder().target != null && (bestTarget == null || o.score() > bestTarget.score())) {
            bestTarget = o;
          }
          if (valid == tries) {
            break;
          }
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    Function<ChoiceSequence, TryOutcome> replayer = c -> TryOutcome.run(gen, body, c, Mode.ZERO, seed);
    int targetEvaluations = 0;
    if (failure == null && bestTarget != null && config.targetTries() > 0) {
      TargetSearch.Result climbed = TargetSearch.climb(replayer, bestTarget, config.targetTries());
      targetEvaluations = climbed.evaluations();
      failure = climbed.failure();
    }
    if (failure == null) {
      Statistics built = stats.build();
      List<Statistics.Cover> missed = built.unsatisfied();
      if (!missed.isEmpty()) {
        String what = missed.stream().map(c -> String.format(Locale.ROOT, "'%s' reached %.2f%% of %d tries, needs %.2f%%",
            c.name(), 100 * c.fraction(), c.tries(), 100 * c.minFraction())).collect(Collectors.joining("; "));
        return finish(name, config, "cover", valid, discards, targetEvaluations, stats,
            new HealthCheckException("coverage too low: " + what));
      }
      return finish(name, config, null, valid, discards, targetEvaluations, stats, null);
    }
    Shrinker shrinker = new Shrinker(replayer, failure, config.shrinkBudget());
    TryOutcome shrunk = shrinker.shrink();
    return new PropertyResult(name, false, "falsified", seed, valid, discards, targetEvaluations,
        shrinker.evaluations(), stats.build(), failure.value(), shrunk.value(), failure.choices(), shrunk.choices(),
        shrunk.error());
  }

  private static PropertyResult finish(String name, PropertyConfig config, String reason, int valid, int discards,
      int targetEvaluations, Statistics.Builder stats, Throwable error) {
    return new PropertyResult(name, reason == null, reason, config.seed(), valid, discards, targetEvaluations, 0,
        stats.build(), null, null, null, null, error);
  }

  private static Mode modeOf(long index, int edgeTries) {
    if (index == 0) {
      return Mode.ZERO;
    }
    return index < edgeTries ? Mode.EDGE : Mode.RANDOM;
  }

  private static <T> List<TryOutcome> runBatch(ExecutorService pool, Gen<T> gen, PropertyBody<? super T> body,
      long seed, long first, int count, int edgeTries) {
    List<TryOutcome> out = new ArrayList<>(count);
    if (pool == null) {
      for (long i = first; i < first + count; i++) {
        out.add(TryOutcome.run(gen, body, ChoiceSequence.EMPTY, modeOf(i, edgeTries), Seeds.forTry(seed, i)));
      }
      return out;
    }
    List<Future<TryOutcome>> futures = new ArrayList<>(count);
    for (long i = first; i < first + count; i++) {
      long index = i;
      futures.add(pool.submit(() -> TryOutcome.run(gen, body, ChoiceSequence.EMPTY, modeOf(index, edgeTries),
          Seeds.forTry(seed, index))));
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
}
