package ncverify.impl.model.conv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.ImageShape;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Activation;
import ncverify.impl.model.ChainModel;
import ncverify.impl.model.Evaluation;
import ncverify.impl.model.Init;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import org.ejml.data.DMatrixRMaj;

/**
 * A convolutional or residual network in the [JSWM] layout (docs/theory.md section 5) trained on
 * images: the backbone is the convolutional trunk of a {@link ConvArchitecture} followed by its fully
 * connected nonlinear layers, then the linear head of L2 layers gives the K logits Z_L. Objective (MSE
 * and {@link Normalization#SUM} by default, as the MLP): F = (1/2)||Z_L - Y||^2 + (lambda/2) (sum of
 * ||K||^2 over every convolution kernel + sum_l ||W_l||^2 over the dense layers); biases are never
 * regularized. No batch normalization: it would change the objective the theorem is about.
 *
 * <p>The {@link Model} view: the layers 1..L of {@link #depth()}, {@link #weight(int)},
 * {@link #featuresEntering(int)} are the dense layers (the nonlinear fully connected ones, then the
 * head), and Z_0 = {@code featuresEntering(1)} is the flattened output of the convolutional trunk
 * (the input X when the trunk is empty), which training changes through the kernels: every kernel
 * and bias is in {@link #parameters()}, input side first. The [JSWM] head quantities are therefore
 * read exactly as for the MLP.
 *
 * <p>Images are columns of X (C H W x N, see {@link ImageShape}); a pass over B images runs in chunks
 * of at most {@link #chunk()} images so that the workspace stays below {@link #WORKSPACE_ENTRIES}
 * numbers, accumulating the gradients. Not thread-safe.
 */
public final class ConvNet implements Model {

  /** Largest number of doubles held in activations and workspaces at once (2^24, 128 MiB). */
  public static final long WORKSPACE_ENTRIES = 1L << 24;

  private final ConvArchitecture arch;
  private final ImageShape shape;
  private final Blas blas;
  private final int n;
  private final int k;
  private final int[] labels;
  /** X^T, N x d: one image per row, so that gathering a batch reads contiguous images. */
  private final double[] xt;
  private final List<Layer> layers;
  private final List<Dense> dense;
  private final int firstDense;
  private final Loss loss;
  private final Normalization normalization;
  private final List<Parameter> params;
  private final String formula;
  private final int chunk;
  private final double initScale;

  private int cap;
  private double[] inBuf;
  private double[][] outs;
  private double[] g1;
  private double[] g2;
  private int[] yBuf;

  private ConvNet(Builder bd) {
    this.arch = bd.arch;
    this.shape = bd.shape;
    this.blas = bd.blas;
    this.labels = bd.data.labels();
    this.n = labels.length;
    this.k = bd.data.k();
    this.xt = transpose(bd.data.x());
    this.loss = bd.loss;
    this.normalization = bd.normalization;
    List<Layer> ls = new ArrayList<>();
    ImageShape cur = shape;
    int conv = 0;
    for (ConvArchitecture.Stage st : arch.trunk()) {
      Layer layer;
      boolean b = bd.bias || bd.backboneBias;
      if (st instanceof ConvArchitecture.Conv c) {
        layer = new Conv2d(blas, "K" + (++conv), cur, c.channels(), c.kernel(), c.stride(), c.padding(), b, bd.lambda,
            arch.activation(), bd.leakySlope);
      } else if (st instanceof ConvArchitecture.Pool p) {
        layer = new Pool2d(p.kind(), cur, p.size(), p.stride());
      } else {
        ConvArchitecture.Residual r = (ConvArchitecture.Residual) st;
        layer = new ResidualBlock(blas, "K" + (++conv), cur, r.channels(), r.stride(), b, bd.lambda, arch.activation(),
            bd.leakySlope);
      }
      ls.add(layer);
      cur = layer.outShape();
    }
    this.firstDense = ls.size();
    List<Dense> ds = new ArrayList<>();
    int l = 0;
    for (int w : arch.denseWidths()) {
      ds.add(new Dense(blas, "W" + (++l), cur, w, bd.bias || bd.backboneBias, bd.lambda, arch.activation(),
          bd.leakySlope));
      cur = ds.get(ds.size() - 1).outShape();
    }
    int[] head = arch.headHiddenWidths();
    for (int i = 0; i <= head.length; i++) {
      int w = i < head.length ? head[i] : k;
      ds.add(new Dense(blas, "W" + (++l), cur, w, bd.bias, bd.lambda, Activation.IDENTITY, bd.leakySlope));
      cur = ds.get(ds.size() - 1).outShape();
    }
    ls.addAll(ds);
    this.layers = List.copyOf(ls);
    this.dense = List.copyOf(ds);
    List<Parameter> ps = new ArrayList<>();
    long perImage = shape.size();
    long widest = shape.size();
    for (Layer layer : layers) {
      ps.addAll(layer.parameters());
      perImage += layer.entriesPerImage();
      widest = Math.max(widest, layer.outShape().size());
    }
    perImage += 2 * widest;
    this.params = Collections.unmodifiableList(ps);
    this.chunk = (int) Math.max(1, Math.min(Math.min(n, bd.maxChunk), WORKSPACE_ENTRIES / perImage));
    this.initScale = bd.initScale;
    Init init = bd.init != null ? bd.init : (arch.activation() == Activation.TANH ? Init.GLOROT : Init.HE);
    SplittableRandom rng = new SplittableRandom(bd.seed);
    for (Layer layer : layers) {
      layer.initialize(init, bd.initScale, rng);
    }
    this.formula = ChainModel.dataTermFormula(loss, normalization) + " + (" + bd.lambda
        + "/2) (sum over the conv kernels ||K||^2 + sum_{l=1.." + dense.size() + "} ||W_l||^2)";
  }

