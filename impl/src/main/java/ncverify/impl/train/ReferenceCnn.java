package ncverify.impl.train;

import java.util.SplittableRandom;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.FashionMnist;
import ncverify.impl.data.ImageShape;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.conv.ConvArchitecture;
import ncverify.impl.model.conv.ConvNet;
import ncverify.theory.linalg.blas.Blas;
import org.ejml.data.DMatrixRMaj;

/**
 * The reference CNN workload of {@code ncv bench} (issue 17): on 1 x 28 x 28 images, conv 3x3 with 16
 * channels (padding 1, bias, ReLU), 2 x 2 max pooling, conv 3x3 with 32 channels (padding 1, bias,
 * ReLU), 2 x 2 max pooling, a fully connected layer 1568 -> 128 (bias, ReLU), then the linear head
 * 128 -> 64 -> 10 without biases ({@link ConvArchitecture#reference()}); MSE with mean normalization
 * (1/(2B)) ||Z - Y||^2 per batch, SGD with momentum 0.9, lr 0.01, no weight decay, batch 128, float64,
 * one epoch over 6,000 images: a balanced subset of the Fashion-MNIST training split when it is
 * installed, else (and for the shorter extrapolated runs) uniform random pixels with uniform labels
 * (the time does not depend on the values).
 * The same workload as bench/torch_reference_cnn.py.
 */
public final class ReferenceCnn {

  /** Images per epoch. */
  public static final int SAMPLES = 6_000;
  public static final int BATCH = 128;
  public static final double LR = 0.01;
  public static final double MOMENTUM = 0.9;

  /** The workload in one line, for reports. */
  public static final String DESCRIPTION = "1x28x28 -> conv3x3-16/p1 relu, maxpool2, conv3x3-32/p1 relu, maxpool2,"
      + " fc1568-128 relu (biases), head 128-64-10 (no biases); MSE (1/(2B))||Z - Y||^2, SGD lr 0.01 momentum 0.9,"
      + " float64, batch 128, 6000 images per epoch";

  private ReferenceCnn() {
  }

  /**
   * "fashion-mnist" when the n images come from the installed data set (a whole epoch of
   * {@value #SAMPLES}), else "random" (shorter timed runs and tests, without reading the files).
   */
  public static String dataName(int n) {
    return n == SAMPLES && new FashionMnist().isAvailable() ? "fashion-mnist" : "random";
  }

  /** The images: 600 per class of Fashion-MNIST (seeded) for a whole epoch when installed, else random ones. */
  public static Dataset data(int n, long seed) {
    if (dataName(n).equals("fashion-mnist")) {
      return new FashionMnist().load(FashionMnist.Split.TRAIN, ClassSizes.balanced(FashionMnist.K, n / FashionMnist.K), seed);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    DMatrixRMaj x = new DMatrixRMaj(FashionMnist.DIM, n);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = rng.nextDouble();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < FashionMnist.K ? i : rng.nextInt(FashionMnist.K);
    }
    return new Dataset(x, y, FashionMnist.K, "random-28x28");
  }

  /** The reference network on the data with the given backend. */
  public static ConvNet build(Blas blas, Dataset data, long seed) {
    return ConvNet.builder(data, FashionMnist.SHAPE).architecture(ConvArchitecture.reference()).blas(blas)
        .backboneBias(true).normalization(Normalization.MEAN).lambda(0).seed(seed).build();
  }

  /** One timed epoch over n images (the data and the network are built before the clock starts). */
  public static EpochClock.EpochTiming timeOneEpoch(Blas blas, int n, long seed) {
    ConvNet net = build(blas, data(n, seed), seed);
    return EpochClock.time(net, blas.name(), BATCH, LR, MOMENTUM, seed);
  }

  /** The image shape of the workload. */
  public static ImageShape shape() {
    return FashionMnist.SHAPE;
  }
}
