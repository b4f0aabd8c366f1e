package ncverify.reports.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.conv.ConvArchitecture;
import ncverify.impl.model.conv.ConvNet;
import ncverify.theory.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * The flags of {@code ncv train --model cnn|resnet} (a picocli mixin of {@link TrainCommand}): the
 * convolutional stages, residual blocks per stage, the width of the head's hidden layers and the image
 * shape of the synthetic data, turned into a {@link ConvArchitecture}.
 */
final class ConvOptions {

  /** Default channels of the convolutional stages (those of the reference CNN). */
  static final int[] DEFAULT_CHANNELS = {16, 32};
  /** Default width of the fully connected nonlinear layers. */
  static final int DEFAULT_WIDTH = 128;
  /** Default width of the hidden linear layers of the head. */
  static final int DEFAULT_HEAD_WIDTH = 64;
  /** Default factor on the He init. */
  static final double DEFAULT_INIT_SCALE = 0.5;
  /** Default image shape of the synthetic class templates. */
  static final String DEFAULT_IMAGE = "1x12x12";

  @Option(names = "--channels", paramLabel = "C1,C2,...",
      description = "cnn/resnet: channels of the convolutional stages. cnn: a 3x3 convolution (padding 1) and 2x2 max"
          + " pooling per entry; resnet: a 3x3 stem with C1 channels, then --blocks residual blocks per entry (stride 2"
          + " and a 1x1 projection skip from the second entry on) and 2x2 average pooling. Default 16,32.")
  String channels;

  @Option(names = "--blocks", paramLabel = "B", description = "resnet: residual blocks per stage. Default 1.")
  Integer blocks;

  @Option(names = "--head-width", paramLabel = "W",
      description = "cnn/resnet: width of the hidden layers of the linear head. Default " + DEFAULT_HEAD_WIDTH + ".")
  Integer headWidth;

  @Option(names = "--init-scale", paramLabel = "S",
      description = "cnn/resnet: factor on the He init standard deviations (1 keeps the variance of ReLU layers;"
          + " the smaller default keeps the first MSE steps stable at the default learning rate). Default "
          + DEFAULT_INIT_SCALE + ".")
  Double initScale;

  @Option(names = "--image", paramLabel = "CxHxW",
      description = "cnn/resnet with --data gaussian: shape of the class-template images. Default " + DEFAULT_IMAGE + ".")
  String image;

  /** Whether {@code kind} is a convolutional model. */
  static boolean isConv(String kind) {
    return kind.equals("cnn") || kind.equals("resnet");
  }

  /** Refuses these flags for a model that does not use them. */
  void checkUnused(String kind) {
    if (!isConv(kind) && (channels != null || blocks != null || headWidth != null || image != null
        || initScale != null)) {
      throw InvalidInputException.of("--channels, --blocks, --head-width, --init-scale and --image apply to cnn and"
          + " resnet, not %s", kind);
    }
    if (kind.equals("cnn") && blocks != null) {
      throw new InvalidInputException("--blocks applies to resnet (the cnn has one convolution per stage)");
    }
  }

  /**
   * The architecture: the stages of {@code --channels}, {@code denseLayers} fully connected ReLU layers of
   * {@code width}, and a linear head of {@code l2} layers whose hidden widths are {@code --head-width}.
   */
  ConvArchitecture architecture(String kind, int denseLayers, int width, int l2) {
    int[] ch = channelList();
    int b = blocks != null ? blocks : 1;
    if (b < 1) {
      throw InvalidInputException.of("--blocks must be >= 1, got %d", b);
    }
    int hw = headWidth != null ? headWidth : DEFAULT_HEAD_WIDTH;
    if (hw < 1) {
      throw InvalidInputException.of("--head-width must be >= 1, got %d", hw);
    }
    int[] dense = new int[denseLayers];
    Arrays.fill(dense, width);
    int[] head = new int[l2 - 1];
    Arrays.fill(head, hw);
    return kind.equals("cnn") ? ConvArchitecture.cnn(ch, dense, head) : ConvArchitecture.resnet(ch, b, dense, head);
  }

  private int[] channelList() {
    if (channels == null) {
      return DEFAULT_CHANNELS.clone();
    }
    int[] out = parseInts(channels, ",", "--channels", "16,32");
    for (int c : out) {
      if (c < 1) {
        throw InvalidInputException.of("--channels: every stage needs >= 1 channel, got %d", c);
      }
    }
    return out;
  }

  /** The factor on the He init (--init-scale). */
  double initScale() {
    double s = initScale != null ? initScale : DEFAULT_INIT_SCALE;
    if (!(s > 0) || Double.isInfinite(s)) {
      throw InvalidInputException.of("--init-scale must be a finite value > 0, got %s", s);
    }
    return s;
  }

  /** The image shape of --image (synthetic data). */
  ImageShape imageShape() {
    int[] v = parseInts(image != null ? image : DEFAULT_IMAGE, "x", "--image", "1x12x12");
    if (v.length != 3) {
      throw InvalidInputException.of("--image needs CxHxW (e.g. 1x12x12), got '%s'", image);
    }
    return new ImageShape(v[0], v[1], v[2]);
  }

  private static int[] parseInts(String s, String sep, String flag, String example) {
    String[] parts = s.split(sep, -1);
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("%s: '%s' is not a whole number (expected e.g. %s)", flag, parts[i], example);
      }
    }
    return out;
  }

  /** The network's part of {@code config}: architecture, family, image shape and one line per layer. */
  static Map<String, Object> config(ConvNet net) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("architecture", net.architecture().toString());
    c.put("family", net.architecture().family());
    c.put("image_shape", net.imageShape().toString());
    c.put("layers_summary", net.layerSummary());
    c.put("images_per_pass", net.chunk());
    c.put("init", "he x " + net.initScale());
    return c;
  }
}
