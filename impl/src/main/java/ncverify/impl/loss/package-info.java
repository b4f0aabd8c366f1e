/**
 * Data-fit losses on a K x B block of logits (columns = samples): squared error to one-hot targets
 * and numerically stable cross-entropy, each with an explicit {@link ncverify.impl.loss.Normalization}
 * (sum over samples as in [SELI] and [JSWM], or mean as in [DLN] and [DUFM]).
 */
package ncverify.impl.loss;
