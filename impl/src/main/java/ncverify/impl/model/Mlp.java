package ncverify.impl.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * The [JSWM] architecture (docs/theory.md section 5): a backbone of L1 nonlinear layers
 * Z_l = sigma(W_l Z_{l-1} + b_l), Z_0 = X (d x N), then a head of L2 >= 1 linear layers
 * Z_l = W_l Z_{l-1} + b_l, the last one giving K logits. Biases are optional and never regularized.
 *
 * <p>Objective (default MSE, {@link Normalization#SUM}, as in [JSWM] section 5):
 * F = (1/2)||Z_L - Y||^2 + (lambda/2) sum_l ||W_l||^2. With MEAN the data term is
 * (1/(2N))||Z_L - Y||^2; with cross-entropy it is sum_i CE(z_i, y_i) (or its mean).
 *
 * <p>Init: W_l entries N(0, std^2) with std from {@link Init} (default He for ReLU / leaky ReLU,
 * Glorot for tanh) times a scale, biases 0, seeded.
 */
public final class Mlp extends ChainModel {

  private final String formula;

  private Mlp(Builder bd, double[] x, int[] widths, Activation[] acts) {
    super(bd, widths, acts, bd.leakySlope, x, 0.0, filled(widths.length - 1, bd.lambda));
    Init init = bd.init != null ? bd.init : (bd.activation == Activation.TANH ? Init.GLOROT : Init.HE);
    SplittableRandom rng = new SplittableRandom(bd.seed);
    for (int l = 1; l < widths.length; l++) {
      gaussian(weightParameter(l), init.std(widths[l], widths[l - 1], bd.initScale), rng);
    }
    this.formula = dataTermFormula() + " + (" + bd.lambda + "/2) sum_{l=1.." + (widths.length - 1)
        + "} ||W_l||^2";
  }

  static double[] filled(int len, double v) {
    double[] out = new double[len];
    Arrays.fill(out, v);
    return out;
  }

  /** Starts a builder; the input X is d x N (columns = samples) and is not copied. */
  public static Builder builder(DMatrixRMaj x, int[] labels, int k) {
    return new Builder(x, labels, k);
  }

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public String objectiveFormula() {
    return formula;
  }

  /**
   * Settings of an {@link Mlp}; every field has a documented default (loss MSE, normalization SUM
   * as in [JSWM] section 5, no biases, seed 0).
   */
  public static final class Builder extends ModelBuilder<Builder> {
    private final DMatrixRMaj x;
    private int[] nonlinearWidths = {};
    private int[] linearHiddenWidths = {};
    private Activation activation = Activation.RELU;
    private double leakySlope = Activation.DEFAULT_LEAKY_SLOPE;
    private Init init = null;
    private double initScale = 1.0;
    private double lambda = 0.0;

    private Builder(DMatrixRMaj x, int[] labels, int k) {
      super(labels, k, Loss.mse(), Normalization.SUM);
      if (x == null || labels == null) {
        throw new InvalidInputException("MLP needs data X and labels");
      }
      if (x.numCols != labels.length) {
        throw InvalidInputException.of("X has %d columns (samples) but there are %d labels",
            x.numCols, labels.length);
      }
      this.x = x;
    }

    /** Widths of the L1 nonlinear layers (default none). */
    public Builder nonlinearWidths(int... v) {
      nonlinearWidths = v.clone();
      return this;
    }

    /** Widths of the hidden linear layers before the K-output layer: L2 = this length + 1 (default 0). */
    public Builder linearHiddenWidths(int... v) {
      linearHiddenWidths = v.clone();
      return this;
    }

    /** Activation of the nonlinear layers (default ReLU). */
    public Builder activation(Activation v) {
      if (v == Activation.IDENTITY) {
        throw new InvalidInputException("nonlinear layers need a nonlinear activation");
      }
      activation = v;
      return this;
    }

    /** Leaky ReLU negative slope (default 0.01). */
    public Builder leakySlope(double v) {
      leakySlope = v;
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

    /** Weight decay lambda on every W_l (default 0). */
    public Builder lambda(double v) {
      lambda = v;
      return this;
    }

    @Override
    public Mlp build() {
      int l1 = nonlinearWidths.length;
      int depth = l1 + linearHiddenWidths.length + 1;
      int[] widths = new int[depth + 1];
      Activation[] acts = new Activation[depth];
      widths[0] = x.numRows;
      for (int l = 0; l < l1; l++) {
        widths[l + 1] = nonlinearWidths[l];
        acts[l] = activation;
      }
      for (int l = 0; l < linearHiddenWidths.length; l++) {
        widths[l1 + l + 1] = linearHiddenWidths[l];
        acts[l1 + l] = Activation.IDENTITY;
      }
      widths[depth] = k;
      acts[depth - 1] = Activation.IDENTITY;
      if (!(initScale > 0) || Double.isInfinite(initScale)) {
        throw InvalidInputException.of("init scale %s, need a finite value > 0", initScale);
      }
      int size = x.numRows * x.numCols;
      double[] data = x.data.length == size ? x.data : Arrays.copyOf(x.data, size);
      return new Mlp(this, data, widths, acts);
    }
  }
}
