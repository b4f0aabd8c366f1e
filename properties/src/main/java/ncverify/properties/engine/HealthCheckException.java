package ncverify.properties.engine;

/**
 * A property failed for a reason other than a counterexample: too many discarded tries, or a
 * {@link PropertyContext#cover} condition reached too rarely (the property would pass vacuously).
 */
public final class HealthCheckException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  HealthCheckException(String message) {
    super(message);
  }
}
