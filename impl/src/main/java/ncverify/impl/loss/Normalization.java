package ncverify.impl.loss;

/**
 * How per-sample losses l_i are combined into the data term of an objective over N samples.
 *
 * <ul>
 *   <li>{@link #SUM}: sum_i l_i ([SELI] section 2 CE, [JSWM] section 5 MSE (1/2)||Z - Y||^2).</li>
 *   <li>{@link #MEAN}: (1/N) sum_i l_i ([DLN] section 3 and [DUFM] section 4, (1/(2N))||Z - Y||^2).</li>
 * </ul>
 *
 * <p>On a mini-batch of B samples the batch sum is rescaled so that it is an unbiased estimate of
 * the full-data term: factor N/B for SUM, 1/B for MEAN (full batch: 1 and 1/N).
 */
public enum Normalization {
  SUM,
  MEAN;

  /** The factor multiplying sum_{i in batch} l_i for a batch of {@code batch} of {@code n} samples. */
  public double scale(int n, int batch) {
    return this == SUM ? (double) n / batch : 1.0 / batch;
  }
}
