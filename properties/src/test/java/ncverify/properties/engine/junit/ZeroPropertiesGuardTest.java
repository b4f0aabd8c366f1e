package ncverify.properties.engine.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ZeroPropertiesGuardTest {

  private static Properties surefire(String... keyValues) {
    Properties p = new Properties();
    p.setProperty("surefire.real.class.path", "x.jar");
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  @Test
  void fullSurefireRunWithZeroPropertiesIsAViolation() {
    assertThat(ZeroPropertiesGuard.violation(0, surefire())).contains("zero @Property methods ran");
  }

  @Test
  void anyExecutedPropertySatisfiesTheGuard() {
    assertThat(ZeroPropertiesGuard.violation(1, surefire())).isNull();
  }

  @Test
  void focusedRunsIdeRunsAndExplicitOptOutAreNotChecked() {
    assertThat(ZeroPropertiesGuard.violation(0, surefire("test", "FooTest"))).isNull();
    assertThat(ZeroPropertiesGuard.violation(0, new Properties())).isNull();
    assertThat(ZeroPropertiesGuard.violation(0, surefire(ZeroPropertiesGuard.REQUIRE_PROPERTY, "false"))).isNull();
  }
}
