package ncverify.impl.model;

import ncverify.impl.loss.CrossEntropyLoss;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;

/**
 * Unconstrained features model ([SELI], docs/theory.md section 2): free features H (d x N), classifier
 * W (K x d), optional unregularized bias b, logits Z = W H (+ b 1^T).
 *
 * <p>Objective with cross-entropy (default {@link Normalization#SUM}, [SELI]):
 * F = sum_i CE(z_i, y_i) + (lambda_W/2)||W||^2 + (lambda_H/2)||H||^2 (lambda_W = lambda_H = lambda
 * in the paper). With MSE (default {@link Normalization#MEAN}, the L = 1 case of [DUFM] section 4):
 * F = (1/(2N))||W H - Y||^2 + (lambda_W/2)||W||^2 + (lambda_H/2)||H||^2.
 * The other normalization replaces the sum by the mean or vice versa.
 *
 * <p>Init: entries of H and W are N(0, initStd^2), seeded (default initStd 0.1).
 */
public final class Ufm extends ChainModel {

  private final String formula;

  private Ufm(Builder bd) {
    super(bd, bd.widths(), new Activation[] {Activation.IDENTITY}, 0.0, null, bd.lambdaH,
        new double[] {bd.lambdaW});
    gaussianFreeFeaturesInit(bd.initStd, bd.seed);
    this.formula = dataTermFormula() + " with Z_L = W H" + (bd.bias ? " + b 1^T" : "") + " + ("
        + bd.lambdaW + "/2)||W||^2 + (" + bd.lambdaH + "/2)||H||^2";
  }

  /** Starts a builder for d-dimensional free features of the labelled samples. */
  public static Builder builder(int d, int[] labels, int k) {
    return new Builder(d, labels, k);
  }

  @Override
  public String name() {
    return "ufm";
  }

  @Override
  public String objectiveFormula() {
    return formula;
  }

  /**
   * Settings of a {@link Ufm}: defaults loss cross-entropy, normalization SUM for CE [SELI] and MEAN
   * for MSE [DUFM] unless set, no bias, lambda_W = lambda_H = 0, initStd 0.1, seed 0.
   */
  public static final class Builder extends FreeFeaturesBuilder<Builder> {
    private double lambdaW = 0.0;

    private Builder(int d, int[] labels, int k) {
      super(d, 1, labels, k, Loss.crossEntropy(), null, "L", "UFM");
    }

    @Override
    Normalization resolvedNormalization() {
      if (normalization != null) {
        return normalization;
      }
      return loss instanceof CrossEntropyLoss ? Normalization.SUM : Normalization.MEAN;
    }

    /** lambda_W = lambda_H = v ([SELI]'s single ridge). */
    public Builder lambda(double v) {
      lambdaW = v;
      return lambdaH(v);
    }

    /** Ridge on W (default 0). */
    public Builder lambdaW(double v) {
      lambdaW = v;
      return this;
    }

    @Override
    public Ufm build() {
      return new Ufm(this);
    }
  }
}
