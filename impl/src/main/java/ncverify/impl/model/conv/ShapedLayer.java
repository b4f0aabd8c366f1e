package ncverify.impl.model.conv;

import ncverify.impl.data.ImageShape;

/** A {@link Layer} with fixed input and output shapes. */
abstract class ShapedLayer implements Layer {

  /** The input shape. */
  protected final ImageShape in;
  /** The output shape. */
  protected final ImageShape out;

  ShapedLayer(ImageShape in, ImageShape out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public final ImageShape inShape() {
    return in;
  }

  @Override
  public final ImageShape outShape() {
    return out;
  }
}
