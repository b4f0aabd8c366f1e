package ncverify.impl.train;

import java.util.Locale;

/**
 * Training diverged: the loss became NaN/Inf or a parameter norm exceeded the configured limit.
 * The one-line message names the step (1-based update count) and what exploded.
 */
public final class DivergenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int step;
  private final String what;

  public DivergenceException(int step, String what) {
    super(String.format(Locale.ROOT, "diverged at step %d: %s", step, what));
    this.step = step;
    this.what = what;
  }

  /** The 1-based step at which divergence was detected. */
  public int step() {
    return step;
  }

  /** What exploded, e.g. "loss is NaN" or "||W2|| = 3.1e+09 exceeds the limit 1e+08". */
  public String what() {
    return what;
  }
}
