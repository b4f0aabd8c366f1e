package ncverify.properties.engine;

import java.util.function.Consumer;
import ncverify.theory.InvalidInputException;

/**
 * How a property is run.
 *
 * @param tries number of valid (not discarded) tries of the generation phase
 * @param seed run seed; each try's seed derives from (seed, try index)
 * @param threadSafe whether tries may run in parallel; results are identical for any thread count
 * @param threads worker threads when {@code threadSafe}
 * @param maxDiscardRatio the property fails when discards exceed {@code maxDiscardRatio * tries}
 * @param targetTries evaluations of the targeted (hill-climbing) phase, run only if the body calls
 *     {@link PropertyContext#target}
 * @param shrinkBudget maximum property evaluations spent shrinking a counterexample
 * @param replay choice sequence to replay instead of generating, or {@code null}
 * @param log where the one-line summary of each run (with its seed) goes
 */
public record PropertyConfig(int tries, long seed, boolean threadSafe, int threads, double maxDiscardRatio,
    int targetTries, int shrinkBudget, ChoiceSequence replay, Consumer<String> log) {

  public PropertyConfig {
    if (tries < 1) {
      throw InvalidInputException.of("tries %d must be at least 1", tries);
    }
    if (threads < 1) {
      throw InvalidInputException.of("threads %d must be at least 1", threads);
    }
    if (!(maxDiscardRatio >= 0) || targetTries < 0 || shrinkBudget < 0) {
      throw InvalidInputException.of("maxDiscardRatio %s, targetTries %d, shrinkBudget %d must be >= 0",
          maxDiscardRatio, targetTries, shrinkBudget);
    }
  }

  /**
   * 100 tries, the seed from {@link Seeds#resolve} (system property {@value Seeds#SEED_PROPERTY}),
   * sequential, discard ratio 5, no targeted phase, shrink budget 5000, replay from system property
   * {@value Seeds#REPLAY_PROPERTY} if set, log to standard output.
   */
  public static PropertyConfig defaults() {
    String replay = System.getProperty(Seeds.REPLAY_PROPERTY);
    return new PropertyConfig(100, Seeds.resolve(null), false, Runtime.getRuntime().availableProcessors(), 5.0,
        0, 5000, replay == null || replay.isBlank() ? null : ChoiceSequence.parse(replay), System.out::println);
  }

  public PropertyConfig withTries(int n) {
    return new PropertyConfig(n, seed, threadSafe, threads, maxDiscardRatio, targetTries, shrinkBudget, replay, log);
  }

  public PropertyConfig withSeed(long s) {
    return new PropertyConfig(tries, s, threadSafe, threads, maxDiscardRatio, targetTries, shrinkBudget, replay, log);
  }

  public PropertyConfig withThreadSafe(boolean t) {
    return new PropertyConfig(tries, seed, t, threads, maxDiscardRatio, targetTries, shrinkBudget, replay, log);
  }

  public PropertyConfig withThreads(int n) {
    return new PropertyConfig(tries, seed, threadSafe, n, maxDiscardRatio, targetTries, shrinkBudget, replay, log);
  }

  public PropertyConfig withMaxDiscardRatio(double r) {
    return new PropertyConfig(tries, seed, threadSafe, threads, r, targetTries, shrinkBudget, replay, log);
  }

  public PropertyConfig withTargetTries(int n) {
    return new PropertyConfig(tries, seed, threadSafe, threads, maxDiscardRatio, n, shrinkBudget, replay, log);
  }

  public PropertyConfig withShrinkBudget(int n) {
    return new PropertyConfig(tries, seed, threadSafe, threads, maxDiscardRatio, targetTries, n, replay, log);
  }

  public PropertyConfig withReplay(ChoiceSequence r) {
    return new PropertyConfig(tries, seed, threadSafe, threads, maxDiscardRatio, targetTries, shrinkBudget, r, log);
  }

  public PropertyConfig withLog(Consumer<String> l) {
    return new PropertyConfig(tries, seed, threadSafe, threads, maxDiscardRatio, targetTries, shrinkBudget, replay, l);
  }
}
