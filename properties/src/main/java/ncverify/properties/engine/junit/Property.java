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
 * <p>Replay a failure with {@code -Dtest=Class#method -Dncverify.seed=S -Dncverify.replay=CHOICES},
 * or by setting {@link #seed()} and {@link #replay()} on the annotation.
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

  /** Evaluations of the targeted phase (used only if the body calls {@code target(score)}). */
  int targetTries() default 0;

  /** The property fails when discards exceed this ratio times {@link #tries()}. */
  double maxDiscardRatio() default 5.0;

  /** Maximum evaluations spent shrinking a counterexample. */
  int shrinkBudget() default 5000;
}
