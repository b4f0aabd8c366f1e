package ncverify.impl.model.conv;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Init;
import ncverify.impl.model.Parameter;

/**
 * One layer of a {@link ConvNet}, acting on a batch of B images stored channel-major and batch-minor:
 * a C x H x W x B array, entry (c, y, x, j) at ((c H + y) W + x) B + j. Read as a matrix it is the
 * (C H W) x B block of the data X (docs/theory.md section 0) with the PyTorch flattening order, so
 * flattening is free and a dense layer acts on it directly. Each layer owns its output and workspace
 * buffers (allocated once per capacity); not thread-safe.
 */
interface Layer {

  ImageShape inShape();

  ImageShape outShape();

  /** Trainable tensors in a fixed order. */
  List<Parameter> parameters();

  /**
   * Draws every weight from N(0, std^2) with the rule's std for its fan-in and fan-out times
   * {@code scale}, in layer order from {@code rng}; biases stay 0.
   */
  void initialize(Init init, double scale, SplittableRandom rng);

  /** Makes room for batches of up to {@code cap} images. */
  void reserve(int cap);

  /**
   * The output of the layer on the b images of {@code in} (inShape().size() x b): the layer's own
   * buffer (outShape().size() x b), valid until the next forward pass.
   */
  double[] forward(double[] in, int b);

  /**
   * Backward after {@code forward(in, b)}: {@code dOut} (overwritten) holds dF/d(output); the
   * parameter gradients are written (beta = 0) or added (beta = 1); dF/d(in) is written into
   * {@code dIn} unless it is null.
   */
  void backward(double[] in, double[] dOut, int b, double beta, double[] dIn);

  /** Numbers held per image of the batch in outputs and workspaces (sizes the chunks of a pass). */
  long entriesPerImage();

  /**
   * After {@code forward(in, b)}: the distance of that pass from the points where the layer is not
   * differentiable (the smallest |z| entering a ReLU or leaky ReLU, the smallest gap between the two
   * largest entries of a max-pooling window; infinity for smooth layers). Finite-difference checks
   * need it well above their step.
   */
  double kinkDistance(double[] in, int b);

  /** Short description, e.g. {@code conv3x3-16/s1/p1 relu}. */
  String describe();
}
