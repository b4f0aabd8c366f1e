package ncverify.impl.model;

import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;

/**
 * Deep linear unconstrained features model ([DLN], docs/theory.md section 3): free features H (d x N)
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
    super(bd, widths, identities(widths.length - 1), 0.0, null, bd.lambdaH,
        Mlp.filled(widths.length - 1, bd.lambdaW));
    gaussianFreeFeaturesInit(bd.initStd, bd.seed);
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

  /**
   * Settings of a {@link DeepLinearUfm}: defaults loss MSE, normalization MEAN ([DLN]), no biases
   * ([DLN] is bias-free), lambda_W = lambda_H = 0, hidden widths all d, initStd 0.1, seed 0.
   */
  public static final class Builder extends FreeFeaturesBuilder<Builder> {
    private double lambdaW = 0.0;

    private Builder(int d, int layers, int[] labels, int k) {
      super(d, layers, labels, k, Loss.mse(), Normalization.MEAN, "M", "deep linear UFM");
    }

    /** Widths d_1..d_{M-1} of the hidden layers (default all d). */
    public Builder hiddenWidths(int... v) {
      setHiddenWidths(v);
      return this;
    }

    /** lambda_W on every W_m (default 0). */
    public Builder lambdaW(double v) {
      lambdaW = v;
      return this;
    }

    @Override
    public DeepLinearUfm build() {
      return new DeepLinearUfm(this, widths());
    }
  }
}
