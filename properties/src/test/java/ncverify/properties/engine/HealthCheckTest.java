package ncverify.properties.engine;

import static ncverify.properties.engine.PropertyContext.assume;
import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import ncverify.properties.engine.PropertyResult.Reason;
import org.junit.jupiter.api.Test;

/**
 * Health checks and robustness of a run: the per-try deadline, coverage judged with a Wilson bound,
 * data too large, invalid replays, flaky failures, the shrink time bound and several target labels.
 */
class HealthCheckTest {

  private static PropertyConfig quiet() {
    return PropertyConfig.defaults().withSeed(11).withReplay(null).withDatabase(null).withLog(line -> { });
  }

  @Test
  void aTryOverTheDeadlineFailsTheTooSlowCheck() {
    PropertyResult r = PropertyRunner.check("slow", quiet().withTries(20).withDeadline(Duration.ofMillis(20)),
        Gen.integers(0, 100), x -> {
          if (x == 0) {
            Thread.sleep(200);
          }
        });
    assertThat(r.reason()).isEqualTo(Reason.DEADLINE);
    assertThat(r.failure()).isInstanceOf(HealthCheckException.class).hasMessageContaining("too slow: try 0 took")
        .hasMessageContaining("deadline of 0.02 s");
    PropertyResult none = PropertyRunner.check("no deadline", quiet().withTries(3).withDeadline(null),
        Gen.integers(0, 100), x -> Thread.sleep(x == 0 ? 50 : 0));
    assertThat(none.passed()).isTrue();
  }

  @Test
  void coverFarBelowItsMinimumIsTooRareWithConfidence() {
    PropertyResult r = PropertyRunner.check("rare", quiet().withTries(200), Gen.integers(0, 999),
        x -> cover(x < 100, 0.5, "small"));
    assertThat(r.reason()).isEqualTo(Reason.COVER);
    Statistics.Cover c = r.statistics().covers().get("small");
    assertThat(c.status()).isEqualTo(Statistics.CoverStatus.TOO_RARE);
    assertThat(c.wilsonUpper()).isLessThan(0.5).isGreaterThan(c.fraction());
    assertThat(r.tries()).as("no extension when the verdict is already significant").isEqualTo(200);
    assertThat(r.failure()).hasMessageContaining("95% Wilson interval").hasMessageContaining("too rare with 95% confidence");
  }

  @Test
  void coverBarelyBelowItsMinimumExtendsTheRunUntilTheIntervalDecides() {
    AtomicInteger calls = new AtomicInteger();
    // exactly 30% of every 10 consecutive tries hit, against a minimum of 32%: never significant
    PropertyResult r = PropertyRunner.check("borderline", quiet().withTries(40), Gen.integers(0, 999),
        x -> cover(calls.getAndIncrement() % 10 < 3, 0.32, "three in ten"));
    assertThat(r.tries()).isEqualTo(PropertyRunner.COVERAGE_EXTENSION_FACTOR * 40);
    assertThat(r.notes()).anyMatch(n -> n.contains("extended to 120 tries"));
    assertThat(r.reason()).isEqualTo(Reason.COVER);
    assertThat(r.failure()).hasMessageContaining("below the minimum, not significantly (95%)");

    AtomicInteger again = new AtomicInteger();
    PropertyResult met = PropertyRunner.check("met", quiet().withTries(40), Gen.integers(0, 999),
        x -> cover(again.getAndIncrement() % 10 < 3, 0.3, "three in ten"));
    assertThat(met.passed()).isTrue();
    assertThat(met.tries()).isEqualTo(40);
  }

