package ncverify.properties.engine;

/**
 * Thrown by {@link PropertyContext#assume} to discard the current try; the runner counts it as a
 * discard, not a failure. Property code must not catch it.
 */
public final class DiscardException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DiscardException() {
    super("try discarded by assume()", null, false, false);
  }
}
