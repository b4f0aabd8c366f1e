package ncverify.impl.model.conv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Activation;
import ncverify.theory.InvalidInputException;

/**
 * A convolutional or residual network in the [JSWM] layout (docs/theory.md section 5): a backbone of
 * a convolutional trunk (convolutions, pooling, residual blocks, each convolution and block followed by
 * the activation) and L1' fully connected layers with the activation, then flattening is implicit and a
 * linear head of L2 = {@code headHiddenWidths.length + 1} bias-free linear layers ends in the K logits.
 * Independent of the input shape and of K, which the {@link ConvNet} builder supplies.
 *
 * @param trunk the convolutional stages, input side first (may be empty)
 * @param denseWidths widths of the fully connected nonlinear layers after the trunk
 * @param headHiddenWidths widths of the L2 - 1 hidden linear layers of the head
 * @param activation sigma of every nonlinear layer (not the identity)
 */
public record ConvArchitecture(List<Stage> trunk, int[] denseWidths, int[] headHiddenWidths,
    Activation activation) {

  /** Max or average pooling. */
  public enum Pooling {
    MAX, AVG
  }

  /** One stage of the convolutional trunk. */
  public sealed interface Stage permits Conv, Pool, Residual {

    /** The output shape on an input of shape {@code in}; a one-line error when the stage does not fit. */
    ImageShape output(ImageShape in);
  }

  /**
   * A convolution with {@code channels} kernels of size k x k, stride and zero padding, then sigma.
   */
  public record Conv(int channels, int kernel, int stride, int padding) implements Stage {
    @Override
    public ImageShape output(ImageShape in) {
      return Im2col.outShape(in, channels, kernel, stride, padding, "kernel with padding " + padding);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "conv%dx%d-%d%s%s", kernel, kernel, channels, stride == 1 ? "" : "/s" + stride,
          padding == 0 ? "" : "/p" + padding);
    }
  }

  /** Pooling over size x size windows with a stride. */
  public record Pool(Pooling kind, int size, int stride) implements Stage {
    @Override
    public ImageShape output(ImageShape in) {
      return Im2col.outShape(in, in.channels(), size, stride, 0, "pooling window");
    }

    @Override
    public String toString() {
      return kind.name().toLowerCase(Locale.ROOT) + "pool" + size + (stride == size ? "" : "/s" + stride);
    }
  }

  /** A basic residual block (two 3 x 3 convolutions, identity or 1 x 1 projection skip). */
  public record Residual(int channels, int stride) implements Stage {
    @Override
    public ImageShape output(ImageShape in) {
      return Im2col.outShape(in, channels, 3, stride, 1, "residual block");
    }

    @Override
    public String toString() {
      return "res-" + channels + (stride == 1 ? "" : "/s" + stride);
    }
  }

  public ConvArchitecture {
    if (trunk == null || denseWidths == null || headHiddenWidths == null || activation == null) {
      throw new InvalidInputException("architecture needs a trunk, dense widths, head widths and an activation");
    }
    if (activation == Activation.IDENTITY) {
      throw new InvalidInputException("the backbone needs a nonlinear activation");
    }
    trunk = List.copyOf(trunk);
    denseWidths = denseWidths.clone();
    headHiddenWidths = headHiddenWidths.clone();
    for (int w : denseWidths) {
      requirePositive("dense width", w);
    }
    for (int w : headHiddenWidths) {
      requirePositive("head width", w);
    }
    if (trunk.isEmpty() && denseWidths.length == 0) {
      throw new InvalidInputException("the backbone needs at least one convolution, block or dense layer");
    }
  }

  private static void requirePositive(String what, int v) {
    if (v < 1) {
      throw InvalidInputException.of("%s %d, need >= 1", what, v);
    }
  }

  @Override
  public int[] denseWidths() {
    return denseWidths.clone();
  }

  @Override
  public int[] headHiddenWidths() {
    return headHiddenWidths.clone();
  }

  /** The reference CNN of {@code ncv bench}: conv3x3-16/p1, maxpool2, conv3x3-32/p1, maxpool2, fc128 ReLU, head 64. */
  public static ConvArchitecture reference() {
    return new ConvArchitecture(List.of(new Conv(16, 3, 1, 1), new Pool(Pooling.MAX, 2, 2), new Conv(32, 3, 1, 1),
        new Pool(Pooling.MAX, 2, 2)), new int[] {128}, new int[] {64}, Activation.RELU);
  }

  /**
   * A VGG-style CNN: per entry c of {@code channels}, a 3 x 3 convolution with c channels and padding 1
   * then 2 x 2 max pooling; then the dense layers and the head.
   */
  public static ConvArchitecture cnn(int[] channels, int[] denseWidths, int[] headHiddenWidths) {
    List<Stage> t = new ArrayList<>();
    for (int c : channels) {
      t.add(new Conv(c, 3, 1, 1));
      t.add(new Pool(Pooling.MAX, 2, 2));
    }
    return new ConvArchitecture(t, denseWidths, headHiddenWidths, Activation.RELU);
  }

  /**
   * A ResNet: a 3 x 3 stem convolution with channels[0] channels and padding 1, then per entry c of
   * {@code channels} {@code blocks} residual blocks with c channels (the first block of every entry
   * after the first with stride 2 and a projection skip), then 2 x 2 average pooling, the dense
   * layers and the head.
   */
  public static ConvArchitecture resnet(int[] channels, int blocks, int[] denseWidths, int[] headHiddenWidths) {
    if (channels.length == 0 || blocks < 1) {
      throw InvalidInputException.of("a ResNet needs at least one stage and one block per stage, got %d and %d",
          channels.length, blocks);
    }
    List<Stage> t = new ArrayList<>();
    t.add(new Conv(channels[0], 3, 1, 1));
    for (int i = 0; i < channels.length; i++) {
      for (int j = 0; j < blocks; j++) {
        t.add(new Residual(channels[i], i > 0 && j == 0 ? 2 : 1));
      }
    }
    t.add(new Pool(Pooling.AVG, 2, 2));
    return new ConvArchitecture(t, denseWidths, headHiddenWidths, Activation.RELU);
  }

  /** "resnet" when the trunk has a residual block, else "cnn" (the backbone family of reports). */
  public String family() {
    for (Stage s : trunk) {
      if (s instanceof Residual) {
        return "resnet";
      }
    }
    return "cnn";
  }

  /** The shape of the trunk's output on an input of shape {@code in} (what the first dense layer flattens). */
  public ImageShape trunkOutput(ImageShape in) {
    ImageShape cur = in;
    for (Stage s : trunk) {
      cur = s.output(cur);
    }
    return cur;
  }

  /** L2, the number of linear head layers. */
  public int l2() {
    return headHiddenWidths.length + 1;
  }

  /** The same network with another activation. */
  public ConvArchitecture withActivation(Activation v) {
    return new ConvArchitecture(trunk, denseWidths, headHiddenWidths, v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvArchitecture a && trunk.equals(a.trunk) && Arrays.equals(denseWidths, a.denseWidths)
        && Arrays.equals(headHiddenWidths, a.headHiddenWidths) && activation == a.activation;
  }

  @Override
  public int hashCode() {
    return trunk.hashCode() * 31 + Arrays.hashCode(denseWidths) * 7 + Arrays.hashCode(headHiddenWidths)
        + activation.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(family()).append('(');
    for (Stage s : trunk) {
      b.append(s).append(' ');
    }
    for (int w : denseWidths) {
      b.append("fc").append(w).append(' ');
    }
    b.append(activation.name().toLowerCase(Locale.ROOT)).append(", head L2=").append(l2());
    if (headHiddenWidths.length > 0) {
      b.append(' ').append(Arrays.toString(headHiddenWidths));
    }
    return b.append(')').toString();
  }
}
