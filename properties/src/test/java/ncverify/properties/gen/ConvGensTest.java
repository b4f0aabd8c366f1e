package ncverify.properties.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.ImageShape;
import ncverify.impl.data.ImageTemplates;
import ncverify.impl.model.Activation;
import ncverify.impl.model.conv.ConvArchitecture;
import ncverify.impl.model.conv.ConvArchitecture.Conv;
import ncverify.impl.model.conv.ConvArchitecture.Pool;
import ncverify.impl.model.conv.ConvArchitecture.Residual;
import ncverify.impl.model.conv.ConvArchitecture.Stage;
import ncverify.impl.model.conv.ConvNet;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.Gen;
import ncverify.properties.gen.ConvGens.ConvShape;
import ncverify.theory.linalg.blas.NaiveBlas;
import org.junit.jupiter.api.Test;

/** Generated conv/residual backbones build, cover every layer kind and edge case, and shrink to the simplest. */
class ConvGensTest {

  private static final int DRAWS = 200;
  private static final int K = 3;

  private static Gen<ConvShape> nets() {
    return ConvGens.convNets(K, ConvGens.imageShapes(2, 4, 9), 3, 8, 1, 16, ArchitectureGens.headDepths(1, 3));
  }

  @Test
  void everyDrawBuildsAndTheDrawsCoverEveryLayerKind() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < DRAWS; seed++) {
      ConvShape c = nets().generate(new ChoiceSource(Mode.RANDOM, seed));
      ConvArchitecture a = c.arch();
      Dataset d = new ImageTemplates(c.input(), 1, 0.1, ClassSizes.balanced(K, 2), seed).generate();
      ConvNet net = ConvNet.builder(d, c.input()).architecture(a).blas(new NaiveBlas()).build();
      assertThat(net.depth()).as("%s", c).isEqualTo(a.denseWidths().length + a.l2());
      for (int w : a.headHiddenWidths()) {
        assertThat(w).as("head width of %s", c).isGreaterThanOrEqualTo(K);
      }
      seen.add(c.family());
      seen.add("L2=" + a.l2());
      seen.add("dense=" + a.denseWidths().length);
      seen.add(a.activation().name());
      ImageShape cur = c.input();
      for (Stage s : a.trunk()) {
        ImageShape next = s.output(cur);
        if (s instanceof Conv conv) {
          seen.add("kernel " + conv.kernel());
          seen.add("conv stride " + conv.stride());
          seen.add(conv.padding() > 0 ? "padded" : "unpadded");
        } else if (s instanceof Pool p) {
          seen.add(p.kind() + " pool");
        } else if (s instanceof Residual r) {
          seen.add(r.channels() == cur.channels() && r.stride() == 1 ? "identity skip" : "projection skip");
          seen.add("block stride " + r.stride());
        }
        cur = next;
      }
    }
    assertThat(seen).contains("cnn", "resnet", "L2=1", "L2=2", "L2=3", "dense=0", "dense=1", "RELU", "LEAKY_RELU",
        "TANH", "kernel 1", "kernel 2", "kernel 3", "kernel 5", "conv stride 1", "conv stride 2", "padded",
        "unpadded", "MAX pool", "AVG pool", "identity skip", "projection skip", "block stride 1", "block stride 2");
  }

  @Test
  void shrinksToOneSamePaddedConvolutionWithReluAndTheSmallestHead() {
    ConvShape c = nets().generate(new ChoiceSource(Mode.ZERO, 0));
    assertThat(c.input()).isEqualTo(new ImageShape(1, 4, 4));
    assertThat(c.family()).isEqualTo("cnn");
    assertThat(c.arch().trunk()).containsExactly(new Conv(2, 3, 1, 1));
    assertThat(c.arch().denseWidths()).isEmpty();
    assertThat(c.arch().activation()).isEqualTo(Activation.RELU);
    assertThat(c.l2()).isEqualTo(1);
  }

  @Test
  void everyStageFitsEvenOnOnePixelImages() {
    // on 1 x 1 images a 3 x 3 or 5 x 5 convolution without padding cannot fit: it is drawn 1 x 1 instead
    Gen<ConvShape> tiny = ConvGens.convNets(K, Gen.constant(new ImageShape(1, 1, 1)), 2, 4, 0, 4,
        ArchitectureGens.headDepths(2, 2));
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      ConvShape c = tiny.generate(new ChoiceSource(Mode.RANDOM, rng.nextLong()));
      assertThat(c.arch().trunkOutput(c.input()).pixels()).as("%s", c).isPositive();
    }
  }
}
