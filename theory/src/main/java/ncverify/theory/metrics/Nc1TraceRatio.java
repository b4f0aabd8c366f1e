package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Norms;

/**
 * NC1 as a trace ratio (docs/theory.md section 1, key {@code nc1_trace_ratio}; the quantity [JSWM] plots):
 *
 * <pre>
 *   tr Sigma_W / tr Sigma_B,   tr Sigma_W = (1/N) sum_i ||h_i - mu_{y_i}||^2,   tr Sigma_B = ||Mc||^2 / K.
 * </pre>
 */
public final class Nc1TraceRatio {

  private Nc1TraceRatio() {}

  /** With the sample-weighted global mean. */
  public static double of(LabeledFeatures f) {
    return of(f, ClassMeans.of(f));
  }

  /**
   * @throws InvalidInputException if all class means coincide (tr Sigma_B = 0)
   */
  public static double of(LabeledFeatures f, ClassMeans means) {
    double scale = scale(means);
    return fromTrace(WithinClassScatter.trace(f, means, scale), means, scale);
  }

  /**
   * The power of two 2^-e nearest 1/||Mc|| (an exact scaling): both traces are computed on features
   * scaled by it, so the squares neither overflow nor underflow at extreme feature scales.
   *
   * @throws InvalidInputException if all class means coincide (tr Sigma_B = 0)
   */
  static double scale(ClassMeans means) {
    double mcNorm = Norms.frobenius(means.mcRef());
    if (mcNorm == 0) {
      throw new InvalidInputException(
          "all class means coincide (tr Sigma_B = 0): nc1_trace_ratio is undefined");
    }
    return Math.scalb(1.0, -Math.getExponent(mcNorm));
  }

  /** The ratio from scale^2 tr Sigma_W (computed with {@link #scale}). */
  static double fromTrace(double scaledTraceW, ClassMeans means, double scale) {
    double scaledNorm = Norms.frobenius(means.mcRef()) * scale;
    double trB = scaledNorm * scaledNorm / means.numClasses();
    return scaledTraceW / trB;
  }
}