  /** Starts a builder for images of the given shape (the data's X is C H W x N and is not copied). */
  public static Builder builder(Dataset data, ImageShape shape) {
    return new Builder(data, shape);
  }

  @Override
  public String name() {
    return arch.family();
  }

  @Override
  public String objectiveFormula() {
    return formula;
  }

  public ConvArchitecture architecture() {
    return arch;
  }

  public ImageShape imageShape() {
    return shape;
  }

  /** Blas used for every product. */
  public Blas blas() {
    return blas;
  }

  /** The factor on the init standard deviations it was built with. */
  public double initScale() {
    return initScale;
  }

  /** Images per forward/backward pass (a larger batch is processed in chunks of this size). */
  public int chunk() {
    return chunk;
  }

  /** One line per layer, input side first: {@code 1x28x28 -> conv3x3-16/s1/p1 relu -> 16x28x28}. */
  public List<String> layerSummary() {
    List<String> out = new ArrayList<>();
    for (Layer layer : layers) {
      out.add(layer.inShape() + " -> " + layer.describe() + " -> " + layer.outShape());
    }
    return out;
  }

  /** The convolution kernels (C_out x C_in k^2 each), input side first, with their names. */
  public List<Parameter> kernels() {
    List<Parameter> out = new ArrayList<>();
    for (Parameter p : params) {
      if (p.name().startsWith("K")) {
        out.add(p);
      }
    }
    return out;
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
    return dense.size();
  }

  @Override
  public Activation activation(int l) {
    return dense(l).activation();
  }

  @Override
  public DMatrixRMaj weight(int l) {
    return dense(l).weight().valueMatrix();
  }

