package ncverify.impl.model;

import java.util.SplittableRandom;
import ncverify.impl.backend.Backends;
import ncverify.impl.backend.Blas;
import ncverify.impl.loss.CrossEntropyLoss;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;

/**
 * Unconstrained features model ([SELI], THEORY.md section 2): free features H (d x N), classifier
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
    super(bd.blas, bd.labels, bd.k, new int[] {bd.d, bd.k}, new Activation[] {Activation.IDENTITY},
        0.0, bd.bias, bd.loss, bd.resolvedNormalization(), null, bd.lambdaH, new double[] {bd.lambdaW});
    SplittableRandom rng = new SplittableRandom(bd.seed);
    gaussian(featureParameter(), bd.initStd, rng);
    gaussian(weightParameter(1), bd.initStd, rng);
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

  /** Settings of a {@link Ufm}. */
  public static final class Builder {
    private final int d;
    private final int[] labels;
    private final int k;
    private Blas blas = Backends.best();
    private boolean bias = false;
    private Loss loss = Loss.crossEntropy();
    private Normalization normalization = null;
    private double lambdaW = 0.0;
    private double lambdaH = 0.0;
    private double initStd = 0.1;
    private long seed = 0L;

    private Builder(int d, int[] labels, int k) {
      if (labels == null) {
        throw new InvalidInputException("UFM needs labels");
      }
      this.d = d;
      this.labels = labels;
      this.k = k;
    }

    Normalization resolvedNormalization() {
      if (normalization != null) {
        return normalization;
      }
      return loss instanceof CrossEntropyLoss ? Normalization.SUM : Normalization.MEAN;
    }

    /** Backend (default {@link Backends#best()}). */
    public Builder blas(Blas v) {
      blas = v;
      return this;
    }

    /** Unregularized bias b (default false). */
    public Builder bias(boolean v) {
      bias = v;
      return this;
    }

    /** Data loss (default cross-entropy). */
    public Builder loss(Loss v) {
      loss = v;
      return this;
    }

    /** Sum or mean (default: SUM for CE [SELI], MEAN for MSE [DUFM]). */
    public Builder normalization(Normalization v) {
      normalization = v;
      return this;
    }

    /** lambda_W = lambda_H = v ([SELI]'s single ridge). */
    public Builder lambda(double v) {
      lambdaW = v;
      lambdaH = v;
      return this;
    }

    /** Ridge on W (default 0). */
    public Builder lambdaW(double v) {
      lambdaW = v;
      return this;
    }

    /** Ridge on H (default 0). */
    public Builder lambdaH(double v) {
      lambdaH = v;
      return this;
    }

    /** Standard deviation of the init entries (default 0.1). */
    public Builder initStd(double v) {
      initStd = v;
      return this;
    }

    /** Init seed (default 0). */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Ufm build() {
      return new Ufm(this);
    }
  }
}
