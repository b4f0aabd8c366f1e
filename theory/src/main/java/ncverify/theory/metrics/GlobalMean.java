package ncverify.theory.metrics;

/**
 * Which global mean mu_G centers the class means, Mc = Mbar - mu_G 1^T (docs/theory.md section 0).
 * Anchor code bases disagree; ours is {@link #SAMPLE}.
 */
public enum GlobalMean {
  /** mu_G = (1/N) sum_i h_i = (1/N) sum_k n_k mu_k, the sample-weighted mean (default). */
  SAMPLE,
  /** mu_G = (1/K) sum_k mu_k, the unweighted mean of the class means ({@code --global-mean class-means}). */
  CLASS_MEANS
}
