package ncverify.reports.check;

import java.util.Locale;
import ncverify.theory.InvalidInputException;

/**
 * How the training run combined the per-sample losses into its data term c sum_i l_i, with
 * l_i = (1/2)||z_i - e_{y_i}||^2 for MSE and l_i = -log softmax(z_i)_{y_i} for cross-entropy
 * (docs/theory.md section 0): the factor c scales the loss gradient against the weight decay, so the
 * stationarity of a head depends on it.
 *
 * <ul>
 *   <li>{@link #SUM}: c = 1, the [JSWM] and [SELI] normalization ({@code ncv train --model mlp}).
 *   <li>{@link #MEAN}: c = 1/N, the [DLN]/[DUFM] normalization and PyTorch's {@code CrossEntropyLoss()}.
 *   <li>{@link #TORCH_MEAN}: PyTorch's defaults, {@code MSELoss()} = (1/(N K)) sum_i ||z_i - e_{y_i}||^2,
 *       i.e. c = 2/(N K) for MSE, and c = 1/N for cross-entropy.
 * </ul>
 */
public enum LossReduction {
  SUM,
  MEAN,
  TORCH_MEAN;

  /** The factor c for the loss ({@code mse} or {@code ce}), N samples and K classes. */
  public double scale(String loss, int n, int k) {
    return switch (this) {
      case SUM -> 1.0;
      case MEAN -> 1.0 / n;
      case TORCH_MEAN -> loss.equals("mse") ? 2.0 / ((double) n * k) : 1.0 / n;
    };
  }

  /** The command-line name: {@code sum}, {@code mean}, {@code torch-mean}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #cliName()}; a one-line error otherwise. */
  public static LossReduction parse(String s) {
    for (LossReduction r : values()) {
      if (r.cliName().equals(s)) {
        return r;
      }
    }
    throw InvalidInputException.of("--reduction must be sum, mean or torch-mean, got '%s'", s);
  }
}
