package ncverify.impl.optim;

import ncverify.theory.InvalidInputException;

/**
 * Learning rate eta_t at step t (0-based) of T as a function of the base rate eta_0:
 * {@link Constant} eta_0; {@link StepDecay} eta_0 gamma^floor(t / every);
 * {@link Cosine} eta_min + (eta_0 - eta_min)(1 + cos(pi t / T))/2 with eta_min = minFactor eta_0.
 */
public sealed interface LrSchedule permits LrSchedule.Constant, LrSchedule.StepDecay, LrSchedule.Cosine {

  double lr(double base, int step, int totalSteps);

  /** Constant rate. */
  record Constant() implements LrSchedule {
    @Override
    public double lr(double base, int step, int totalSteps) {
      return base;
    }
  }

  /** Multiply by gamma in (0, 1] every {@code every} steps (never above the base rate). */
  record StepDecay(double gamma, int every) implements LrSchedule {
    public StepDecay {
      if (!(gamma > 0 && gamma <= 1) || every < 1) {
        throw InvalidInputException.of("step schedule needs 0 < gamma <= 1 and every >= 1, got %s, %d", gamma, every);
      }
    }

    @Override
    public double lr(double base, int step, int totalSteps) {
      return base * Math.pow(gamma, step / every);
    }
  }

  /** Cosine annealing from eta_0 to minFactor eta_0 over the run. */
  record Cosine(double minFactor) implements LrSchedule {
    public Cosine {
      if (!(minFactor >= 0 && minFactor <= 1)) {
        throw InvalidInputException.of("cosine min factor %s is outside [0, 1]", minFactor);
      }
    }

    @Override
    public double lr(double base, int step, int totalSteps) {
      double frac = totalSteps <= 1 ? 0 : (double) step / totalSteps;
      double min = minFactor * base;
      return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * frac));
    }
  }

  static LrSchedule constant() {
    return new Constant();
  }
}
