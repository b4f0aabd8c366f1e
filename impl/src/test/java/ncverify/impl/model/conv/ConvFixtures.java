package ncverify.impl.model.conv;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.ImageShape;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Activation;
import ncverify.impl.model.ModelFixtures;
import ncverify.impl.model.conv.ConvArchitecture.Conv;
import ncverify.impl.model.conv.ConvArchitecture.Pool;
import ncverify.impl.model.conv.ConvArchitecture.Pooling;
import ncverify.impl.model.conv.ConvArchitecture.Residual;
import ncverify.impl.model.conv.ConvArchitecture.Stage;
import ncverify.theory.linalg.blas.NaiveBlas;

/** Seeded small images and the edge-case networks of the convolutional tests. */
final class ConvFixtures {

  /**
   * Pre-activations or max-pool gaps closer than this to a kink make finite differences meaningless:
   * with steps of at most 2 H = 2e-4 on one parameter, a pre-activation moves by 2e-4 times its
   * derivative (the O(1) inputs), well below this margin.
   */
  static final double KINK_MARGIN = 2e-3;

  private ConvFixtures() {
  }

  /** A named network on an input shape. */
  record Case(String name, ImageShape shape, ConvArchitecture arch) {
    @Override
    public String toString() {
      return name + " on " + shape + ": " + arch;
    }
  }

  /** A seeded random permutation of 0..n-1. */
  static int[] permutation(int n, SplittableRandom rng) {
    List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, n).boxed().toList());
    java.util.Collections.shuffle(order, new java.util.Random(rng.nextLong()));
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  /** N(0, 1) images with every class present. */
  static Dataset images(ImageShape s, int n, int k, SplittableRandom rng) {
    return new Dataset(ModelFixtures.gaussian(s.size(), n, rng), ModelFixtures.labels(n, k, rng), k, "noise");
  }

  private static ConvArchitecture arch(List<Stage> trunk, int[] dense, int[] head, Activation act) {
    return new ConvArchitecture(trunk, dense, head, act);
  }

  /**
   * Every layer and its edge cases: same padding, stride with and without padding on odd sizes, stride 3
   * with padding 2 and an even kernel on a non-square image, a kernel wider than the input (stride 1, and
   * stride 2 with padding), 1 x 1 kernels with stride 1 (the direct product) and 2, floor pooling on odd
   * sizes, overlapping pooling windows (max 3 stride 2 on an odd size) and windows with gaps, average
   * pooling 2 and 3 stride 2, residual blocks with the identity skip, with a projection when the channels
   * change, when only the spatial size changes (stride 2) and when both change, stacked blocks, the trunk
   * straight into the head (no dense layer, L2 = 1), leaky ReLU and tanh.
   */
  static List<Case> edgeCases() {
    ImageShape s55 = new ImageShape(2, 5, 5);
    ImageShape s67 = new ImageShape(1, 6, 7);
    ImageShape s44 = new ImageShape(2, 4, 4);
    ImageShape s34 = new ImageShape(1, 3, 4);
    Activation relu = Activation.RELU;
    return List.of(
        new Case("conv same padding + maxpool floor", s55,
            arch(List.of(new Conv(3, 3, 1, 1), new Pool(Pooling.MAX, 2, 2)), new int[] {4}, new int[] {3}, relu)),
        new Case("conv stride 2 no padding, odd size", s67,
            arch(List.of(new Conv(2, 3, 2, 0)), new int[] {}, new int[] {4}, relu)),
        new Case("conv stride 2 padding 1", s55,
            arch(List.of(new Conv(3, 3, 2, 1)), new int[] {3}, new int[] {}, relu)),
        new Case("even kernel + overlapping maxpool", s67,
            arch(List.of(new Conv(2, 2, 1, 0), new Pool(Pooling.MAX, 3, 1)), new int[] {}, new int[] {3}, relu)),
        new Case("maxpool with gaps (stride 3 > window 2)", s67,
            arch(List.of(new Conv(2, 3, 1, 1), new Pool(Pooling.MAX, 2, 3)), new int[] {}, new int[] {3}, relu)),
        new Case("kernel wider than the input", s44,
            arch(List.of(new Conv(2, 5, 1, 2)), new int[] {3}, new int[] {3}, Activation.TANH)),
        new Case("1x1 stride 1 and 1x1 stride 2", s55,
            arch(List.of(new Conv(3, 1, 1, 0), new Conv(2, 1, 2, 0)), new int[] {}, new int[] {3}, relu)),
        new Case("avgpool 2 and avgpool 3 stride 2", s67,
            arch(List.of(new Conv(2, 3, 1, 1), new Pool(Pooling.AVG, 2, 2), new Pool(Pooling.AVG, 3, 2)),
                new int[] {3}, new int[] {3}, Activation.LEAKY_RELU)),
        new Case("conv stride 3 padding 2, even kernel, non-square", s67,
            arch(List.of(new Conv(2, 4, 3, 2)), new int[] {3}, new int[] {}, relu)),
        new Case("kernel wider than the input, stride 2 padding 3", s34,
            arch(List.of(new Conv(2, 5, 2, 3)), new int[] {}, new int[] {3}, relu)),
        new Case("maxpool 3 stride 2 on an odd size (overlap, floor)", s55,
            arch(List.of(new Conv(2, 3, 1, 1), new Pool(Pooling.MAX, 3, 2)), new int[] {}, new int[] {3}, relu)),
        new Case("residual identity skip", s44,
            arch(List.of(new Residual(2, 1)), new int[] {}, new int[] {3}, relu)),
        new Case("residual projection (channels)", s44,
            arch(List.of(new Residual(3, 1)), new int[] {3}, new int[] {}, relu)),
        new Case("residual projection (stride 2, same channels, odd size)", s55,
            arch(List.of(new Residual(2, 2)), new int[] {3}, new int[] {}, relu)),
        new Case("residual projection (stride 2, odd size) after a stem", s55,
            arch(List.of(new Conv(2, 3, 1, 1), new Residual(2, 1), new Residual(3, 2), new Pool(Pooling.AVG, 3, 2)),
                new int[] {}, new int[] {3}, relu)),
        new Case("stacked blocks, leaky ReLU", s44,
            arch(List.of(new Residual(2, 1), new Residual(2, 1)), new int[] {3}, new int[] {3}, Activation.LEAKY_RELU)));
  }

  /** The network of a case on random images, redrawn (new seed) until it is away from every kink. */
  static ConvNet net(Case c, Loss loss, boolean bias, SplittableRandom rng) {
    return net(c, loss, bias, Integer.MAX_VALUE, rng);
  }

  /** As {@link #net(Case, Loss, boolean, SplittableRandom)}, with at most maxChunk images per pass. */
  static ConvNet net(Case c, Loss loss, boolean bias, int maxChunk, SplittableRandom rng) {
    int k = 2 + rng.nextInt(2);
    Dataset data = images(c.shape(), k + 2 + rng.nextInt(3), k, rng);
    Normalization norm = rng.nextBoolean() ? Normalization.SUM : Normalization.MEAN;
    double lambda = 0.1 * rng.nextDouble();
    for (int attempt = 0; attempt < 100; attempt++) {
      ConvNet m = ConvNet.builder(data, c.shape()).architecture(c.arch()).blas(new NaiveBlas()).loss(loss)
          .normalization(norm).bias(bias).lambda(lambda).seed(rng.nextLong()).maxChunk(maxChunk).build();
      if (m.kinkDistance() > KINK_MARGIN) {
        return m;
      }
    }
    throw new IllegalStateException("no draw of " + c + " away from the kinks");
  }
}
