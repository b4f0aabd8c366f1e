package ncverify.properties.engine.junit;

import java.util.Properties;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Build guard: fails the properties module's Surefire run when no {@link Property} method executed,
 * so a misconfiguration (Surefire includes that skip {@code *Properties.java}, the extension not
 * applied, every property disabled) cannot produce a green build that checked nothing.
 *
 * <p>How: this class is registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}
 * of the test resources; the JUnit Platform calls {@link #launcherSessionClosed} once, after every test
 * class of the fork ran. {@link PropertyExtension} counts executed properties in {@link PropertyGuard}.
 * If the count is zero this method throws; Surefire then reports "There was an error in the forked
 * process: ... zero @Property methods ran" and the build fails.
 *
 * <p>The guard applies only to a full Surefire run. It is skipped when {@code -Dtest=...} selects a
 * subset (Surefire passes it to the fork as the system property {@code test}), outside Surefire (an
 * IDE run; detected by the absence of {@code surefire.real.class.path}), or with
 * {@code -Dncverify.requireProperties=false}.
 */
public final class ZeroPropertiesGuard implements LauncherSessionListener {

  /** System property that disables the guard when {@code false}. */
  static final String REQUIRE_PROPERTY = "ncverify.requireProperties";

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    String violation = violation(PropertyGuard.executed(), System.getProperties());
    if (violation != null) {
      throw new IllegalStateException(violation);
    }
  }

  /** The failure message for a run with {@code executed} properties under {@code system}, or null if fine. */
  static String violation(int executed, Properties system) {
    boolean underSurefire = system.getProperty("surefire.real.class.path") != null;
    String filter = system.getProperty("test");
    boolean fullRun = filter == null || filter.isBlank();
    boolean required = !"false".equalsIgnoreCase(system.getProperty(REQUIRE_PROPERTY));
    if (executed > 0 || !underSurefire || !fullRun || !required) {
      return null;
    }
    return "zero @Property methods ran in the properties module: check that property classes end in"
        + " Properties.java or Property.java (Surefire includes) and use @Property; disable this guard with -D"
        + REQUIRE_PROPERTY + "=false";
  }
}
