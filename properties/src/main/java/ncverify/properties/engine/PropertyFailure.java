package ncverify.properties.engine;

/**
 * Thrown when a property fails: the message is the full {@link PropertyResult#report()} (name,
 * original and shrunk counterexample, seed, replay arguments, statistics), the cause is what the
 * property body threw on the shrunk counterexample.
 */
public final class PropertyFailure extends AssertionError {

  private static final long serialVersionUID = 1L;

  private final transient PropertyResult result;

  public PropertyFailure(PropertyResult result) {
    super(result.report(), result.failure());
    this.result = result;
  }

  /** The failed result. */
  public PropertyResult result() {
    return result;
  }
}
