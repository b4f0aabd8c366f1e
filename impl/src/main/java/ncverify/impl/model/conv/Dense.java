package ncverify.impl.model.conv;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import ncverify.impl.data.ImageShape;
import ncverify.impl.model.Activation;
import ncverify.impl.model.Init;
import ncverify.impl.model.Parameter;
import ncverify.theory.linalg.blas.Blas;

/**
 * A fully connected layer Z_l = sigma(W_l Z_{l-1} + b_l 1^T) on the flattened input (any C x H x W
 * input is read as its (C H W) x B matrix, the flattening of {@link Layer}), W_l of size
 * n_l x C H W. With the identity it is a layer of the linear head of [JSWM] (docs/theory.md section 5).
 */
final class Dense extends ShapedLayer {

  private final AffineMap map;

  Dense(Blas blas, String name, ImageShape in, int width, boolean withBias, double decay, Activation act,
      double slope) {
    super(in, ImageShape.flat(width));
    this.map = new AffineMap(blas, name, width, in.size(), withBias, decay, act, slope);
  }

  Parameter weight() {
    return map.weight();
  }

  /** The bias or null. */
  Parameter bias() {
    return map.bias();
  }

  Activation activation() {
    return map.activation();
  }

  /** The pre-activation of the last forward pass (n_l x b). */
  double[] preActivation() {
    return map.preActivation();
  }

  @Override
  public List<Parameter> parameters() {
    return map.parameters();
  }

  @Override
  public void initialize(Init init, double scale, SplittableRandom rng) {
    map.initialize(init, out.size(), scale, rng);
  }

  @Override
  public void reserve(int b) {
    map.reserve(b);
  }

  @Override
  public double[] forward(double[] x, int b) {
    return map.forward(x, b);
  }

  @Override
  public void backward(double[] x, double[] dOut, int b, double beta, double[] dIn) {
    map.backward(x, dOut, b, beta, dIn);
  }

  @Override
  public double kinkDistance(double[] x, int b) {
    return map.kinkDistance(b);
  }

  @Override
  public long entriesPerImage() {
    return (long) out.size() * (map.activation() == Activation.IDENTITY ? 1 : 2);
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "fc%d %s", out.size(), map.activation().name().toLowerCase(Locale.ROOT));
  }
}
