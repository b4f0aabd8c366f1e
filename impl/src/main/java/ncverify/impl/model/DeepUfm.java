package ncverify.impl.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import ncverify.impl.backend.Backends;
import ncverify.impl.backend.Blas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;

/**
 * Deep unconstrained features model L-DUFM ([DUFM], THEORY.md section 4): free features H_1
 * (d_1 x N), weights W_1..W_L (W_L is K x d_L), ReLU between layers and none on H_1 or the output:
 * Z = W_L s(W_{L-1} ... s(W_1 H_1)).
 *
 * <p>Objective (default MSE, {@link Normalization#MEAN}, no biases):
 * F = (1/(2N))||Z - Y||^2 + sum_l (lambda_l/2)||W_l||^2 + (lambda_H/2)||H_1||^2.
 * With SUM the data term is (1/2)||Z - Y||^2; with cross-entropy it is the (mean of) CE.
 *
 * <p>Widths d_1..d_L (default all d_1). Init: entries N(0, initStd^2), seeded (default 0.1).
 */
public final class DeepUfm extends ChainModel {

  private final String formula;

  private DeepUfm(Builder bd, int[] widths, Activation[] acts, double[] lambdas) {
    super(bd.blas, bd.labels, bd.k, widths, acts, 0.0, bd.bias, bd.loss, bd.normalization, null,
        bd.lambdaH, lambdas);
    SplittableRandom rng = new SplittableRandom(bd.seed);
    gaussian(featureParameter(), bd.initStd, rng);
    for (int l = 1; l < widths.length; l++) {
      gaussian(weightParameter(l), bd.initStd, rng);
    }
    this.formula = dataTermFormula() + " with Z_L = W_L s(...s(W_1 H_1)), s = ReLU"
        + (bd.bias ? " (+ biases)" : "") + " + sum_l (lambda_l/2)||W_l||^2, lambda = "
        + Arrays.toString(lambdas) + ", + (" + bd.lambdaH + "/2)||H_1||^2";
  }

  /** Builder for L layers on d_1-dimensional free features. */
  public static Builder builder(int d1, int layers, int[] labels, int k) {
    return new Builder(d1, layers, labels, k);
  }

  @Override
  public String name() {
    return "deep-ufm";
  }

  @Override
  public String objectiveFormula() {
    return formula;
  }

  /** Settings of a {@link DeepUfm}. */
  public static final class Builder {
    private final int d1;
    private final int layers;
    private final int[] labels;
    private final int k;
    private int[] hiddenWidths;
    private Blas blas = Backends.best();
    private boolean bias = false;
    private Loss loss = Loss.mse();
    private Normalization normalization = Normalization.MEAN;
    private double[] lambdas;
    private double lambdaH = 0.0;
    private double initStd = 0.1;
    private long seed = 0L;

    private Builder(int d1, int layers, int[] labels, int k) {
      if (layers < 1) {
        throw InvalidInputException.of("L = %d layers, need L >= 1", layers);
      }
      if (labels == null) {
        throw new InvalidInputException("deep UFM needs labels");
      }
      this.d1 = d1;
      this.layers = layers;
      this.labels = labels;
      this.k = k;
      this.lambdas = new double[layers];
    }

    /** Backend (default {@link Backends#best()}). */
    public Builder blas(Blas v) {
      blas = v;
      return this;
    }

    /** Widths d_2..d_L of the inputs of layers 2..L (default all d_1). */
    public Builder hiddenWidths(int... v) {
      if (v.length != layers - 1) {
        throw InvalidInputException.of("%d hidden widths given, L - 1 = %d needed", v.length, layers - 1);
      }
      hiddenWidths = v.clone();
      return this;
    }

    /** Unregularized biases (default false, [DUFM] is bias-free). */
    public Builder bias(boolean v) {
      bias = v;
      return this;
    }

    /** Data loss (default MSE). */
    public Builder loss(Loss v) {
      loss = v;
      return this;
    }

    /** Sum or mean (default MEAN, [DUFM]). */
    public Builder normalization(Normalization v) {
      normalization = v;
      return this;
    }

    /** The same lambda_l on every layer and on H_1. */
    public Builder lambda(double v) {
      Arrays.fill(lambdas, v);
      lambdaH = v;
      return this;
    }

    /** lambda_1..lambda_L. */
    public Builder layerLambdas(double... v) {
      if (v.length != layers) {
        throw InvalidInputException.of("%d lambdas given, L = %d needed", v.length, layers);
      }
      lambdas = v.clone();
      return this;
    }

    /** lambda_H on H_1 (default 0). */
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

    public DeepUfm build() {
      int[] widths = new int[layers + 1];
      Activation[] acts = new Activation[layers];
      widths[0] = d1;
      for (int l = 1; l < layers; l++) {
        widths[l] = hiddenWidths == null ? d1 : hiddenWidths[l - 1];
        acts[l - 1] = Activation.RELU;
      }
      widths[layers] = k;
      acts[layers - 1] = Activation.IDENTITY;
      return new DeepUfm(this, widths, acts, lambdas);
    }
  }
}
