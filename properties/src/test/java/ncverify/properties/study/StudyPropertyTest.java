package ncverify.properties.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import ncverify.properties.engine.ChoiceSequence;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.engine.PropertyRunner;
import ncverify.properties.engine.Statistics;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import org.junit.jupiter.api.Test;

/**
 * A study as a property: shrinking stays on the claim the failure started from, and every claim's
 * tightness is its own target.
 */
class StudyPropertyTest {

  /** A case of the toy study. */
  record Case(int a, int b) {
  }

  /** A toy claim: one assumption and an upper-bound conclusion, given as functions of the measurement. */
  private static final class ToyClaim extends AbstractClaim {
    private final Function<Measurement, AssumptionCheck> assumption;
    private final String conclusion;
    private final String measured;
    private final double bound;

    ToyClaim(String id, Function<Measurement, AssumptionCheck> assumption, String measured, double bound) {
      super(id, Paper.JSWM, "Toy " + id, measured + " <= " + bound, List.of("a", "b"));
      this.assumption = assumption;
      this.conclusion = measured + " <= " + bound;
      this.measured = measured;
      this.bound = bound;
    }

    @Override
    public List<AssumptionCheck> assumptions(Measurement m) {
      return List.of(assumption.apply(m));
    }

    @Override
    public ConclusionCheck conclusion(Measurement m) {
      return atMost(conclusion, m.get(measured), bound);
    }
  }

  /** Two claims on integer cases (a, b) in [0, 100]^2. */
  static class TwoClaimStudy implements Study<Case> {
    /** test.a: a <= 30, always applicable; test.b: b <= 0.5 where a < 30. */
    private final List<Claim> claims = List.of(
        new ToyClaim("test.a", m -> AssumptionCheck.of("b >= 0", m.get("b"), Relation.AT_LEAST, 0), "a", 30),
        new ToyClaim("test.b", m -> AssumptionCheck.of("a < 30", m.get("a"), Relation.LESS, 30), "b", 0.5));

    @Override
    public String id() {
      return "test.two-claims";
    }

    @Override
    public String description() {
      return "two toy claims";
    }

    @Override
    public List<String> claimIds() {
      return List.of("test.a", "test.b");
    }

    @Override
    public Gen<Case> cases() {
      return Gen.tuple(Gen.integers(0, 100), Gen.integers(0, 100)).map(t -> new Case(t.first(), t.second()));
    }

    @Override
    public StudyOutcome run(Case c, long seed) {
      Measurement m = Measurement.builder().put("a", c.a()).put("b", c.b()).build();
      List<ClaimResult> results = claims.stream().map(cl -> cl.evaluate(m)).toList();
      return StudyOutcome.of(results, Map.of());
    }

    @Override
    public Map<String, Double> minCoverage() {
      return Map.of("test.a", 0.0, "test.b", 0.0);
    }
  }

  private static PropertyConfig config() {
    return PropertyConfig.defaults().withSeed(5).withReplay(null).withDatabase(null).withTries(100)
        .withLog(line -> { });
  }

  /** The pinned case (70, 5) violates test.a only (test.b does not apply at a >= 30). */
  private static final ChoiceSequence A_ONLY = ChoiceSequence.parse("70,5");

  @Test
  void shrinkingStaysOnTheClaimTheFailureStartedFrom() {
    PropertyResult r = StudyProperty.check(new TwoClaimStudy(), config().withExamples(List.of(A_ONLY)));
    assertThat(r.originalValue()).isEqualTo("Case[a=70, b=5]");
    // (0, 1) would be simpler, but it violates test.b, not test.a
    assertThat(r.shrunkValue()).isEqualTo("Case[a=31, b=0]");
    assertThat(r.failure()).isInstanceOf(ClaimViolation.class);
    assertThat(((ClaimViolation) r.failure()).failureIds()).containsExactly("test.a");
  }

  @Test
  void withoutClaimIdentityShrinkingSlidesToAnotherClaim() {
    TwoClaimStudy study = new TwoClaimStudy();
    PropertyResult r = PropertyRunner.check("type only", config().withExamples(List.of(A_ONLY)), study.cases(), c -> {
      try {
        StudyProperty.judge(study, c);
      } catch (ClaimViolation v) {
        throw new AssertionError(v.getMessage()); // the failure type alone, no claim id
      }
    });
    assertThat(r.shrunkValue()).isEqualTo("Case[a=0, b=1]");
    assertThat(r.failure()).hasMessageContaining("test.b VIOLATED");
  }

  @Test
  void everyApplicableClaimReportsItsTightnessAsItsOwnTarget() {
    PropertyResult r = StudyProperty.check(new TwoClaimStudy() {
      @Override
      public Gen<Case> cases() {
        return Gen.tuple(Gen.integers(0, 29), Gen.integers(0, 0)).map(t -> new Case(t.first(), t.second()));
      }
    }, config());
    assertThat(r.passed()).isTrue();
    Statistics.Target a = r.statistics().targets().get(StudyProperty.targetLabel("test.a"));
    assertThat(a.generationBest()).isEqualTo(29.0 / 30);
    assertThat(a.best()).isEqualTo(29.0 / 30);
    // b <= 0.5 with b = 0: tightness 0 / 0.5 = 0
    assertThat(r.statistics().targets().get(StudyProperty.targetLabel("test.b")).best()).isZero();
  }
}
