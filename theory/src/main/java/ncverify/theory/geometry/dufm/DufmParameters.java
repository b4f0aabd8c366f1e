package ncverify.theory.geometry.dufm;

import java.util.Arrays;
import ncverify.theory.InvalidInputException;

/**
 * The data of an L-DUFM instance [DUFM] (docs/theory.md section 4): K balanced classes of n samples each
 * (N = K n, Y = I_K kron 1_n^T), depth L (number of weight matrices W_1..W_L) and the regularizers
 * lambda_1..lambda_L (one per weight matrix) and lambda_H (free features H_1).
 *
 * @param numClasses K >= 2
 * @param depth L >= 1
 * @param samplesPerClass n >= 1
 * @param lambdas lambda_1..lambda_L, each finite and > 0 (defensively copied)
 * @param lambdaH lambda_H, finite and > 0
 */
public record DufmParameters(int numClasses, int depth, int samplesPerClass, double[] lambdas, double lambdaH) {

  public DufmParameters {
    if (numClasses < 2) {
      throw InvalidInputException.of("number of classes K = %d must be at least 2", numClasses);
    }
    if (depth < 1) {
      throw InvalidInputException.of("depth L = %d must be at least 1", depth);
    }
    if (samplesPerClass < 1) {
      throw InvalidInputException.of("samples per class n = %d must be at least 1", samplesPerClass);
    }
    if (lambdas == null || lambdas.length != depth) {
      throw InvalidInputException.of("expected %d layer regularizers lambda_1..lambda_L, got %d",
          depth, lambdas == null ? 0 : lambdas.length);
    }
    for (int l = 0; l < depth; l++) {
      checkLambda("lambda_" + (l + 1), lambdas[l]);
    }
    checkLambda("lambda_H", lambdaH);
    lambdas = lambdas.clone();
  }

  /** The same regularizer lambda for every W_l and for H_1. */
  public static DufmParameters uniform(int numClasses, int depth, int samplesPerClass, double lambda) {
    if (depth < 1) {
      throw InvalidInputException.of("depth L = %d must be at least 1", depth);
    }
    double[] ls = new double[depth];
    Arrays.fill(ls, lambda);
    return new DufmParameters(numClasses, depth, samplesPerClass, ls, lambda);
  }

  /**
   * Parameters from a list of regularizers: one value (used for every W_l and H_1) or L + 1 values
   * (lambda_1..lambda_L, then lambda_H).
   */
  public static DufmParameters of(int numClasses, int depth, int samplesPerClass, double... lambdas) {
    if (lambdas == null || lambdas.length == 0) {
      throw InvalidInputException.of("no regularizer given");
    }
    if (lambdas.length == 1) {
      return uniform(numClasses, depth, samplesPerClass, lambdas[0]);
    }
    if (lambdas.length != depth + 1) {
      throw InvalidInputException.of(
          "expected 1 or L + 1 = %d regularizers (lambda_1..lambda_L, lambda_H), got %d",
          depth + 1, lambdas.length);
    }
    return new DufmParameters(numClasses, depth, samplesPerClass,
        Arrays.copyOf(lambdas, depth), lambdas[depth]);
  }

  private static void checkLambda(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw InvalidInputException.of("regularizer %s = %s must be finite and > 0", name, value);
    }
  }

  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** lambda_l for l in 1..L. */
  public double lambda(int l) {
    return lambdas[l - 1];
  }

  /** N = K n. */
  public int numSamples() {
    return numClasses * samplesPerClass;
  }

  /** Labels of Y = I_K kron 1_n^T: sample i belongs to class i / n. */
  public int[] labels() {
    int[] y = new int[numSamples()];
    for (int i = 0; i < y.length; i++) {
      y[i] = i / samplesPerClass;
    }
    return y;
  }

  /** n lambda_H prod_l lambda_l, the product entering C_DNC. */
  public double regularizerProduct() {
    double p = samplesPerClass * lambdaH;
    for (double l : lambdas) {
      p *= l;
    }
    return p;
  }

  /**
   * The equivalent one-sample-per-class instance: for collapsed features (every column of a class
   * equal) the n-sample objective equals the 1-sample objective with lambda_H replaced by n lambda_H.
   */
  DufmParameters oneSamplePerClass() {
    return new DufmParameters(numClasses, depth, 1, lambdas, samplesPerClass * lambdaH);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DufmParameters p && p.numClasses == numClasses && p.depth == depth
        && p.samplesPerClass == samplesPerClass && Arrays.equals(p.lambdas, lambdas)
        && Double.compare(p.lambdaH, lambdaH) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * (31 * numClasses + depth) + samplesPerClass) + Arrays.hashCode(lambdas))
        + Double.hashCode(lambdaH);
  }

  @Override
  public String toString() {
    return "DufmParameters[K=" + numClasses + ", L=" + depth + ", n=" + samplesPerClass
        + ", lambdas=" + Arrays.toString(lambdas) + ", lambdaH=" + lambdaH + "]";
  }
}
