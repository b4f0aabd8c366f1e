package ncverify.impl.model.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.model.Activation;
import ncverify.impl.model.BiasOps;
import ncverify.impl.model.Init;
import ncverify.impl.model.Parameter;
import ncverify.theory.linalg.blas.Blas;

/**
 * The affine core shared by dense and convolutional layers: A = sigma(W X + b 1^T) for W (rows x
 * inner), X (inner x cols) and an optional unregularized bias b; a dense layer applies it to the
 * batch (cols = B), a convolution to the im2col matrix of the batch (cols = H_out W_out B). Forward
 * is one dgemm NN; backward, with G = dA * sigma'(Z), is dW = G X^T (NT), db = G 1, dX = W^T G (TN).
 * Buffers are allocated once per capacity; not thread-safe.
 */
final class AffineMap {

  private final Blas blas;
  private final int rows;
  private final int inner;
  private final Activation act;
  private final double slope;
  private final Parameter weight;
  private final Parameter bias;
  private int cap;
  private double[] z;
  private double[] a;

  /**
   * @param name parameter name of W (a dense layer's "W3" has the bias "b3", a kernel "K2" the bias "bK2")
   * @param decay lambda of the regularizer (lambda/2)||W||^2
   */
  AffineMap(Blas blas, String name, int rows, int inner, boolean withBias, double decay, Activation act,
      double slope) {
    this.blas = blas;
    this.rows = rows;
    this.inner = inner;
    this.act = act;
    this.slope = slope;
    this.weight = new Parameter(name, rows, inner, decay);
    this.bias = withBias ? new Parameter(name.startsWith("W") ? "b" + name.substring(1) : "b" + name, rows, 1, 0.0) : null;
  }

  Parameter weight() {
    return weight;
  }

  /** The bias or null. */
  Parameter bias() {
    return bias;
  }

  Activation activation() {
    return act;
  }

  /** W, then b if present. */
  List<Parameter> parameters() {
    List<Parameter> ps = new ArrayList<>();
    ps.add(weight);
    if (bias != null) {
      ps.add(bias);
    }
    return Collections.unmodifiableList(ps);
  }

  /**
   * Fills W with N(0, std^2) entries in row-major order, std = {@code init.std(fanOut, inner, scale)}
   * (fan-in = the inner dimension: C_in k^2 for a convolution); the bias stays 0.
   */
  void initialize(Init init, int fanOut, double scale, SplittableRandom rng) {
    double std = init.std(fanOut, inner, scale);
    double[] v = weight.value();
    for (int i = 0; i < v.length; i++) {
      v[i] = std * rng.nextGaussian();
    }
  }

  /** Makes room for up to {@code cols} columns. */
  void reserve(int cols) {
    if (cols <= cap) {
      return;
    }
    cap = cols;
    z = new double[rows * cols];
    a = act == Activation.IDENTITY ? z : new double[rows * cols];
  }

  /** Z = W X + b 1^T and A = sigma(Z) on {@code cols} columns of x (leading dimension cols); returns A. */
  double[] forward(double[] x, int cols) {
    blas.dgemm(false, false, rows, cols, inner, 1.0, weight.value(), 0, inner, x, 0, cols, 0.0, z, 0, cols);
    if (bias != null) {
      BiasOps.addToColumns(z, bias.value(), rows, cols);
    }
    if (act != Activation.IDENTITY) {
      act.applyAll(z, a, rows * cols, slope);
    }
    return a;
  }

  /** The smallest |z| of the last forward pass on {@code cols} columns entering a kinked activation. */
  double kinkDistance(int cols) {
    return kinkDistance(act, z, rows * cols);
  }

  /** min |z[i]| over i < len when sigma is ReLU or leaky ReLU, else infinity. */
  static double kinkDistance(Activation act, double[] z, int len) {
    if (act != Activation.RELU && act != Activation.LEAKY_RELU) {
      return Double.POSITIVE_INFINITY;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < len; i++) {
      best = Math.min(best, Math.abs(z[i]));
    }
    return best;
  }

  /** The pre-activation Z of the last forward pass (rows x cols, leading dimension cols). */
  double[] preActivation() {
    return z;
  }

  /**
   * Backward after {@link #forward}(x, cols): dA becomes G = dA * sigma'(Z) in place (unchanged for
   * the identity); dW (and db) are written (beta = 0) or added (beta = 1); dX = W^T G is written
   * unless {@code dx} is null. {@code dx} may be the array {@code x}: it is written after the last
   * read of x.
   */
  void backward(double[] x, double[] dA, int cols, double beta, double[] dx) {
    if (act != Activation.IDENTITY) {
      act.multiplyDerivative(dA, z, a, rows * cols, slope);
    }
    blas.dgemm(false, true, rows, inner, cols, 1.0, dA, 0, cols, x, 0, cols, beta, weight.grad(), 0, inner);
    if (bias != null) {
      BiasOps.rowSums(dA, rows, cols, beta, bias.grad());
    }
    if (dx != null) {
      blas.dgemm(true, false, inner, cols, rows, 1.0, weight.value(), 0, inner, dA, 0, cols, 0.0, dx, 0, cols);
    }
  }
}
