package ncverify.properties.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Activation;
import ncverify.impl.model.conv.ConvArchitecture;
import ncverify.impl.model.conv.ConvArchitecture.Conv;
import ncverify.impl.model.conv.ConvArchitecture.Pool;
import ncverify.impl.model.conv.ConvArchitecture.Pooling;
import ncverify.impl.model.conv.ConvArchitecture.Residual;
import ncverify.impl.model.conv.ConvArchitecture.Stage;
import ncverify.properties.engine.Gen;
import ncverify.theory.InvalidInputException;

/**
 * Generators of convolutional and residual backbones in the [JSWM] layout (docs/theory.md section 5: any
 * backbone, then a linear head of L2 layers) and of the image shapes they read. A CNN is 1..maxStages
 * stages of a convolution (kernel 3, 1, 2 or 5; same or no padding) that may halve the image once, by a
 * stride of 2 or by a following 2 x 2 max or average pooling; a ResNet is a 3 x 3 stem and 1..maxStages
 * basic residual blocks (stride 1 or 2: identity skips and 1 x 1 projections both occur). Then 0..maxDense
 * fully connected layers and the head, all with one activation. Every stage is drawn so that it fits the
 * shape it receives and keeps it at least 2 x 2 (a convolution that would not becomes 1 x 1 with stride 1,
 * no halving below 4 x 4), so that the head sees enough features to fit the classes.
 * Shrinks toward the simplest network: a CNN of one 3 x 3 same-padded convolution with the fewest
 * channels, no pooling, no dense layer, ReLU, the smallest head.
 */
public final class ConvGens {

  /** Kernel sizes of generated convolutions, simplest first. */
  static final Integer[] KERNELS = {3, 1, 2, 5};

  private ConvGens() {
  }

  /** A convolutional backbone with the image shape it reads; the family is "cnn" or "resnet". */
  public record ConvShape(ImageShape input, ConvArchitecture arch) {

    public String family() {
      return arch.family();
    }

    /** L2, the number of linear head layers. */
    public int l2() {
      return arch.l2();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s on %s", arch, input);
    }
  }

  /** Image shapes C x S x S with C in 1..maxChannels and S in [minSide, maxSide]; shrinks toward 1 x minSide. */
  public static Gen<ImageShape> imageShapes(int maxChannels, int minSide, int maxSide) {
    if (maxChannels < 1 || minSide < 1 || maxSide < minSide) {
      throw InvalidInputException.of("image shapes need maxChannels >= 1 and 1 <= minSide <= maxSide, got %d, %d, %d",
          maxChannels, minSide, maxSide);
    }
    return Gen.tuple(Gen.integers(1, maxChannels), Gen.integers(minSide, maxSide))
        .map(t -> new ImageShape(t.first(), t.second(), t.second()));
  }

  /**
   * Backbones for K classes on inputs from {@code inputs}: a CNN or a ResNet (one in two) of 1..maxStages
   * stages with channels among the powers of two in [2, maxChannels], then 0..maxDense dense layers and a
   * head of L2 from {@code headDepths} layers, the dense and hidden head widths powers of two in
   * [max(K, 4), maxWidth] (never below K, so the head keeps rank K).
   */
  public static Gen<ConvShape> convNets(int k, Gen<ImageShape> inputs, int maxStages, int maxChannels, int maxDense,
      int maxWidth, Gen<Integer> headDepths) {
    if (k < 2 || maxStages < 1 || maxChannels < 2 || maxDense < 0) {
      throw InvalidInputException.of("conv nets need K >= 2, maxStages >= 1, maxChannels >= 2 and maxDense >= 0,"
          + " got %d, %d, %d, %d", k, maxStages, maxChannels, maxDense);
    }
    int lo = Integer.highestOneBit(Math.max(4, k));
    lo = lo < k ? lo << 1 : lo;
    int wideLo = Math.min(lo, Integer.highestOneBit(Math.max(2, maxWidth)));
    Gen<Integer> widths = ArchitectureGens.widths(wideLo, Math.max(wideLo, Integer.highestOneBit(Math.max(2, maxWidth))));
    Gen<Integer> channels = ArchitectureGens.widths(2, Integer.highestOneBit(maxChannels));
    return s -> {
      ImageShape in = inputs.generate(s);
      boolean resnet = Gen.integers(0, 1).generate(s) == 1;
      int stages = Gen.integers(1, maxStages).generate(s);
      List<Stage> trunk = new ArrayList<>();
      ImageShape cur = in;
      if (resnet) {
        Stage stem = new Conv(channels.generate(s), 3, 1, 1);
        trunk.add(stem);
        cur = stem.output(cur);
      }
      for (int i = 0; i < stages; i++) {
        int c = channels.generate(s);
        // at most one halving per stage (a stride of 2 or a pooling), and never below 2 x 2
        int halving = Gen.integers(0, 3).generate(s);
        if (Math.min(cur.height(), cur.width()) < 4) {
          halving = 0;
        }
        if (resnet) {
          Stage block = new Residual(c, halving > 0 ? 2 : 1);
          trunk.add(block);
          cur = block.output(cur);
          continue;
        }
        int kernel = Gen.elements(KERNELS).generate(s);
        boolean same = Gen.integers(0, 1).generate(s) == 0;
        Stage conv = new Conv(c, kernel, halving == 1 ? 2 : 1, same ? kernel / 2 : 0);
        if (!fits(conv, cur) || Math.min(conv.output(cur).height(), conv.output(cur).width()) < 2 && halving == 1) {
          conv = new Conv(c, 1, 1, 0);
        }
        trunk.add(conv);
        cur = conv.output(cur);
        if (halving > 1 && Math.min(cur.height(), cur.width()) >= 4) {
          Stage p = new Pool(halving == 2 ? Pooling.MAX : Pooling.AVG, 2, 2);
          trunk.add(p);
          cur = p.output(cur);
        }
      }
      int dense = Gen.integers(0, maxDense).generate(s);
      int[] denseWidths = new int[dense];
      for (int i = 0; i < dense; i++) {
        denseWidths[i] = widths.generate(s);
      }
      Activation act = ArchitectureGens.activations().generate(s);
      int l2 = headDepths.generate(s);
      int[] head = new int[l2 - 1];
      int hw = l2 > 1 ? widths.generate(s) : wideLo;
      java.util.Arrays.fill(head, hw);
      return new ConvShape(in, new ConvArchitecture(trunk, denseWidths, head, act));
    };
  }

  private static boolean fits(Stage st, ImageShape in) {
    try {
      st.output(in);
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }
}
