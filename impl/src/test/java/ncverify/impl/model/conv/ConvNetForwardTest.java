package ncverify.impl.model.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.ImageShape;
import ncverify.impl.loss.Loss;
import ncverify.impl.model.Activation;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.conv.ConvArchitecture.Conv;
import ncverify.impl.model.conv.ConvArchitecture.Pool;
import ncverify.impl.model.conv.ConvArchitecture.Pooling;
import ncverify.impl.model.conv.ConvArchitecture.Residual;
import ncverify.impl.model.conv.ConvArchitecture.Stage;
import ncverify.theory.linalg.blas.NaiveBlas;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The forward pass against the definitions, computed here by direct loops over (channel, row,
 * column, kernel offset) with no im2col: convolution out(o, y, x) = sigma(b_o + sum K(o, c, u, v)
 * in(c, y s - p + u, x s - p + v)), max and average pooling, the residual block
 * sigma(K_2 sigma(K_1 x) + S x), the flattening order (c, y, x), and an empty trunk reducing to the
 * MLP of the same weights.
 */
class ConvNetForwardTest {

  private static final double TOL = 1e-12;
  private final SplittableRandom rng = new SplittableRandom(99);

  /** Image i of a C H W x N matrix as in[c][y][x]. */
  private static double[][][] image(DMatrixRMaj m, ImageShape s, int i) {
    double[][][] out = new double[s.channels()][s.height()][s.width()];
    for (int c = 0; c < s.channels(); c++) {
      for (int y = 0; y < s.height(); y++) {
        for (int x = 0; x < s.width(); x++) {
          out[c][y][x] = m.get((c * s.height() + y) * s.width() + x, i);
        }
      }
    }
    return out;
  }

