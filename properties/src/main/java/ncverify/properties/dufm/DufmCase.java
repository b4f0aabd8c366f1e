package ncverify.properties.dufm;

/**
 * One generated deep-UFM instance of {@link DufmStudy} [DUFM] (docs/theory.md section 4): K balanced
 * classes of n samples, L weight matrices of hidden width d, the common regularizer lambda on every
 * W_l and on H_1, with ReLU between layers or none (the deep linear UFM, claim (4)).
 *
 * @param numClasses K >= 2
 * @param depth L >= 1
 * @param width d >= K, the width of H_1 and of every hidden layer
 * @param lambda common regularizer, > 0
 * @param samplesPerClass n >= 1
 * @param linear true for the deep linear UFM (no ReLU)
 */
public record DufmCase(int numClasses, int depth, int width, double lambda, int samplesPerClass,
    boolean linear) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "DufmCase[K=%d, L=%d, width=%d, lambda=%.6g, n=%d, %s]",
        numClasses, depth, width, lambda, samplesPerClass, linear ? "linear" : "relu");
  }
}
