package ncverify.impl.train;

import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.Blas;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Mlp;
import org.ejml.data.DMatrixRMaj;

/**
 * The reference workload for {@code ncv bench}: the MLP 784-1024-1024-512-512-10 in the [JSWM]
 * layout (ReLU layers 784-1024-1024-512, then a linear head 512-512-10, no biases), MSE with mean
 * normalization (1/(2B)) ||Z - Y||^2 per batch, plain SGD (no momentum, no weight decay), lr 0.01,
 * batch 256, float64, one epoch over 60,000 random samples (uniform pixels in [0, 1), uniform labels
 * in 0..9), seeded: the same workload as bench/numpy_reference_epoch.py, as the speed target of the
 * training-engine issue specifies it.
 */
public final class ReferenceMlp {

  /** Fashion-MNIST sized training set. */
  public static final int SAMPLES = 60_000;
  public static final int INPUT = 784;
  public static final int CLASSES = 10;
  public static final int BATCH = 256;
  /** Learning rate of bench/numpy_reference_epoch.py. */
  public static final double LR = 1e-2;

  private ReferenceMlp() {
  }

  /** Builds the reference network on x (784 x N) with the given backend. */
  public static Mlp build(Blas blas, DMatrixRMaj x, int[] labels, long seed) {
    return Mlp.builder(x, labels, CLASSES).blas(blas).nonlinearWidths(1024, 1024, 512)
        .linearHiddenWidths(512).bias(false).normalization(Normalization.MEAN).lambda(0)
        .seed(seed).build();
  }

  /** The SGD configuration for one epoch over n samples (records only start and end). */
  public static TrainConfig oneEpoch(int n, long seed) {
    TrainConfig c = TrainConfig.sgd(LR, 0.0, BATCH, 1, 0, seed);
    return c.withSteps(c.stepsPerEpoch(n));
  }

  /** Random inputs 784 x n and labels. */
  public static DMatrixRMaj randomData(int n, int[] labelsOut, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    DMatrixRMaj x = new DMatrixRMaj(INPUT, n);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = rng.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      labelsOut[i] = rng.nextInt(CLASSES);
    }
    return x;
  }

  /**
   * Times one SGD epoch on n random samples: the training steps only (shuffle, forward, backward,
   * update), as {@link Trainer} runs them, without the full-data evaluations it records.
   */
  public static EpochClock.EpochTiming timeOneEpoch(Blas blas, int n, long seed) {
    int[] labels = new int[n];
    DMatrixRMaj x = randomData(n, labels, seed);
    Mlp mlp = build(blas, x, labels, seed);
    return EpochClock.time(mlp, blas.name(), BATCH, oneEpoch(n, seed).lr(), 0.0, seed);
  }

  /** {@link #timeOneEpoch(Blas, int, long)} on the full 60,000 samples. */
  public static EpochClock.EpochTiming timeOneEpoch(Blas blas) {
    return timeOneEpoch(blas, SAMPLES, 1L);
  }
}
