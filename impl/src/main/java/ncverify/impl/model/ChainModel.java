package ncverify.impl.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.Blas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.MseLoss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * The layer-chain engine shared by every model: Z_0 = input (fixed data or free features),
 * Z_l = act_l(W_l Z_{l-1} + b_l 1^T) for l = 1..L, logits Z_L (K x N), objective
 * F = c sum_i l(z_i, y_i) + sum_P (lambda_P/2)||P||^2 with c = 1 (SUM) or 1/N (MEAN).
 *
 * <p>Activations are stored features x samples (row-major n_l x B). Forward: Z_l = W_l A_{l-1}
 * (dgemm NN); backward: dW_l = dZ_l A_{l-1}^T (NT), dA_{l-1} = W_l^T dZ_l (TN). Batches larger
 * than {@link #CHUNK} columns are processed in chunks with gradients accumulated; buffers are
 * allocated once per capacity and reused, hot loops never allocate. Not thread-safe: one model,
 * one thread.
 */
public abstract class ChainModel implements Model {

  /** Largest number of columns processed at once (bounds the workspace to CHUNK x width). */
  public static final int CHUNK = 2048;

  private final Blas blas;
  private final int n;
  private final int k;
  private final int[] labels;
  private final int[] widths;
  private final Activation[] acts;
  private final double leakySlope;
  private final Loss loss;
  private final Normalization normalization;
  private final double[] fixedInput;
  private final Parameter features;
  private final Parameter[] weights;
  private final Parameter[] biases;
  private final List<Parameter> params;

  private int cap;
  private double[] inBuf;
  private double[][] z;
  private double[][] a;
  private double[] d1;
  private double[] d2;
  private int[] yBuf;
  private int[] colBuf;
  private boolean direct;

  /**
   * @param widths n_0..n_L (n_0 = input dimension, n_L = K)
   * @param acts activation after each layer 1..L (index 0..L-1)
   * @param fixedInput row-major n_0 x N data (not copied), or null for free features
   * @param featureDecay lambda_H of free features (ignored with fixed input)
   * @param weightDecay lambda_l of each W_l
   */
  protected ChainModel(Blas blas, int[] labels, int k, int[] widths, Activation[] acts,
                       double leakySlope, boolean withBias, Loss loss, Normalization normalization,
                       double[] fixedInput, double featureDecay, double[] weightDecay) {
    if (blas == null || loss == null || normalization == null) {
      throw new InvalidInputException("blas, loss and normalization must be given");
    }
    if (k < 2) {
      throw InvalidInputException.of("K = %d classes, need K >= 2", k);
    }
    if (labels == null || labels.length == 0) {
      throw new InvalidInputException("no samples (empty label array)");
    }
    int depth = widths.length - 1;
    if (depth < 1 || acts.length != depth || weightDecay.length != depth) {
      throw InvalidInputException.of("need L >= 1 layers with one activation and one lambda each, "
          + "got %d widths, %d activations, %d lambdas", widths.length, acts.length, weightDecay.length);
    }
    if (widths[depth] != k) {
      throw InvalidInputException.of("last layer width %d differs from K = %d", widths[depth], k);
    }
    for (int l = 0; l <= depth; l++) {
      if (widths[l] < 1) {
        throw InvalidInputException.of("width of layer %d is %d, need >= 1", l, widths[l]);
      }
    }
    checkNonNegative("lambda_H", featureDecay);
    for (int l = 0; l < depth; l++) {
      checkNonNegative("lambda_" + (l + 1), weightDecay[l]);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d", labels[i], i, k - 1);
      }
    }
    this.blas = blas;
    this.n = labels.length;
    this.k = k;
    this.labels = labels.clone();
    this.widths = widths.clone();
    this.acts = acts.clone();
    this.leakySlope = leakySlope;
    this.loss = loss;
    this.normalization = normalization;
    List<Parameter> ps = new ArrayList<>();
    if (fixedInput != null) {
      if (fixedInput.length != widths[0] * n) {
        throw InvalidInputException.of("input has %d entries, expected d x N = %d x %d",
            fixedInput.length, widths[0], n);
      }
      for (int i = 0; i < fixedInput.length; i++) {
        if (!Double.isFinite(fixedInput[i])) {
          throw InvalidInputException.of("input entry (%d, %d) is %s", i / n, i % n, fixedInput[i]);
        }
      }
      this.fixedInput = fixedInput;
      this.features = null;
    } else {
      this.fixedInput = null;
      this.features = new Parameter("H", widths[0], n, featureDecay);
      ps.add(features);
    }
    this.weights = new Parameter[depth];
    this.biases = new Parameter[depth];
    for (int l = 0; l < depth; l++) {
      weights[l] = new Parameter("W" + (l + 1), widths[l + 1], widths[l], weightDecay[l]);
      ps.add(weights[l]);
      if (withBias) {
        biases[l] = new Parameter("b" + (l + 1), widths[l + 1], 1, 0.0);
        ps.add(biases[l]);
      }
    }
    this.params = Collections.unmodifiableList(ps);
  }

  /** The chain with the shared settings of a builder (backend, labels, K, biases, loss, normalization). */
  ChainModel(ModelBuilder<?> bd, int[] widths, Activation[] acts, double leakySlope,
             double[] fixedInput, double featureDecay, double[] weightDecay) {
    this(bd.blas, bd.labels, bd.k, widths, acts, leakySlope, bd.bias, bd.loss,
        bd.resolvedNormalization(), fixedInput, featureDecay, weightDecay);
  }

  private static void checkNonNegative(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw InvalidInputException.of("%s = %s, need a finite value >= 0", what, v);
    }
  }

  /** Fills every entry of p with N(0, std^2) draws from rng, in row-major order. */
  protected static void gaussian(Parameter p, double std, SplittableRandom rng) {
    double[] v = p.value();
    for (int i = 0; i < v.length; i++) {
      v[i] = std * rng.nextGaussian();
    }
  }

  /**
   * Fills the free features H and then W_1..W_L with N(0, std^2) draws from one generator seeded
   * with {@code seed}, each in row-major order (the init of the unconstrained features models).
   */
  void gaussianFreeFeaturesInit(double std, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    gaussian(features, std, rng);
    for (Parameter w : weights) {
      gaussian(w, std, rng);
    }
  }

  /** Free features H (null when the input is fixed data). */
  protected Parameter featureParameter() {
    return features;
  }

  protected Parameter weightParameter(int l) {
    return weights[l - 1];
  }

  /** b_l or null. */
  protected Parameter biasParameter(int l) {
    return biases[l - 1];
  }

  protected Loss loss() {
    return loss;
  }

  protected Normalization normalization() {
    return normalization;
  }

  /** "(1/2)" or "(1/(2N))" style data term for {@link #objectiveFormula()}. */
  protected String dataTermFormula() {
    return dataTermFormula(loss, normalization);
  }

  /** The data term c sum_i l(z_i, y_i) as a formula: "(1/2)||Z_L - Y||^2", "(1/N) sum_i CE(z_i, y_i)", ... */
  public static String dataTermFormula(Loss loss, Normalization normalization) {
    String c = normalization == Normalization.SUM ? "" : "(1/N) ";
    return loss instanceof MseLoss ? c + "(1/2)||Z_L - Y||^2" : c + "sum_i CE(z_i, y_i)";
  }

  /** Blas used for every product. */
  public Blas blas() {
    return blas;
  }

  @Override
  public List<Parameter> parameters() {
    return params;
  }

  @Override
  public int numSamples() {
    return n;
  }

  @Override
  public int numClasses() {
    return k;
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public int depth() {
    return weights.length;
  }

  @Override
  public Activation activation(int l) {
    checkLayer(l);
    return acts[l - 1];
  }

  /** n_0..n_L. */
  public int[] widths() {
    return widths.clone();
  }

  @Override
  public DMatrixRMaj weight(int l) {
    checkLayer(l);
    return weights[l - 1].valueMatrix();
  }

  @Override
  public List<DMatrixRMaj> layerWeights() {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Parameter w : weights) {
      out.add(w.valueMatrix());
    }
    return out;
  }

  /**
   * R_l = G_l + lambda_l W_l, the gradient of the full regularized objective with respect to W_l over all N
   * samples: one full {@link #lossAndGradient} pass (the engine's own backprop, which overwrites the gradient
   * buffers) plus the layer's own weight decay ({@link Parameter#decay()}), as the optimizer applies it.
   */
  @Override
  public DMatrixRMaj objectiveGradient(int l) {
    checkLayer(l);
    lossAndGradient(null, 0, n);
    return weights[l - 1].fullGradMatrix();
  }

  @Override
  public Optional<DMatrixRMaj> bias(int l) {
    checkLayer(l);
    Parameter b = biases[l - 1];
    return b == null ? Optional.empty() : Optional.of(b.valueMatrix());
  }

  private void checkLayer(int l) {
    if (l < 1 || l > weights.length) {
      throw InvalidInputException.of("layer %d is outside 1..%d", l, weights.length);
    }
  }

  @Override
  public double regularization() {
    return Parameter.ridge(params);
  }

  private double[] inputArray() {
    return fixedInput != null ? fixedInput : features.value();
  }

  private void ensureCapacity(int b) {
    int want = Math.min(b, CHUNK);
    if (want <= cap) {
      return;
    }
    cap = want;
    int depth = weights.length;
    inBuf = new double[widths[0] * cap];
    z = new double[depth + 1][];
    a = new double[depth + 1][];
    int maxW = widths[0];
    for (int l = 1; l <= depth; l++) {
      z[l] = new double[widths[l] * cap];
      a[l] = acts[l - 1] == Activation.IDENTITY ? z[l] : new double[widths[l] * cap];
      maxW = Math.max(maxW, widths[l]);
    }
    d1 = new double[maxW * cap];
    d2 = new double[maxW * cap];
    yBuf = new int[cap];
    colBuf = new int[cap];
  }

  /**
   * Forward pass of columns (idx[off..off+b) or off..off+b) through layers 1..upTo; fills yBuf,
   * colBuf, z, a, and inBuf unless the whole input is used in place ({@code direct}).
   */
  private void forward(int[] idx, int off, int b, int upTo) {
    double[] in = inputArray();
    int n0 = widths[0];
    for (int j = 0; j < b; j++) {
      int col = idx == null ? off + j : idx[off + j];
      colBuf[j] = col;
      yBuf[j] = labels[col];
    }
    // The input is used in place only when it is the whole matrix: some BLAS wrappers reject a
    // sub-block whose offset + ld * cols overruns the array even though no element outside is read.
    direct = idx == null && off == 0 && b == n;
    if (idx != null) {
      for (int r = 0; r < n0; r++) {
        int src = r * n;
        int dst = r * b;
        for (int j = 0; j < b; j++) {
          inBuf[dst + j] = in[src + colBuf[j]];
        }
      }
    } else if (!direct) {
      for (int r = 0; r < n0; r++) {
        System.arraycopy(in, r * n + off, inBuf, r * b, b);
      }
    }
    for (int l = 1; l <= upTo; l++) {
      Parameter w = weights[l - 1];
      int rows = widths[l];
      int inner = widths[l - 1];
      if (l == 1) {
        if (direct) {
          blas.dgemm(false, false, rows, b, inner, 1.0, w.value(), 0, inner, in, 0, n, 0.0, z[1], 0, b);
        } else {
          blas.dgemm(false, false, rows, b, inner, 1.0, w.value(), 0, inner, inBuf, 0, b, 0.0, z[1], 0, b);
        }
      } else {
        blas.dgemm(false, false, rows, b, inner, 1.0, w.value(), 0, inner, a[l - 1], 0, b, 0.0, z[l], 0, b);
      }
      Parameter bias = biases[l - 1];
      double[] zl = z[l];
      if (bias != null) {
        BiasOps.addToColumns(zl, bias.value(), rows, b);
      }
      Activation act = acts[l - 1];
      if (act != Activation.IDENTITY) {
        act.applyAll(zl, a[l], rows * b, leakySlope);
      }
    }
  }

  @Override
  public double lossAndGradient(int[] idx, int off, int b) {
    if (b < 1 || (idx == null ? off + b > n : off + b > idx.length) || off < 0) {
      throw InvalidInputException.of("batch [%d, %d) is outside the %d samples", off, off + b,
          idx == null ? n : idx.length);
    }
    ensureCapacity(b);
    double scale = normalization.scale(n, b);
    if (features != null) {
      java.util.Arrays.fill(features.grad(), 0.0);
    }
    double total = 0;
    for (int start = 0; start < b; start += cap) {
      int len = Math.min(cap, b - start);
      forward(idx, off + start, len, weights.length);
      total += backward(len, scale, start == 0 ? 0.0 : 1.0);
    }
    return total;
  }

  /** Backward pass after {@link #forward}; beta = 0 overwrites the weight gradients, 1 accumulates. */
  private double backward(int b, double scale, double beta) {
    int depth = weights.length;
    double[] cur = d1;
    double[] next = d2;
    double value = loss.evaluate(z[depth], k, b, b, yBuf, scale, cur);
    double[] in = inputArray();
    for (int l = depth; l >= 1; l--) {
      int rows = widths[l];
      int inner = widths[l - 1];
      Activation act = acts[l - 1];
      if (act != Activation.IDENTITY) {
        act.multiplyDerivative(cur, z[l], a[l], rows * b, leakySlope);
      }
      Parameter w = weights[l - 1];
      if (l > 1) {
        blas.dgemm(false, true, rows, inner, b, 1.0, cur, 0, b, a[l - 1], 0, b, beta, w.grad(), 0, inner);
      } else if (direct) {
        blas.dgemm(false, true, rows, inner, b, 1.0, cur, 0, b, in, 0, n, beta, w.grad(), 0, inner);
      } else {
        blas.dgemm(false, true, rows, inner, b, 1.0, cur, 0, b, inBuf, 0, b, beta, w.grad(), 0, inner);
      }
      Parameter bias = biases[l - 1];
      if (bias != null) {
        BiasOps.rowSums(cur, rows, b, beta, bias.grad());
      }
      if (l > 1 || features != null) {
        blas.dgemm(true, false, inner, b, rows, 1.0, w.value(), 0, inner, cur, 0, b, 0.0, next, 0, b);
        double[] t = cur;
        cur = next;
        next = t;
      }
    }
    if (features != null) {
      double[] g = features.grad();
      int n0 = widths[0];
      for (int r = 0; r < n0; r++) {
        int dst = r * n;
        int src = r * b;
        for (int j = 0; j < b; j++) {
          g[dst + colBuf[j]] += cur[src + j];
        }
      }
    }
    return value;
  }

  @Override
  public Evaluation evaluate() {
    ensureCapacity(n);
    int depth = weights.length;
    double scale = normalization.scale(n, n);
    double data = 0;
    int wrong = 0;
    for (int start = 0; start < n; start += cap) {
      int len = Math.min(cap, n - start);
      forward(null, start, len, depth);
      double[] zl = z[depth];
      data += loss.evaluate(zl, k, len, len, yBuf, scale, null);
      wrong += Evaluation.misclassified(zl, k, len, yBuf);
    }
    double reg = regularization();
    return new Evaluation(data, reg, data + reg, (double) wrong / n);
  }

  @Override
  public DMatrixRMaj featuresEntering(int l) {
    checkLayer(l);
    if (l == 1) {
      return new DMatrixRMaj(widths[0], n, true, inputArray().clone());
    }
    return collect(l - 1, false);
  }

  @Override
  public DMatrixRMaj preActivation(int l) {
    checkLayer(l);
    return collect(l, true);
  }

  private DMatrixRMaj collect(int l, boolean pre) {
    ensureCapacity(n);
    int rows = widths[l];
    DMatrixRMaj out = new DMatrixRMaj(rows, n);
    for (int start = 0; start < n; start += cap) {
      int len = Math.min(cap, n - start);
      forward(null, start, len, l);
      double[] src = pre ? z[l] : a[l];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, r * len, out.data, r * n + start, len);
      }
    }
    return out;
  }
}
