package ncverify.reports.campaign;

import java.util.List;
import java.util.Map;
import ncverify.properties.engine.Gen;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyOutcome;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import ncverify.theory.claims.Verdict;

/** Small fake studies with verdicts known in closed form, for the campaign tests. */
public final class FakeStudies {

  /** Upper end of the generated x. */
  public static final int X_MAX = 1000;
  /** fake.bounded applies from this x on. */
  public static final int APPLIES_FROM = 100;
  /** fake.bounded claims x <= BOUND, so its minimal counterexample is BOUND + 1. */
  public static final int BOUND = 499;

  private FakeStudies() {
  }

  /** The case: one integer. */
  public record Case(int x) {
  }

  /** Expected verdict of fake.bounded on x (written independently of the study). */
  public static Verdict boundedVerdict(int x) {
    if (x < APPLIES_FROM) {
      return Verdict.NOT_APPLICABLE;
    }
    return x > BOUND ? Verdict.VIOLATED : Verdict.HOLDS;
  }

  /** fake.needle is violated exactly at this x of 0..NEEDLE_RANGE. */
  public static final int NEEDLE = 77_777;
  /** Upper end of the x of {@link #needle()}. */
  public static final int NEEDLE_RANGE = 100_000;

  /**
   * Study {@code fake.needle}: x uniform in 0..100000; claim {@code fake.needle} always applies and
   * says |x - 77777| >= 1 (a lower bound: tightness 1/|x - 77777|), violated at one x only, which
   * random tries miss and a climb of the tightness finds.
   */
  public static Study<Case> needle() {
    return integerStudy("fake.needle-study", "x in 0..100000; needle: |x - 77777| >= 1", List.of("fake.needle"),
        NEEDLE_RANGE, c -> {
          double d = Math.abs(c.x() - NEEDLE);
          ConclusionCheck k = ConclusionCheck.of("|x - 77777| >= 1", d, Relation.AT_LEAST, 1, 0);
          ClaimResult r = new ClaimResult("fake.needle", Paper.JSWM, "Fake needle", k.holds() ? Verdict.HOLDS
              : Verdict.VIOLATED, List.of(AssumptionCheck.of("always", 1, Relation.AT_LEAST, 0)), k);
          return StudyOutcome.of(List.of(r), Map.of("x", c.x()));
        });
  }

  /** A study of cases x uniform in 0..xMax, judged by {@code run}, with default tries 10. */
  static Study<Case> integerStudy(String id, String description, List<String> claimIds, int xMax,
      java.util.function.Function<Case, StudyOutcome> run) {
    return new Study<>() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public List<String> claimIds() {
        return claimIds;
      }

      @Override
      public Gen<Case> cases() {
        return Gen.integers(0, xMax).map(Case::new);
      }

      @Override
      public StudyOutcome run(Case c, long seed) {
        return run.apply(c);
      }

      @Override
      public int defaultTries() {
        return 10;
      }
    };
  }

  /**
   * Study {@code fake.threshold}: x uniform in 0..1000; claim {@code fake.bounded} applies when
   * x >= 100 and says x <= 499; claim {@code fake.always} always applies and says x <= 1000 (margin
   * 1000 - x); claim {@code fake.never} never applies.
   */
  public static Study<Case> threshold() {
    return integerStudy("fake.threshold", "x in 0..1000; bounded: x >= 100 => x <= 499",
        List.of("fake.bounded", "fake.always", "fake.never"), X_MAX, c -> StudyOutcome.of(List.of(
            judge("fake.bounded", c.x() >= APPLIES_FROM, c.x(), BOUND),
            judge("fake.always", true, c.x(), X_MAX),
            judge("fake.never", false, c.x(), 0)), Map.of("x", c.x())));
  }

  /** The backbone family {@link #backbones()} names for x: mlp, cnn, resnet for x mod 3 = 0, 1, 2. */
  public static String family(int x) {
    return List.of("mlp", "cnn", "resnet").get(x % 3);
  }

  /**
   * Study {@code fake.backbones}: x uniform in 0..1000, backbone family {@link #family(int)} in the
   * observation "backbone"; claim {@code fake.family} does not apply to mlp, holds on cnn and is
   * violated on resnet (so every per-family count follows from the family's tries alone).
   */
  public static Study<Case> backbones() {
    return integerStudy("fake.backbones", "x in 0..1000; family: x mod 3", List.of("fake.family"), X_MAX, c -> {
      String f = family(c.x());
      return StudyOutcome.of(List.of(judge("fake.family", !f.equals("mlp"), f.equals("cnn") ? 0 : 2, 1)),
          Map.of("x", c.x(), "backbone", f));
    });
  }

  /** Study {@code fake.flaky}: claim {@code fake.ok} always holds, but the run throws when x % 3 == 0. */
  public static Study<Case> flaky() {
    return new Study<>() {
      @Override
      public String id() {
        return "fake.flaky";
      }

      @Override
      public String description() {
        return "throws on multiples of 3";
      }

      @Override
      public List<String> claimIds() {
        return List.of("fake.ok");
      }

      @Override
      public Gen<Case> cases() {
        return Gen.integers(0, 99).map(Case::new);
      }

      @Override
      public StudyOutcome run(Case c, long seed) {
        if (c.x() % 3 == 0) {
          throw new IllegalStateException("diverged at x = " + c.x());
        }
        return StudyOutcome.of(List.of(judge("fake.ok", true, 0, 1)), Map.of());
      }
    };
  }

  static ClaimResult judge(String id, boolean applicable, double measured, double bound) {
    List<AssumptionCheck> as = List.of(AssumptionCheck.flag("applicable", applicable));
    if (!applicable) {
      return new ClaimResult(id, Paper.JSWM, "Fake " + id, Verdict.NOT_APPLICABLE, as, null);
    }
    ConclusionCheck c = ConclusionCheck.of("x <= bound", measured, Relation.AT_MOST, bound, 0.0);
    return new ClaimResult(id, Paper.JSWM, "Fake " + id, c.holds() ? Verdict.HOLDS : Verdict.VIOLATED, as, c);
  }
}
