package ncverify.properties.engine;

import ncverify.properties.engine.ChoiceSource.Mode;

/**
 * Shrinks a counterexample found outside {@link PropertyRunner} (e.g. by {@code ncv campaign}, which
 * generates and runs its tries itself): replays the failing choices, then runs the {@link Shrinker}
 * passes on them, exactly as the runner's shrinking phase does.
 */
public final class CounterexampleShrinker {

  /**
   * The outcome of shrinking.
   *
   * @param reproduced whether replaying the original choices failed again (if not, nothing was shrunk)
   * @param value the shrunk value as shown by {@code toString}
   * @param choices the shrunk choice sequence (replayable)
   * @param error the failure of the shrunk value, or null when not reproduced
   * @param evaluations property evaluations spent
   */
  public record Result(boolean reproduced, String value, ChoiceSequence choices, Throwable error,
      int evaluations) {
  }

  private CounterexampleShrinker() {
  }

  /**
   * Replays {@code failing} through {@code gen} and {@code body}; if it fails, shrinks it with at most
   * {@code budget} evaluations. {@code seed} seeds the (unused once replaying) random part of the source.
   */
  public static <T> Result shrink(Gen<T> gen, PropertyBody<? super T> body, ChoiceSequence failing, long seed,
      int budget) {
    TryOutcome first = TryOutcome.run(gen, body, failing, Mode.ZERO, seed);
    if (!first.failed()) {
      return new Result(false, first.value(), first.choices(), null, 1);
    }
    Shrinker shrinker = new Shrinker(c -> TryOutcome.run(gen, body, c, Mode.ZERO, seed), first, budget);
    TryOutcome shrunk = shrinker.shrink();
    return new Result(true, shrunk.value(), shrunk.choices(), shrunk.error(), 1 + shrinker.evaluations());
  }
}