  @Override
  public List<DMatrixRMaj> layerWeights() {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Dense d : dense) {
      out.add(d.weight().valueMatrix());
    }
    return out;
  }

  @Override
  public Optional<DMatrixRMaj> bias(int l) {
    Parameter b = dense(l).bias();
    return b == null ? Optional.empty() : Optional.of(b.valueMatrix());
  }

  private Dense dense(int l) {
    if (l < 1 || l > dense.size()) {
      throw InvalidInputException.of("layer %d is outside 1..%d", l, dense.size());
    }
    return dense.get(l - 1);
  }

  /** {@inheritDoc} Layer l is the dense layer l (see the class comment). */
  @Override
  public DMatrixRMaj objectiveGradient(int l) {
    Parameter w = dense(l).weight();
    lossAndGradient(null, 0, n);
    return w.fullGradMatrix();
  }

  @Override
  public double regularization() {
    return Parameter.ridge(params);
  }

  private void ensureCapacity(int b) {
    if (b <= cap) {
      return;
    }
    cap = b;
    inBuf = new double[shape.size() * b];
    outs = new double[layers.size()][];
    int widest = shape.size();
    for (Layer layer : layers) {
      layer.reserve(b);
      widest = Math.max(widest, layer.outShape().size());
    }
    g1 = new double[widest * b];
    g2 = new double[widest * b];
    yBuf = new int[b];
  }

  private static double[] transpose(DMatrixRMaj x) {
    int d = x.numRows;
    int cols = x.numCols;
    double[] t = new double[d * cols];
    for (int r = 0; r < d; r++) {
      for (int i = 0; i < cols; i++) {
        t[i * d + r] = x.data[r * cols + i];
      }
    }
    return t;
  }

  /** Gathers the columns (idx[off..off+b) or off..off+b) and runs layers 0..upTo-1. */
  private void forward(int[] idx, int off, int b, int upTo) {
    int d = shape.size();
    for (int j = 0; j < b; j++) {
      int col = idx == null ? off + j : idx[off + j];
      yBuf[j] = labels[col];
      int src = col * d;
      for (int r = 0; r < d; r++) {
        inBuf[r * b + j] = xt[src + r];
      }
    }
    double[] cur = inBuf;
    for (int i = 0; i < upTo; i++) {
      cur = layers.get(i).forward(cur, b);
      outs[i] = cur;
    }
  }

  @Override
  public double lossAndGradient(int[] idx, int off, int b) {
    if (b < 1 || off < 0 || (idx == null ? off + b > n : off + b > idx.length)) {
      throw InvalidInputException.of("batch [%d, %d) is outside the %d samples", off, off + b,
          idx == null ? n : idx.length);
    }
    double scale = normalization.scale(n, b);
    double total = 0;
    int last = layers.size() - 1;
    for (int start = 0; start < b; start += chunk) {
      int len = Math.min(chunk, b - start);
      ensureCapacity(len);
      forward(idx, off + start, len, layers.size());
      total += loss.evaluate(outs[last], k, len, len, yBuf, scale, g1);
      double beta = start == 0 ? 0.0 : 1.0;
      double[] cur = g1;
      double[] next = g2;
      for (int i = last; i >= 0; i--) {
        layers.get(i).backward(i == 0 ? inBuf : outs[i - 1], cur, len, beta, i == 0 ? null : next);
        double[] t = cur;
        cur = next;
        next = t;
      }
    }
    return total;
  }

  @Override
  public Evaluation evaluate() {
    double scale = normalization.scale(n, n);
    double data = 0;
    int wrong = 0;
    int last = layers.size() - 1;
    for (int start = 0; start < n; start += chunk) {
      int len = Math.min(chunk, n - start);
      ensureCapacity(len);
      forward(null, start, len, layers.size());
      data += loss.evaluate(outs[last], k, len, len, yBuf, scale, null);
      wrong += Evaluation.misclassified(outs[last], k, len, yBuf);
    }
    double reg = regularization();
    return new Evaluation(data, reg, data + reg, (double) wrong / n);
  }

  /**
   * The distance of a full pass over the data from the points where the objective is not
   * differentiable (the smallest |z| entering a ReLU, the smallest gap in a max-pooling window; see
   * {@link Layer#kinkDistance}): finite differences with a much smaller step are meaningful.
   */
  double kinkDistance() {
    double best = Double.POSITIVE_INFINITY;
    for (int start = 0; start < n; start += chunk) {
      int len = Math.min(chunk, n - start);
      ensureCapacity(len);
      forward(null, start, len, layers.size());
      for (int i = 0; i < layers.size(); i++) {
        best = Math.min(best, layers.get(i).kinkDistance(i == 0 ? inBuf : outs[i - 1], len));
      }
    }
    return best;
  }

  @Override
  public DMatrixRMaj featuresEntering(int l) {
    dense(l);
    int producer = firstDense + l - 2;
    if (producer < 0) {
      DMatrixRMaj out = new DMatrixRMaj(n, shape.size(), true, xt.clone());
      return org.ejml.dense.row.CommonOps_DDRM.transpose(out, null);
    }
    return collect(producer, layers.get(producer).outShape().size(), false);
  }

  @Override
  public DMatrixRMaj preActivation(int l) {
    return collect(firstDense + l - 1, dense(l).outShape().size(), true);
  }

  /** The output (or, for a dense layer, the pre-activation) of layer index i on every sample. */
  private DMatrixRMaj collect(int i, int rows, boolean pre) {
    DMatrixRMaj out = new DMatrixRMaj(rows, n);
    for (int start = 0; start < n; start += chunk) {
      int len = Math.min(chunk, n - start);
      ensureCapacity(len);
      forward(null, start, len, i + 1);
      double[] src = pre ? ((Dense) layers.get(i)).preActivation() : outs[i];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, r * len, out.data, r * n + start, len);
      }
    }
    return out;
  }

  /**
   * Settings of a {@link ConvNet}; defaults: {@link ConvArchitecture#reference()}, loss MSE,
   * normalization SUM (as [JSWM] section 5), no biases, lambda 0, He init (Glorot for tanh) times 1,
   * seed 0, the best backend.
   */
  public static final class Builder {
    private final Dataset data;
    private final ImageShape shape;
    private ConvArchitecture arch = ConvArchitecture.reference();
    private Blas blas;
    private boolean bias;
    private boolean backboneBias;
    private Loss loss = Loss.mse();
    private Normalization normalization = Normalization.SUM;
    private double lambda;
    private Init init;
    private double initScale = 1.0;
    private double leakySlope = Activation.DEFAULT_LEAKY_SLOPE;
    private long seed;
    private int maxChunk = Integer.MAX_VALUE;

    private Builder(Dataset data, ImageShape shape) {
      if (data == null || shape == null) {
        throw new InvalidInputException("a convolutional network needs data and an image shape");
      }
      if (data.dim() != shape.size()) {
        throw InvalidInputException.of("the data have %d entries per sample but a %s image has %d", data.dim(), shape,
            shape.size());
      }
      this.data = data;
      this.shape = shape;
    }

    /** The network (default {@link ConvArchitecture#reference()}). */
    public Builder architecture(ConvArchitecture v) {
      arch = v;
      return this;
    }

    /** Backend for every product (default {@link Backends#best()}). */
    public Builder blas(Blas v) {
      blas = v;
      return this;
    }

    /** Unregularized biases in every layer, the head included (default false). */
    public Builder bias(boolean v) {
      bias = v;
      return this;
    }

    /** Unregularized biases in the backbone only (convolutions and dense nonlinear layers; default false). */
    public Builder backboneBias(boolean v) {
      backboneBias = v;
      return this;
    }

    /** Data loss (default MSE). */
    public Builder loss(Loss v) {
      loss = v;
      return this;
    }

    /** Sum (default) or mean over samples of the data term. */
    public Builder normalization(Normalization v) {
      normalization = v;
      return this;
    }

    /** Weight decay lambda on every kernel and dense weight (default 0). */
    public Builder lambda(double v) {
      lambda = v;
      return this;
    }

    /** Init rule (default He for ReLU / leaky ReLU, Glorot for tanh). */
    public Builder init(Init v) {
      init = v;
      return this;
    }

    /** Multiplies every init standard deviation (default 1). */
    public Builder initScale(double v) {
      initScale = v;
      return this;
    }

    /** Leaky ReLU negative slope (default 0.01). */
    public Builder leakySlope(double v) {
      leakySlope = v;
      return this;
    }

    /** Seed of the initialization (default 0). */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Caps the images per pass below what the workspace allows (tests of the chunked passes). */
    Builder maxChunk(int v) {
      maxChunk = v;
      return this;
    }

    public ConvNet build() {
      if (arch == null || loss == null || normalization == null) {
        throw new InvalidInputException("architecture, loss and normalization must be given");
      }
      if (!(lambda >= 0) || Double.isInfinite(lambda)) {
        throw InvalidInputException.of("lambda = %s, need a finite value >= 0", lambda);
      }
      if (!(initScale > 0) || Double.isInfinite(initScale)) {
        throw InvalidInputException.of("init scale %s, need a finite value > 0", initScale);
      }
      if (blas == null) {
        blas = Backends.best();
      }
      return new ConvNet(this);
    }
  }
}
