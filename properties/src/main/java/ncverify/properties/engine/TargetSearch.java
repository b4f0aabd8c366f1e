package ncverify.properties.engine;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Targeted search (Hypothesis {@code target()}, Löscher and Sagonas "targeted property-based
 * testing"): after the random phase, hill-climbs the choice sequence of the best-scoring try to
 * maximize the score reported by {@link PropertyContext#target}. A pattern search: each choice in turn
 * moves by {@code +step} and {@code -step}; a move that raises the score is kept and that choice's step
 * doubles, otherwise it halves. Stops at the first failing try, when the budget is spent, or when a
 * whole round at unit steps brings no improvement.
 */
final class TargetSearch {

  /** The best try reached, the failing try if one was found (else {@code null}), evaluations used. */
  record Result(TryOutcome best, TryOutcome failure, int evaluations) {}

  private TargetSearch() {}

  static Result climb(Function<ChoiceSequence, TryOutcome> runner, TryOutcome start, int budget) {
    TryOutcome current = start;
    long[] steps = initialSteps(current.maxes());
    int evaluations = 0;
    int position = 0;
    int idleAtUnitStep = 0;
    while (evaluations < budget && steps.length > 0) {
      int p = position % steps.length;
      boolean improved = false;
      for (int dir = 1; dir >= -1 && evaluations < budget; dir -= 2) {
        long[] c = current.choices().choices();
        long moved = move(c[p], dir, steps[p], current.maxes()[p]);
        if (moved == c[p]) {
          continue;
        }
        c[p] = moved;
        TryOutcome outcome = runner.apply(new ChoiceSequence(c));
        evaluations++;
        if (outcome.failed()) {
          return new Result(outcome, outcome, evaluations);
        }
        if (outcome.valid() && outcome.score() > current.score()) {
          boolean reshaped = outcome.choices().length() != current.choices().length();
          current = outcome;
          if (reshaped) {
            steps = initialSteps(current.maxes());
          }
          improved = true;
          break;
        }
      }
      if (p < steps.length) {
        steps[p] = improved ? Math.min(Math.max(1, current.maxes()[p]), 2 * steps[p]) : Math.max(1, steps[p] / 2);
      }
      idleAtUnitStep = improved ? 0 : Arrays.stream(steps).allMatch(s -> s == 1) ? idleAtUnitStep + 1 : 0;
      if (idleAtUnitStep > steps.length) {
        break;
      }
      position++;
    }
    return new Result(current, null, evaluations);
  }

  private static long[] initialSteps(long[] maxes) {
    long[] steps = new long[maxes.length];
    for (int i = 0; i < maxes.length; i++) {
      steps[i] = Math.max(1, maxes[i] / 4);
    }
    return steps;
  }

  /** {@code value + dir * step} clamped to {@code [0, max]} without overflow. */
  private static long move(long value, int dir, long step, long max) {
    if (dir > 0) {
      return value > max - step ? max : value + step;
    }
    return value < step ? 0 : value - step;
  }
}
