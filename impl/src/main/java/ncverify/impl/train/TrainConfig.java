package ncverify.impl.train;

import ncverify.impl.optim.LrSchedule;
import ncverify.theory.InvalidInputException;

/**
 * Every setting of a training run.
 *
 * @param seed seed of the mini-batch shuffling (model init has its own seed in the model builder)
 * @param steps number of parameter updates
 * @param batchSize samples per update; 0 means full batch (plain GD over all N samples)
 * @param lr base learning rate eta
 * @param momentum heavy-ball momentum in [0, 1) (0: plain (S)GD)
 * @param schedule learning-rate schedule applied to {@code lr}
 * @param recordEvery record a trajectory point every this many steps (0: only first and last)
 * @param largeLr large-learning-rate mode: no check of eta lambda < 1 and stability bookkeeping
 *     in the trajectory ({@code stability_*} keys); nothing is ever clipped in either mode
 * @param maxParamNorm divergence limit on every parameter's Frobenius norm
 */
public record TrainConfig(long seed, int steps, int batchSize, double lr, double momentum,
                          LrSchedule schedule, int recordEvery, boolean largeLr, double maxParamNorm) {

  /** Default divergence limit on parameter norms. */
  public static final double DEFAULT_MAX_PARAM_NORM = 1e8;

  public TrainConfig {
    if (steps < 0) {
      throw InvalidInputException.of("steps = %d, need >= 0", steps);
    }
    if (batchSize < 0) {
      throw InvalidInputException.of("batch size %d, need >= 0 (0 = full batch)", batchSize);
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw InvalidInputException.of("learning rate %s, need a finite value > 0", lr);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw InvalidInputException.of("momentum %s is outside [0, 1)", momentum);
    }
    if (schedule == null) {
      throw new InvalidInputException("no learning-rate schedule given");
    }
    if (recordEvery < 0) {
      throw InvalidInputException.of("recordEvery = %d, need >= 0", recordEvery);
    }
    if (!(maxParamNorm > 0)) {
      throw InvalidInputException.of("max parameter norm %s, need > 0", maxParamNorm);
    }
  }

  /** Full-batch GD with constant rate. */
  public static TrainConfig gd(double lr, int steps, int recordEvery, long seed) {
    return new TrainConfig(seed, steps, 0, lr, 0.0, new LrSchedule.Constant(), recordEvery, false,
        DEFAULT_MAX_PARAM_NORM);
  }

  /** Mini-batch SGD with momentum and constant rate. */
  public static TrainConfig sgd(double lr, double momentum, int batchSize, int steps, int recordEvery,
                                long seed) {
    return new TrainConfig(seed, steps, batchSize, lr, momentum, new LrSchedule.Constant(), recordEvery,
        false, DEFAULT_MAX_PARAM_NORM);
  }

  public TrainConfig withSchedule(LrSchedule v) {
    return new TrainConfig(seed, steps, batchSize, lr, momentum, v, recordEvery, largeLr, maxParamNorm);
  }

  public TrainConfig withLargeLr(boolean v) {
    return new TrainConfig(seed, steps, batchSize, lr, momentum, schedule, recordEvery, v, maxParamNorm);
  }

  public TrainConfig withMaxParamNorm(double v) {
    return new TrainConfig(seed, steps, batchSize, lr, momentum, schedule, recordEvery, largeLr, v);
  }

  public TrainConfig withSteps(int v) {
    return new TrainConfig(seed, v, batchSize, lr, momentum, schedule, recordEvery, largeLr, maxParamNorm);
  }

  /** Number of steps in {@code epochs} passes over n samples with this batch size. */
  public int stepsPerEpoch(int n) {
    return batchSize == 0 || batchSize >= n ? 1 : (n + batchSize - 1) / batchSize;
  }
}
