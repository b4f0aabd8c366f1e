package ncverify.properties.engine.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test method as a property: its {@link ForAll} parameters are generated and the
 * method runs {@link #tries()} times through {@link ncverify.properties.engine.PropertyRunner}; it
 * appears as one test in the Surefire report. A failure message carries the property name, original
 * and shrunk inputs, seed, replay arguments and statistics.
 *
 * <pre>
 * class SumProperties {
 *   Gen&lt;List&lt;Integer&gt;&gt; smallLists() { return Gen.lists(Gen.integers(-100, 100), 0, 20); }
 *
 *   &#64;Property(tries = 500, threadSafe = true)
 *   void sumIsOrderInvariant(&#64;ForAll("smallLists") List&lt;Integer&gt; xs) {
 *     label(xs.isEmpty() ? "empty" : "non-empty");
 *     List&lt;Integer&gt; reversed = new ArrayList&lt;&gt;(xs);
 *     Collections.reverse(reversed);
 *     assertThat(sum(reversed)).isEqualTo(sum(xs));
 *   }
 * }
 * </pre>
 *
 * <p>Replay a failure with {@code -Dtest=Class#method -Dncverify.seed=S -Dncverify.replay=CHOICES} (the
 * report prints this line), or by setting {@link #seed()} and {@link #replay()} on the annotation. A
 * failure is also saved in the failure database and replayed first on the next run.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(PropertyExtension.class)
public @interface Property {

  /** Valid tries of the generation phase. */
  int tries() default 100;

  /** Run seed; blank takes the system property {@code ncverify.seed}; {@code random} draws one. */
  String seed() default "";

  /** Whether tries may run in parallel on all cores (results do not depend on the thread count). */
  boolean threadSafe() default false;

  /** Choice sequence to replay instead of generating; blank takes the system property {@code ncverify.replay}. */
  String replay() default "";

  /**
   * Evaluations of the targeted phase, shared by the target labels (used only if the body calls
   * {@code target(...)}); the default {@code -1} means half of {@link #tries()}, 0 turns it off.
   */
  int targetTries() default -1;

  /** The property fails when discards exceed this ratio times {@link #tries()}. */
  double maxDiscardRatio() default 5.0;

  /** Maximum evaluations spent shrinking a counterexample. */
  int shrinkBudget() default 5000;

  /**
   * Per-try deadline in milliseconds: a try slower than this fails the "too slow" health check; 0
   * takes the system property {@code ncverify.deadline} (seconds) or the default of 2 minutes.
   */
  long deadlineMillis() default 0;

  /**
   * Name of a no-argument method of the test class returning a {@code List} of pinned examples, run
   * before any generated try (Hypothesis {@code @example}): each element is an {@code Object[]} with one
   * value per {@link ForAll} parameter, or the value itself when there is one {@link ForAll} parameter.
   * Pinned values are run as given, not shrunk.
   */
  String examples() default "";

  /** Whether failures are saved to and replayed from the failure database ({@code .ncverify/examples/}). */
  boolean database() default true;
}
