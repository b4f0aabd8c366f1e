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
public final class TargetSearch {

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

  /**
   * What a climb run from outside the runner reached ({@code ncv campaign}'s targeted phase).
   *
   * @param startScore score of the start try (negative infinity if it reported none)
   * @param bestScore best score of a valid try
   * @param bestChoices choices of that try
   * @param bestValue that try's value as shown
   * @param failed whether the climb stopped at a failing try
   * @param evaluations body evaluations, the replay of the start included
   */
  public record Climb(double startScore, double bestScore, ChoiceSequence bestChoices, String bestValue,
      boolean failed, int evaluations) {
  }

  private TargetSearch() {}

  /**
   * Replays {@code start} through {@code gen} and {@code body}, then hill-climbs target {@code label}
   * with at most {@code budget} evaluations in all. The body reports its score with
   * {@link PropertyContext#target(String, double)}; a failing try ends the climb.
   */
  public static <T> Climb climb(Gen<T> gen, PropertyBody<? super T> body, String label, ChoiceSequence start,
      int budget) {
    Function<ChoiceSequence, TryOutcome> runner = c -> TryOutcome.run(gen, body, c, ChoiceSource.Mode.ZERO, 0L);
    TryOutcome first = runner.apply(start);
    if (first.failed() || !first.valid() || budget <= 1) {
      return new Climb(first.score(label), first.score(label), first.choices(), first.value(), first.failed(), 1);
    }
    Result r = climb(runner, label, first, budget - 1);
    return new Climb(r.startScore(), r.bestScore(), r.best().choices(), r.best().value(), r.failure() != null,
        1 + r.evaluations());
  }

  /** Climbs from an outcome already run (the runner's targeted phase). */
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
