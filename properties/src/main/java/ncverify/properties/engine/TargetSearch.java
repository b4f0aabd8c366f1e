package ncverify.properties.engine;

import java.util.function.Function;

/**
 * Targeted search (Hypothesis {@code target()}, Löscher and Sagonas "targeted property-based
 * testing"): hill-climbs the choice sequence of the best-scoring try to maximize the score one target
 * label reports ({@link PropertyContext#target(String, double)}). A pattern search: each choice in turn
 * moves by {@code +step} and {@code -step} along its number line ({@link ChoiceKind#position}: the
 * integer, or the double's magnitude); a move that raises the score is kept and that choice's step
 * doubles, otherwise it halves. Stops at the first failing try, when the budget is spent, or when a
 * whole round at the smallest steps brings no improvement.
 */
final class TargetSearch {

  /** Relative size of the smallest step of a double magnitude. */
  private static final double MIN_RELATIVE_STEP = 1e-9;

  /**
   * What one climb reached.
   *
   * @param label the target
   * @param startScore score of the try the climb started from
   * @param best the best valid try reached (its score is {@link #bestScore})
   * @param failure the failing try if one was found, else null
   * @param evaluations body evaluations used
   */
  record Result(String label, double startScore, TryOutcome best, TryOutcome failure, int evaluations) {
    double bestScore() {
      return best.score(label);
    }
  }

  private TargetSearch() {}

  static Result climb(Function<ChoiceSequence, TryOutcome> runner, String label, TryOutcome start, int budget) {
    ChoiceTree cache = new ChoiceTree();
    cache.record(start);
    TryOutcome current = start;
    double[] steps = initialSteps(current);
    int evaluations = 0;
    int position = 0;
    int idleAtSmallestStep = 0;
    while (evaluations < budget && steps.length > 0) {
      int p = position % steps.length;
      boolean improved = false;
      for (int dir = 1; dir >= -1 && evaluations < budget; dir -= 2) {
        long[] c = current.choices().choices();
        ChoiceKind kind = current.kinds()[p];
        long moved = kind.at(kind.position(c[p]) + dir * steps[p], current.maxes()[p]);
        if (moved == c[p]) {
          continue;
        }
        c[p] = moved;
        ChoiceSequence candidate = new ChoiceSequence(c);
        TryOutcome outcome = cache.lookup(candidate);
        if (outcome == null) {
          outcome = runner.apply(candidate);
          evaluations++;
          cache.record(outcome);
        }
        if (outcome.failed()) {
          return new Result(label, start.score(label), current, outcome, evaluations);
        }
        if (outcome.valid() && outcome.score(label) > current.score(label)) {
          boolean reshaped = outcome.choices().length() != current.choices().length();
          current = outcome;
          if (reshaped) {
            steps = initialSteps(current);
          }
          improved = true;
          break;
        }
      }
      if (p < steps.length) {
        double extent = current.kinds()[p].extent(current.maxes()[p]);
        steps[p] = improved ? Math.min(Math.max(smallest(current, p), extent), 2 * steps[p])
            : Math.max(smallest(current, p), steps[p] / 2);
      }
      boolean allSmallest = true;
      for (int i = 0; i < steps.length && allSmallest; i++) {
        allSmallest = steps[i] <= smallest(current, i);
      }
      idleAtSmallestStep = improved ? 0 : allSmallest ? idleAtSmallestStep + 1 : 0;
      if (idleAtSmallestStep > steps.length) {
        break;
      }
      position++;
    }
    return new Result(label, start.score(label), current, null, evaluations);
  }

  private static double[] initialSteps(TryOutcome o) {
    double[] steps = new double[o.maxes().length];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = Math.max(smallest(o, i), o.kinds()[i].extent(o.maxes()[i]) / 4);
    }
    return steps;
  }

  /** The unit step: 1 for integers, a tiny fraction of the range for doubles. */
  private static double smallest(TryOutcome o, int i) {
    ChoiceKind kind = o.kinds()[i];
    return kind instanceof ChoiceKind.IntegerChoice ? 1.0
        : Math.max(Double.MIN_NORMAL, MIN_RELATIVE_STEP * kind.extent(o.maxes()[i]));
  }
}
