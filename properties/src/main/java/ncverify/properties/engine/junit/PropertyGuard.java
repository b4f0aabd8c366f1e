package ncverify.properties.engine.junit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts {@link Property} methods executed in this JVM. A launcher listener in the properties module's
 * test resources reads the count at the end of the test run and fails the run when no property
 * executed, so a build that silently ran zero properties (wrong Surefire includes, extension not
 * applied) cannot pass.
 */
public final class PropertyGuard {

  private static final AtomicInteger EXECUTED = new AtomicInteger();

  private PropertyGuard() {}

  /** Called by {@link PropertyExtension} each time a property method runs. */
  static void recordExecution() {
    EXECUTED.incrementAndGet();
  }

  /** Resets the count, for tests that run example properties in a nested launcher. */
  static void resetTo(int count) {
    EXECUTED.set(count);
  }

  /** Property methods executed so far in this JVM. */
  public static int executed() {
    return EXECUTED.get();
  }
}
