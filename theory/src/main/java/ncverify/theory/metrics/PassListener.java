package ncverify.theory.metrics;

/**
 * Progress of the passes over the features ({@link NcMetrics}): pass 1 computes the class means,
 * pass 2 everything that needs them per sample (NC1, its trace ratio, NC4, train and fit errors).
 */
@FunctionalInterface
public interface PassListener {

  /** A listener that ignores progress. */
  PassListener NONE = (pass, passes, done, total) -> { };

  /**
   * Called after each block.
   *
   * @param pass 1-based pass number
   * @param passes number of passes of this measurement
   * @param done samples of this pass processed so far
   * @param total N
   */
  void progress(int pass, int passes, long done, long total);
}
