package ncverify.impl.train;

import java.util.SplittableRandom;
import ncverify.impl.model.Model;
import ncverify.impl.optim.Sgd;

/**
 * Times one SGD epoch of a built model the way {@link Trainer} runs it (a seeded Fisher-Yates
 * shuffle, then forward, backward and update per mini-batch, the last batch possibly smaller), without
 * the full-data evaluations the trainer records: the clock of {@code ncv bench}.
 */
public final class EpochClock {

  private EpochClock() {
  }

  /** Time of one epoch: backend name, samples, steps, wall seconds, last batch loss. */
  public record EpochTiming(String blas, int samples, int steps, double seconds, double lastBatchLoss) {
  }

  /** One epoch over all the model's samples with batch size {@code batch}, learning rate and momentum. */
  public static EpochTiming time(Model model, String blasName, int batch, double lr, double momentum, long seed) {
    int n = model.numSamples();
    Sgd opt = new Sgd(momentum);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long start = System.nanoTime();
    Trainer.shuffle(perm, rng);
    double loss = Double.NaN;
    int steps = 0;
    for (int pos = 0; pos < n; pos += batch) {
      int b = Math.min(batch, n - pos);
      loss = model.lossAndGradient(perm, pos, b);
      opt.step(model.parameters(), lr);
      steps++;
    }
    double seconds = (System.nanoTime() - start) * 1e-9;
    return new EpochTiming(blasName, n, steps, seconds, loss);
  }
}
