package ncverify.properties.engine;

import java.time.Duration;
import java.util.function.Function;
import ncverify.properties.engine.ChoiceSource.Mode;

/**
 * Shrinks a counterexample found outside {@link PropertyRunner} (e.g. by {@code ncv campaign}, which
 * runs its tries on its own engine): replays the failing choices, runs the {@link Shrinker} on them
 * exactly as the runner's shrinking phase does (same failure identity, cache, bounds), and re-runs the
 * shrunk case once to detect flakiness.
 */
public final class CounterexampleShrinker {

  /**
   * The outcome of shrinking.
   *
   * @param reproduced whether replaying the original choices failed again (if not, nothing was shrunk)
   * @param value the shrunk value as shown by {@code toString}
   * @param choices the shrunk choice sequence (replayable)
   * @param error the failure of the shrunk value, or null when not reproduced
   * @param evaluations property evaluations spent (the replay and the final re-run included)
   * @param stopReason why shrinking stopped
   * @param flaky whether the shrunk case passed when re-run
   */
  public record Result(boolean reproduced, String value, ChoiceSequence choices, Throwable error,
      int evaluations, String stopReason, boolean flaky) {
  }

  private CounterexampleShrinker() {
  }

  /** {@link #shrink(Gen, PropertyBody, ChoiceSequence, long, int, Duration)} without a time bound. */
  public static <T> Result shrink(Gen<T> gen, PropertyBody<? super T> body, ChoiceSequence failing, long seed,
      int budget) {
    return shrink(gen, body, failing, seed, budget, null);
  }

  /**
   * Replays {@code failing} through {@code gen} and {@code body}; if it fails, shrinks it with at most
   * {@code budget} evaluations within {@code timeLimit} (null: no time bound). {@code seed} seeds the
   * (unused once replaying) random part of the source.
   */
  public static <T> Result shrink(Gen<T> gen, PropertyBody<? super T> body, ChoiceSequence failing, long seed,
      int budget, Duration timeLimit) {
    Function<ChoiceSequence, TryOutcome> runner = c -> TryOutcome.run(gen, body, c, Mode.ZERO, seed);
    TryOutcome first = runner.apply(failing);
    if (!first.failed()) {
      return new Result(false, first.value(), first.choices(), null, 1, "not reproduced on replay", false);
    }
    Shrinker shrinker = new Shrinker(runner, first, budget, timeLimit == null ? Long.MAX_VALUE : timeLimit.toNanos());
    TryOutcome shrunk = shrinker.shrink();
    boolean flaky = !runner.apply(shrunk.choices()).failsWith(FailureKey.primary(first.error()));
    return new Result(true, shrunk.value(), shrunk.choices(), shrunk.error(), 2 + shrinker.evaluations(),
        shrinker.stopReason(), flaky);
  }
}
