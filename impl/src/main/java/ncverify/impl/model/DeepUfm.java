package ncverify.impl.model;

import java.util.Arrays;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;

/**
 * Deep unconstrained features model L-DUFM ([DUFM], docs/theory.md section 4): free features H_1
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
    super(bd, widths, acts, 0.0, null, bd.lambdaH, lambdas);
    gaussianFreeFeaturesInit(bd.initStd, bd.seed);
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

  /**
   * Settings of a {@link DeepUfm}: defaults loss MSE, normalization MEAN ([DUFM]), no biases
   * ([DUFM] is bias-free), every lambda_l = lambda_H = 0, widths all d_1, initStd 0.1, seed 0.
   */
  public static final class Builder extends FreeFeaturesBuilder<Builder> {
    private double[] lambdas;

    private Builder(int d1, int layers, int[] labels, int k) {
      super(d1, layers, labels, k, Loss.mse(), Normalization.MEAN, "L", "deep UFM");
      this.lambdas = new double[layers];
    }

    /** Widths d_2..d_L of the inputs of layers 2..L (default all d_1). */
    public Builder hiddenWidths(int... v) {
      setHiddenWidths(v);
      return this;
    }

    /** The same lambda_l on every layer and on H_1. */
    public Builder lambda(double v) {
      Arrays.fill(lambdas, v);
      return lambdaH(v);
    }

    /** lambda_1..lambda_L. */
    public Builder layerLambdas(double... v) {
      if (v.length != layers) {
        throw InvalidInputException.of("%d lambdas given, L = %d needed", v.length, layers);
      }
      lambdas = v.clone();
      return this;
    }

    @Override
    public DeepUfm build() {
      int[] widths = widths();
      Activation[] acts = new Activation[layers];
      Arrays.fill(acts, 0, layers - 1, Activation.RELU);
      acts[layers - 1] = Activation.IDENTITY;
      return new DeepUfm(this, widths, acts, lambdas);
    }
  }
}