  @Test
  void wilsonIntervalMatchesItsClosedForm() {
    // 3 of 10: p = 0.3, z = 1.96: (0.3 + 0.19208 -+ 1.96 sqrt(0.021 + 0.0096040)) / 1.38415
    Statistics.Cover c = new Statistics.Cover("c", 3, 10, 0.5);
    double z = Statistics.Z95;
    double centre = 0.3 + z * z / 20;
    double half = z * Math.sqrt(0.3 * 0.7 / 10 + z * z / 400);
    assertThat(c.wilsonLower()).isCloseTo((centre - half) / (1 + z * z / 10), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.wilsonUpper()).isCloseTo((centre + half) / (1 + z * z / 10), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.wilsonLower()).isBetween(0.10, 0.11);
    assertThat(c.wilsonUpper()).isBetween(0.60, 0.61);
    assertThat(c.status()).isEqualTo(Statistics.CoverStatus.INCONCLUSIVE);
    assertThat(new Statistics.Cover("none", 0, 0, 0.1).wilsonUpper()).isEqualTo(1.0);
  }

  @Test
  void hugeValuesFailTheDataTooLargeCheck() {
    PropertyResult r = PropertyRunner.check("huge", quiet().withTries(10),
        Gen.listsOf(Gen.integers(0, 3), ChoiceSource.MAX_CHOICES + 1), xs -> { });
    assertThat(r.reason()).isEqualTo(Reason.DATA_TOO_LARGE);
    assertThat(r.failure()).hasMessageContaining("data too large").hasMessageContaining("the simplest value");
  }

  @Test
  void replayThatIsDiscardedFailsInsteadOfPassing() {
    PropertyResult r = PropertyRunner.check("replay assume", quiet().withReplay(ChoiceSequence.parse("5")),
        Gen.integers(0, 10), x -> assume(x == 3));
    assertThat(r.passed()).isFalse();
    assertThat(r.reason()).isEqualTo(Reason.REPLAY_INVALID);
    assertThat(r.failure()).hasMessageContaining("assume(false)");
    PropertyResult overrun = PropertyRunner.check("replay overrun", quiet().withReplay(ChoiceSequence.EMPTY),
        Gen.listsOf(Gen.integers(0, 3), ChoiceSource.MAX_CHOICES + 1), xs -> { });
    assertThat(overrun.reason()).isEqualTo(Reason.REPLAY_INVALID);
  }

  @Test
  void aFailureThatDoesNotRecurIsReportedFlaky() {
    AtomicInteger calls = new AtomicInteger();
    PropertyResult r = PropertyRunner.check("flaky", quiet().withTries(50), Gen.integers(0, 100), x -> {
      if (x > 50 && calls.incrementAndGet() <= 3) {
        throw new AssertionError("fails on the first calls only");
      }
    });
    assertThat(r.reason()).isEqualTo(Reason.FLAKY);
    assertThat(r.counterexample().flaky()).isTrue();
    assertThat(r.report()).contains("FLAKY");
  }

  @Test
  void shrinkingStopsAtItsTimeBound() {
    PropertyResult r = PropertyRunner.check("slow shrink", quiet().withTries(100).withShrinkTime(Duration.ofMillis(1)),
        Gen.lists(Gen.integers(0, 1000), 0, 30), xs -> {
          Thread.sleep(2);
          assertThat(xs.size()).isLessThan(4);
        });
    assertThat(r.passed()).isFalse();
    assertThat(r.counterexample().shrinkStop()).isEqualTo("time bound reached");
    assertThat(r.shrinkEvaluations()).isLessThan(50);
    assertThat(r.report()).contains("time bound reached");
  }

  @Test
  void everyTargetLabelGetsItsOwnClimbAndBestScore() {
    PropertyResult r = PropertyRunner.check("two targets", quiet().withTries(200).withTargetTries(200),
        Gen.tuple(Gen.doubles(0, 1), Gen.doubles(0, 1)), t -> {
          target("near 0.3", -Math.abs(t.first() - 0.3));
          target("large second", t.second());
        });
    assertThat(r.passed()).isTrue();
    Statistics.Target near = r.statistics().targets().get("near 0.3");
    Statistics.Target large = r.statistics().targets().get("large second");
    assertThat(near.evaluations()).isPositive();
    assertThat(large.evaluations()).isPositive();
    assertThat(near.targetedBest()).isGreaterThanOrEqualTo(near.generationBest());
    assertThat(near.best()).isGreaterThan(-1e-6);
    assertThat(large.best()).isGreaterThan(1 - 1e-6);
    assertThat(r.report()).contains("target near 0.3").contains("target large second");
  }
}
