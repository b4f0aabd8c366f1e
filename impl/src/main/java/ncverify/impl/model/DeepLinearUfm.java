package ncverify.impl.model;

import java.util.SplittableRandom;
import ncverify.impl.backend.Backends;
import ncverify.impl.backend.Blas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;

/**
 * Deep linear unconstrained features model ([DLN], THEORY.md section 3): free features H (d x N)
 * and M linear layers, logits Z = W_M ... W_1 H (no biases unless asked for).
 *
 * <p>Objective (default MSE, {@link Normalization#MEAN}):
 * F = (1/(2N))||W_M...W_1 H - Y||^2 + (lambda_W/2) sum_m ||W_m||^2 + (lambda_H/2)||H||^2.
 * With SUM the data term is (1/2)||.||^2; with cross-entropy it is the (mean of) CE.
 *
 * <p>Widths: H is d x N, hidden widths d_1..d_{M-1} (default all d), W_M is K x d_{M-1}.
 * Init: entries N(0, initStd^2), seeded (default 0.1).
 */
public final class DeepLinearUfm extends ChainModel {

  private final String formula;

  private DeepLinearUfm(Builder bd, int[] widths) {
    super(bd.blas, bd.labels, bd.k, widths, identities(widths.length - 1), 0.0, bd.bias, bd.loss,
        bd.normalization, null, bd.lambdaH, Mlp.filled(widths.length - 1, bd.lambdaW));
    SplittableRandom rng = new SplittableRandom(bd.seed);
    gaussian(featureParameter(), bd.initStd, rng);
    for (int l = 1; l < widths.length; l++) {
      gaussian(weightParameter(l), bd.initStd, rng);
    }
    int m = widths.length - 1;
    this.formula = dataTermFormula() + " with Z_L = W_" + m + "...W_1 H" + (bd.bias ? " (+ biases)" : "")
        + " + (" + bd.lambdaW + "/2) sum_{m=1.." + m + "} ||W_m||^2 + (" + bd.lambdaH + "/2)||H||^2";
  }

  static Activation[] identities(int len) {
    Activation[] a = new Activation[len];
    java.util.Arrays.fill(a, Activation.IDENTITY);
    return a;
  }

  /** Builder for M layers on d-dimensional free features. */
  public static Builder builder(int d, int layers, int[] labels, int k) {
    return new Builder(d, layers, labels, k);
  }

  @Override
  public String name() {
    return "deep-linear-ufm";
  }

  @Override
  public String objectiveFormula() {
    return formula;
  }

  /** Settings of a {@link DeepLinearUfm}. */
  public static final class Builder {
    private final int d;
    private final int layers;
    private final int[] labels;
    private final int k;
    private int[] hiddenWidths;
    private Blas blas = Backends.best();
    private boolean bias = false;
    private Loss loss = Loss.mse();
    private Normalization normalization = Normalization.MEAN;
    private double lambdaW = 0.0;
    private double lambdaH = 0.0;
    private double initStd = 0.1;
    private long seed = 0L;

    private Builder(int d, int layers, int[] labels, int k) {
      if (layers < 1) {
        throw InvalidInputException.of("M = %d layers, need M >= 1", layers);
      }
      if (labels == null) {
        throw new InvalidInputException("deep linear UFM needs labels");
      }
      this.d = d;
      this.layers = layers;
      this.labels = labels;
      this.k = k;
    }

    /** Backend (default {@link Backends#best()}). */
    public Builder blas(Blas v) {
      blas = v;
      return this;
    }

    /** Widths d_1..d_{M-1} of the hidden layers (default all d). */
    public Builder hiddenWidths(int... v) {
      if (v.length != layers - 1) {
        throw InvalidInputException.of("%d hidden widths given, M - 1 = %d needed", v.length, layers - 1);
      }
      hiddenWidths = v.clone();
      return this;
    }

    /** Unregularized biases (default false, [DLN] is bias-free). */
    public Builder bias(boolean v) {
      bias = v;
      return this;
    }

    /** Data loss (default MSE). */
    public Builder loss(Loss v) {
      loss = v;
      return this;
    }

    /** Sum or mean (default MEAN, [DLN]). */
    public Builder normalization(Normalization v) {
      normalization = v;
      return this;
    }

    /** lambda_W on every W_m (default 0). */
    public Builder lambdaW(double v) {
      lambdaW = v;
      return this;
    }

    /** lambda_H on H (default 0). */
    public Builder lambdaH(double v) {
      lambdaH = v;
      return this;
    }

    /** Init standard deviation (default 0.1). */
    public Builder initStd(double v) {
      initStd = v;
      return this;
    }

    /** Init seed (default 0). */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public DeepLinearUfm build() {
      int[] widths = new int[layers + 1];
      widths[0] = d;
      for (int l = 1; l < layers; l++) {
        widths[l] = hiddenWidths == null ? d : hiddenWidths[l - 1];
      }
      widths[layers] = k;
      return new DeepLinearUfm(this, widths);
    }
  }
}
