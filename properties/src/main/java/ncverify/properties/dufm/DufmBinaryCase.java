package ncverify.properties.dufm;

/**
 * One generated binary deep-UFM instance of {@link DufmBinaryStudy} [DUFM2] (docs/theory.md section 4.8):
 * K = 2 balanced classes of n samples, L weight matrices of hidden width d, the common regularizer
 * lambda = f lambda_c on every W_l and on H_1 (lambda_c the DNC collapse lambda), ReLU between layers.
 *
 * @param depth L >= 1
 * @param width d >= 2, the width of H_1 and of every hidden layer
 * @param collapseFraction f = lambda / lambda_c, in (0, 1): DNC non-trivial
 * @param samplesPerClass n >= 1
 */
public record DufmBinaryCase(int depth, int width, double collapseFraction, int samplesPerClass) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "DufmBinaryCase[L=%d, width=%d, lambda/lambda_c=%.6g, n=%d]", depth,
        width, collapseFraction, samplesPerClass);
  }
}
