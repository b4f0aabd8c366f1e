package ncverify.properties.engine.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the nested {@link Examples} (not discovered by Surefire: a static nested class without
 * {@code @Nested}) through a separate JUnit launcher and checks what the extension reports.
 */
class PropertyExtensionTest {

  private static final String INNER = "ncverify.innerLauncher";

  /** Disables {@link Examples} unless run by {@link #run}, e.g. when a -Dtest pattern matches it. */
  static class OnlyInInnerLauncher implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(INNER).isPresent()
          ? ConditionEvaluationResult.enabled("inner launcher")
          : ConditionEvaluationResult.disabled("examples run only inside PropertyExtensionTest");
    }
  }

  /** Example properties; x + y >= 150 first fails at the shortlex-minimal (50, 100). */
  @ExtendWith(OnlyInInnerLauncher.class)
  static class Examples {
    static final List<List<Integer>> REPLAYED = Collections.synchronizedList(new ArrayList<>());

    Gen<Integer> small() {
      return Gen.integers(0, 100);
    }

    static final List<Integer> PINNED_SEEN = Collections.synchronizedList(new ArrayList<>());

    @Property(tries = 200, seed = "5", database = false)
    void failing(@ForAll("small") int x, @ForAll("small") int y) {
      assertThat(x + y).isLessThan(150);
    }

    @Property(tries = 30, threadSafe = true)
    void passing(@ForAll("small") Integer x) {
      assertThat(x).isBetween(0, 100);
    }

    static List<Object[]> pinnedPairs() {
      return List.of(new Object[] {1, 2}, new Object[] {99, 98});
    }

    @Property(tries = 20, examples = "pinnedPairs", database = false)
    void pinned(@ForAll("small") int x, @ForAll("small") int y) {
      PINNED_SEEN.add(x);
      assertThat(x + y).isLessThan(150);
    }

    @Property(replay = "50,100")
    void replayed(@ForAll("small") int x, @ForAll("small") int y) {
      REPLAYED.add(List.of(x, y));
      assertThat(x + y).isLessThan(150);
    }
  }

  private static Map<String, TestExecutionResult> run(String... methods) {
    Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
        .enableLauncherSessionListenerAutoRegistration(false)
        .enableTestExecutionListenerAutoRegistration(false).build());
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().configurationParameter(INNER, "true");
    for (String m : methods) {
      request.selectors(selectMethod(Examples.class.getName() + "#" + m));
    }
    int executedBefore = PropertyGuard.executed();
    try {
      launcher.execute(request.build(), new TestExecutionListener() {
        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
          if (id.isTest()) {
            results.put(id.getDisplayName().replaceAll("\\(.*", ""), result);
          }
        }
      });
    } finally {
      PropertyGuard.resetTo(executedBefore); // examples must not satisfy the zero-properties guard
    }
    return results;
  }

  @Test
  void failingPropertyReportsNameInputsSeedAndStatistics() {
    TestExecutionResult r = run("failing(int, int)").get("failing");
    assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    Throwable t = r.getThrowable().orElseThrow();
    assertThat(t).isInstanceOf(PropertyFailure.class);
    assertThat(t.getMessage())
        .contains("Examples#failing")
        .contains("original: ")
        .contains("shrunk:   x = 50, y = 100")
        .contains("seed 5")
        .contains("replay:   -Dtest=PropertyExtensionTest*Examples#failing -Dncverify.seed=5 -Dncverify.replay=50,100");
    assertThat(t.getCause()).isInstanceOf(AssertionError.class);
    assertThat(((PropertyFailure) t).result().shrunkChoices()).hasToString("50,100");
  }

  @Test
  void passingPropertyIsOneSuccessfulTest() {
    Map<String, TestExecutionResult> results = run("passing(java.lang.Integer)");
    assertThat(results).containsOnlyKeys("passing");
    assertThat(results.get("passing").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
  }

  @Test
  void replayAttributeRunsExactlyTheGivenChoices() {
    Examples.REPLAYED.clear();
    TestExecutionResult r = run("replayed(int, int)").get("replayed");
    assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(Examples.REPLAYED).containsExactly(List.of(50, 100));
  }

  @Test
  void pinnedExamplesRunBeforeGeneratedTriesAndAreReportedAsGiven() {
    Examples.PINNED_SEEN.clear();
    TestExecutionResult r = run("pinned(int, int)").get("pinned");
    assertThat(r.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(Examples.PINNED_SEEN).containsExactly(1, 99);
    assertThat(r.getThrowable().orElseThrow().getMessage()).contains("shrunk:   x = 99, y = 98").contains("(pinned)");
  }
}
