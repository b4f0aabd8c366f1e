package ncverify.properties.dufm;

/**
 * One case of {@link DufmRegimeStudy} [DUFM] (docs/theory.md section 4.5): an instance (K, L, n) in
 * the range of claim (2), judged at lambda = collapseFraction x the DNC collapse lambda and at the
 * collapse itself (the lambda window), plus a two-layer instance with l2Classes classes, n = 1, at
 * C_DNC/C*(2) = l2Ratio (claim (3)).
 *
 * @param numClasses K
 * @param depth L >= 3
 * @param samplesPerClass n
 * @param collapseFraction lambda / lambda_c in (0, 1) for claim (2)
 * @param l2Classes K of the two-layer instance
 * @param l2Ratio C_DNC/C*(2) of the two-layer instance, in (0, 1)
 */
public record DufmRegimeCase(int numClasses, int depth, int samplesPerClass, double collapseFraction,
    int l2Classes, double l2Ratio) {

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "DufmRegimeCase[K=%d, L=%d, n=%d, lambda/lambda_c=%.4f; L=2: K=%d, C/C*=%.4f]", numClasses, depth,
        samplesPerClass, collapseFraction, l2Classes, l2Ratio);
  }
}
