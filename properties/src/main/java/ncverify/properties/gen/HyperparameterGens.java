package ncverify.properties.gen;

import ncverify.impl.loss.Loss;
import ncverify.properties.engine.Gen;
import ncverify.theory.InvalidInputException;

/**
 * Generators of training hyperparameters: the loss (MSE of [JSWM]/[DLN]/[DUFM] or cross-entropy of
 * [SELI]), weight decays lambda and learning rates eta log-uniform across orders of magnitude, and
 * seeds. Shrinking goes toward MSE, the smallest lambda and eta of the range and seed 0.
 */
public final class HyperparameterGens {

  private HyperparameterGens() {
  }

  /** The data losses, MSE first (simplest). */
  public enum LossKind {
    MSE, CROSS_ENTROPY;

    /** The impl loss. */
    public Loss loss() {
      return this == MSE ? Loss.mse() : Loss.crossEntropy();
    }
  }

  /** MSE or cross-entropy; shrinks toward MSE. */
  public static Gen<LossKind> losses() {
    return Gen.elements(LossKind.values());
  }

  /** Weight decays log-uniform in [lo, hi] (0 &lt; lo &lt;= hi); shrinks toward lo; edges lo, hi. */
  public static Gen<Double> lambdas(double lo, double hi) {
    return Gen.logDoubles(lo, hi);
  }

  /** Weight decays across four orders of magnitude, 1e-5..1e-1. */
  public static Gen<Double> lambdas() {
    return lambdas(1e-5, 1e-1);
  }

  /** Learning rates log-uniform in [lo, hi]; shrinks toward lo. */
  public static Gen<Double> learningRates(double lo, double hi) {
    return Gen.logDoubles(lo, hi);
  }

  /**
   * Learning rates for which plain GD on a problem with Hessian scale {@code curvature} is stable:
   * log-uniform in [fractionLo, fractionHi] x 2 / curvature (0 &lt; fractionLo &lt;= fractionHi &lt;= 1).
   */
  public static Gen<Double> stableLearningRates(double curvature, double fractionLo, double fractionHi) {
    if (!(curvature > 0) || !(fractionLo > 0) || fractionHi < fractionLo || fractionHi > 1) {
      throw InvalidInputException.of("need curvature > 0 and 0 < lo <= hi <= 1, got %s, %s, %s", curvature,
          fractionLo, fractionHi);
    }
    return Gen.logDoubles(fractionLo, fractionHi).map(f -> f * 2.0 / curvature);
  }

  /** Seeds in [0, 2^62); shrink toward 0. */
  public static Gen<Long> seeds() {
    return Gen.longs(0, Long.MAX_VALUE / 2);
  }
}