  /** The convolution by its definition; kernel row o, column (c k + u) k + v. */
  private static double[][][] conv(double[][][] in, Parameter kernel, Parameter bias, int k, int s, int p,
      Activation act) {
    int cin = in.length;
    int h = in[0].length;
    int w = in[0][0].length;
    int outH = (h + 2 * p - k) / s + 1;
    int outW = (w + 2 * p - k) / s + 1;
    int cout = kernel.rows();
    double[][][] out = new double[cout][outH][outW];
    for (int o = 0; o < cout; o++) {
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          double z = bias == null ? 0 : bias.value()[o];
          for (int c = 0; c < cin; c++) {
            for (int u = 0; u < k; u++) {
              for (int v = 0; v < k; v++) {
                int iy = y * s - p + u;
                int ix = x * s - p + v;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                  z += kernel.value()[o * cin * k * k + (c * k + u) * k + v] * in[c][iy][ix];
                }
              }
            }
          }
          out[o][y][x] = act == Activation.RELU ? Math.max(z, 0) : z;
        }
      }
    }
    return out;
  }

  private static double[][][] pool(double[][][] in, boolean max, int k, int s) {
    int outH = (in[0].length - k) / s + 1;
    int outW = (in[0][0].length - k) / s + 1;
    double[][][] out = new double[in.length][outH][outW];
    for (int c = 0; c < in.length; c++) {
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
              double e = in[c][y * s + u][x * s + v];
              acc = max ? Math.max(acc, e) : acc + e / (k * k);
            }
          }
          out[c][y][x] = acc;
        }
      }
    }
    return out;
  }

  /** A network with the given trunk on random images, with the images. */
  private record Built(Dataset data, ConvNet net) {
    double[][][] input(ImageShape s, int i) {
      return image(data.x(), s, i);
    }

    /** The parameter called name, or null. */
    Parameter param(String name) {
      return net.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
  }

  /** Random images and a network with random biases (biases start at 0). */
  private Built net(ImageShape s, List<Stage> trunk) {
    Dataset data = ConvFixtures.images(s, 3, 2, rng);
    ConvNet m = ConvNet.builder(data, s).architecture(new ConvArchitecture(trunk, new int[] {}, new int[] {2},
        Activation.RELU)).blas(new NaiveBlas()).bias(true).seed(rng.nextLong()).build();
    for (Parameter p : m.parameters()) {
      if (p.name().startsWith("b")) {
        for (int i = 0; i < p.value().length; i++) {
          p.value()[i] = rng.nextGaussian();
        }
      }
    }
    return new Built(data, m);
  }

  /** Compares the trunk output (featuresEntering(1)) of every sample with {@code want(i)}. */
  private static void assertTrunk(ConvNet m, ImageShape outShape, IntFunction<double[][][]> want) {
    DMatrixRMaj got = m.featuresEntering(1);
    assertThat(got.numRows).isEqualTo(outShape.size());
    for (int i = 0; i < m.numSamples(); i++) {
      double[][][] e = want.apply(i);
      double[][][] g = image(got, outShape, i);
      for (int c = 0; c < e.length; c++) {
        for (int y = 0; y < e[c].length; y++) {
          assertThat(g[c][y]).as("sample %d channel %d row %d", i, c, y).containsExactly(e[c][y], within(TOL));
        }
      }
    }
  }

  @Test
  void convolutionsEqualTheDefinitionForStridesPaddingsAndKernels() {
    ImageShape s = new ImageShape(2, 7, 6);
    int[][] settings = {{3, 1, 1}, {3, 2, 0}, {3, 2, 1}, {2, 1, 0}, {5, 1, 2}, {1, 1, 0}, {1, 2, 0}, {4, 3, 1}, {9, 2, 4}};
    for (int[] ksp : settings) {
      int k = ksp[0];
      int st = ksp[1];
      int p = ksp[2];
      Built b = net(s, List.of(new Conv(3, k, st, p)));
      assertThat(b.param("bK1")).isNotNull();
      ImageShape out = new ImageShape(3, (7 + 2 * p - k) / st + 1, (6 + 2 * p - k) / st + 1);
      assertTrunk(b.net(), out, i -> conv(b.input(s, i), b.param("K1"), b.param("bK1"), k, st, p, Activation.RELU));
    }
  }

  @Test
  void poolingEqualsTheDefinitionIncludingFloorAndOverlap() {
    ImageShape s = new ImageShape(2, 7, 5);
    int[][] settings = {{2, 2}, {3, 1}, {3, 2}, {1, 1}};
    for (Pooling kind : Pooling.values()) {
      for (int[] ks : settings) {
        Built b = net(s, List.of(new Pool(kind, ks[0], ks[1])));
        ImageShape out = new ImageShape(2, (7 - ks[0]) / ks[1] + 1, (5 - ks[0]) / ks[1] + 1);
        assertTrunk(b.net(), out, i -> pool(b.input(s, i), kind == Pooling.MAX, ks[0], ks[1]));
      }
    }
  }

  @Test
  void residualBlocksEqualTheirDefinitionWithIdentityAndProjectionSkips() {
    ImageShape s = new ImageShape(2, 5, 5);
    int[][] settings = {{2, 1}, {3, 1}, {3, 2}, {2, 2}};
    for (int[] cs : settings) {
      Built b = net(s, List.of(new Residual(cs[0], cs[1])));
      boolean projects = cs[0] != 2 || cs[1] != 1;
      assertThat(b.param("K1s") != null).as("projection for %d channels, stride %d", cs[0], cs[1]).isEqualTo(projects);
      int side = (5 - 1) / cs[1] + 1;
      assertTrunk(b.net(), new ImageShape(cs[0], side, side), i -> {
        double[][][] x = b.input(s, i);
        double[][][] hidden = conv(x, b.param("K1a"), b.param("bK1a"), 3, cs[1], 1, Activation.RELU);
        double[][][] branch = conv(hidden, b.param("K1b"), b.param("bK1b"), 3, 1, 1, Activation.IDENTITY);
        double[][][] skip = projects ? conv(x, b.param("K1s"), b.param("bK1s"), 1, cs[1], 0, Activation.IDENTITY) : x;
        for (int c = 0; c < branch.length; c++) {
          for (int y = 0; y < side; y++) {
            for (int z = 0; z < side; z++) {
              branch[c][y][z] = Math.max(0, branch[c][y][z] + skip[c][y][z]);
            }
          }
        }
        return branch;
      });
    }
  }

  @Test
  void anEmptyTrunkIsTheMlpWithTheSameWeights() {
    ImageShape s = new ImageShape(1, 2, 3);
    Dataset data = ConvFixtures.images(s, 7, 3, rng);
    for (Loss loss : List.of(Loss.mse(), Loss.crossEntropy())) {
      ConvNet c = ConvNet.builder(data, s).architecture(new ConvArchitecture(List.of(), new int[] {5, 4},
          new int[] {3}, Activation.TANH)).blas(new NaiveBlas()).loss(loss).bias(true).lambda(0.03).seed(4).build();
      Mlp m = Mlp.builder(data.x(), data.labels(), 3).blas(new NaiveBlas()).nonlinearWidths(5, 4)
          .linearHiddenWidths(3).activation(Activation.TANH).loss(loss).bias(true).lambda(0.03).seed(9).build();
      assertThat(c.parameters()).hasSameSizeAs(m.parameters());
      for (int q = 0; q < c.parameters().size(); q++) {
        System.arraycopy(c.parameters().get(q).value(), 0, m.parameters().get(q).value(), 0,
            c.parameters().get(q).value().length);
      }
      assertThat(c.objective()).isCloseTo(m.objective(), within(TOL * (1 + Math.abs(m.objective()))));
      assertThat(c.featuresEntering(1).data).containsExactly(data.x().data, within(0.0));
      assertThat(c.featuresEntering(3).data).containsExactly(m.featuresEntering(3).data, within(TOL));
      assertThat(c.preActivation(2).data).containsExactly(m.preActivation(2).data, within(TOL));
      c.lossAndGradient(null, 0, 7);
      m.lossAndGradient(null, 0, 7);
      for (int q = 0; q < c.parameters().size(); q++) {
        assertThat(c.parameters().get(q).grad()).containsExactly(m.parameters().get(q).grad(), within(TOL));
      }
    }
  }

  @Test
  void aChunkedPassEqualsTheWholePass() {
    ImageShape s = new ImageShape(2, 6, 6);
    Dataset data = ConvFixtures.images(s, 9, 3, rng);
    ConvArchitecture arch = ConvArchitecture.resnet(new int[] {2, 3}, 1, new int[] {4}, new int[] {3});
    ConvNet whole = ConvNet.builder(data, s).architecture(arch).blas(new NaiveBlas()).seed(3).build();
    ConvNet chunked = ConvNet.builder(data, s).architecture(arch).blas(new NaiveBlas()).seed(3).maxChunk(4).build();
    assertThat(chunked.chunk()).isEqualTo(4);
    assertThat(chunked.evaluate().objective()).isCloseTo(whole.evaluate().objective(), within(TOL));
    assertThat(chunked.penultimateFeatures().data).containsExactly(whole.penultimateFeatures().data, within(TOL));
    whole.lossAndGradient(null, 0, 9);
    chunked.lossAndGradient(null, 0, 9);
    for (int q = 0; q < whole.parameters().size(); q++) {
      assertThat(chunked.parameters().get(q).grad()).containsExactly(whole.parameters().get(q).grad(), within(TOL));
    }
  }
}
