package ncverify.properties.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import org.junit.jupiter.api.Test;

class FalsifiabilityTest {

  private static final class Upper extends AbstractClaim {
    Upper() {
      super("test.upper", Paper.JSWM, "Thm 0", "x <= 1 when a >= 0", List.of("x", "a"));
    }

    @Override
    public List<AssumptionCheck> assumptions(Measurement m) {
      return List.of(AssumptionCheck.of("a >= 0", m.get("a"), Relation.AT_LEAST, 0));
    }

    @Override
    public ConclusionCheck conclusion(Measurement m) {
      return atMost("x <= 1", m.get("x"), 1.0);
    }
  }

  private static StudyOutcome outcome(Claim c, double x, double a) {
    Measurement m = Measurement.builder().put("x", x).put("a", a).build();
    return StudyOutcome.of(List.of(c.evaluate(m)), Map.of()).withMeasurement(c.id(), m);
  }

  @Test
  void aWrongVersionIsCaughtOnlyWhenSomeApplicableTryComesWithinTheFactor() {
    Claim c = new Upper();
    List<StudyOutcome> loose = List.of(outcome(c, 0.1, 1), outcome(c, 0.9, -1), outcome(c, 0.3, 2));
    Falsifiability.Report r = Falsifiability.judgeStrengthened(c, loose);
    assertThat(r.tries()).isEqualTo(3);
    assertThat(r.applicable()).isEqualTo(2);
    assertThat(r.caught()).isFalse();

    List<StudyOutcome> tight = List.of(outcome(c, 0.1, 1), outcome(c, 0.7, 1));
    Falsifiability.Report t = Falsifiability.judgeStrengthened(c, tight);
    assertThat(t.violated()).isEqualTo(1);
    assertThat(t.firstViolation().conclusion().orElseThrow().measured()).isEqualTo(0.7);
  }

  @Test
  void outcomesWithoutARecordedMeasurementAreSkipped() {
    Claim c = new Upper();
    StudyOutcome bare = StudyOutcome.of(List.of(), Map.of());
    assertThat(Falsifiability.judgeStrengthened(c, List.of(bare)).tries()).isZero();
    assertThat(bare.withTarget(0.5).withMeasurement("k", Measurement.builder().build()).targetScore()).hasValue(0.5);
  }
}
