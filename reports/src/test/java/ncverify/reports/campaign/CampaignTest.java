package ncverify.reports.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ncverify.properties.engine.GenerationSchedule;
import ncverify.properties.engine.Seeds;
import ncverify.properties.study.Study;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {

  private static final long SEED = 42L;
  private static final int TRIES = 60;
  /** Generated tries of the needle study (a quarter of them is the climb's budget). */
  private static final int NEEDLE_TRIES = 200;
  private static final double TOL = 1e-12;

  private static CampaignResult run(List<Study<?>> studies, int threads, String only) throws Exception {
    CampaignSettings s = CampaignSettings.of(SEED, false, threads).withTries(TRIES).withOnly(only);
    return new Campaign(studies, s, "test").run(r -> { });
  }

  /** The x of try i regenerated directly from the documented seeding scheme: the engine's schedule. */
  private static int xOf(int i) {
    GenerationSchedule schedule = new GenerationSchedule(Seeds.derive(SEED, "fake.threshold"), TRIES);
    return FakeStudies.threshold().cases().generate(schedule.source(i)).x();
  }

  private static LedgerEntry entry(CampaignResult r, String id) {
    return r.entries().stream().filter(e -> e.claimId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void countsMatchTheVerdictsOfTheGeneratedCases() throws Exception {
    CampaignResult r = run(List.of(FakeStudies.threshold()), 1, null);
    int holds = 0;
    int violated = 0;
    int na = 0;
    int maxX = 0;
    for (int i = 0; i < TRIES; i++) {
      int x = xOf(i);
      maxX = Math.max(maxX, x);
      switch (FakeStudies.boundedVerdict(x)) {
        case HOLDS -> holds++;
        case VIOLATED -> violated++;
        default -> na++;
      }
    }
    LedgerEntry b = entry(r, "fake.bounded");
    assertThat(b.tries()).isEqualTo(TRIES);
    assertThat(new int[] {b.holds(), b.violated(), b.notApplicable(), b.errors()})
        .containsExactly(holds, violated, na, 0);
    assertThat(violated).as("the seed must produce violations for this test to mean anything").isPositive();
    assertThat(b.applicableFraction()).isCloseTo((holds + violated) / (double) TRIES, org.assertj.core.data.Offset.offset(TOL));
    assertThat(b.worstMargin()).isCloseTo(FakeStudies.BOUND - maxX, org.assertj.core.data.Offset.offset(TOL));
    LedgerEntry always = entry(r, "fake.always");
    assertThat(always.overall()).isEqualTo("HOLDS");
    assertThat(always.worstMargin()).isCloseTo(FakeStudies.X_MAX - maxX, org.assertj.core.data.Offset.offset(TOL));
    LedgerEntry never = entry(r, "fake.never");
    assertThat(never.overall()).isEqualTo("NOT_APPLICABLE");
    assertThat(never.applicableFraction()).isZero();
    assertThat(never.worstMargin()).isNull();
    assertThat(never.minCoverage()).isEqualTo(Study.DEFAULT_COVERAGE);
    assertThat(never.coverageOk()).isFalse();
    assertThat(always.coverageOk()).isTrue();
    assertThat(xOf(0)).as("try 0 is the simplest case").isZero();
  }

  @Test
  void violatedClaimIsShrunkToTheMinimalCounterexample() throws Exception {
    CampaignResult r = run(List.of(FakeStudies.threshold()), 2, null);
    LedgerEntry b = entry(r, "fake.bounded");
    assertThat(b.overall()).isEqualTo("VIOLATED");
    Counterexample c = b.counterexample();
    assertThat(c).isNotNull();
    assertThat(c.reproduced()).isTrue();
    assertThat(c.shrunkCase()).isEqualTo(new FakeStudies.Case(FakeStudies.BOUND + 1).toString());
    assertThat(FakeStudies.boundedVerdict(xOf(c.original().tryIndex()))).isEqualTo(Verdict.VIOLATED);
    assertThat(c.message()).contains("fake.bounded VIOLATED");
    assertThat(entry(r, "fake.always").counterexample()).isNull();
  }

  @Test
  void errorsAreRecordedWithSeedsAndTheCampaignContinues() throws Exception {
    CampaignResult r = run(List.of(FakeStudies.flaky(), FakeStudies.threshold()), 2, null);
    LedgerEntry ok = entry(r, "fake.ok");
    assertThat(ok.errors()).isPositive();
    assertThat(ok.errors() + ok.holds()).isEqualTo(TRIES);
    assertThat(ok.errorTries().get(0).message()).startsWith("internal error: IllegalStateException: diverged at x = ");
    assertThat(ok.errorTries().get(0).at().caseSeed()).isNotZero();
    assertThat(entry(r, "fake.bounded").tries()).isEqualTo(TRIES);
  }

  @Test
  void sameSeedGivesTheSameLedgerForOneAndTwoThreads() throws Exception {
    List<Study<?>> studies = List.of(FakeStudies.threshold(), FakeStudies.flaky());
    JsonNode one = withoutTimings(run(studies, 1, null));
    JsonNode two = withoutTimings(run(studies, 2, null));
    JsonNode again = withoutTimings(run(studies, 2, null));
    assertThat(two).isEqualTo(one);
    assertThat(again).isEqualTo(one);
  }

  private static JsonNode withoutTimings(CampaignResult r) throws Exception {
    ObjectNode n = (ObjectNode) Json.mapper().readTree(Json.write(r.toJsonMap()));
    n.remove("provenance");
    for (JsonNode s : n.get("studies")) {
      ((ObjectNode) s).remove("seconds");
    }
    return n;
  }

  @Test
  void ledgerJsonHasTheDocumentedShape(@TempDir Path dir) throws Exception {
    CampaignResult r = run(List.of(FakeStudies.threshold()), 2, null);
    RunFolder.create(dir).writeLedger(r);
    JsonNode n = Json.mapper().readTree(Files.readString(dir.resolve("ledger.json")));
    assertThat(n.get("incomplete").asBoolean()).isFalse();
    assertThat(n.get("provenance").get("seed").asLong()).isEqualTo(SEED);
    for (String k : List.of("tries_per_study", "threads", "engine", "backend", "ncverify_version", "java_version",
        "started", "seconds", "git_commit")) {
      assertThat(n.get("provenance").has(k)).as(k).isTrue();
    }
    assertThat(n.get("provenance").get("engine").asText()).startsWith("local[");
    assertThat(n.get("summary").get("claims").asInt()).isEqualTo(3);
    assertThat(n.get("summary").get("violated").asInt()).isEqualTo(1);
    JsonNode c = n.get("claims").get(0);
    assertThat(c.get("id").asText()).isEqualTo("fake.bounded");
    for (String k : List.of("kind", "paper", "theorem", "statement", "studies", "verdict", "tries",
        "applicable_fraction", "verdicts", "min_coverage", "coverage_ok", "worst_margin", "worst_margin_at",
        "tightness", "first_violation", "counterexample", "errors")) {
      assertThat(c.has(k)).as(k).isTrue();
    }
    assertThat(c.get("kind").asText()).isEqualTo("theorem");
    assertThat(c.get("tightness").get("best").asDouble()).isGreaterThan(1.0);
    for (String k : List.of("at", "generation_best", "targeted")) {
      assertThat(c.get("tightness").has(k)).as(k).isTrue();
    }
    assertThat(n.get("summary").get("verified").asInt()).isEqualTo(1);
    assertThat(n.get("summary").get("identities").get("claims").asInt()).isZero();
    assertThat(c.get("paper").asText()).isEqualTo("[JSWM]");
    assertThat(c.get("verdicts").get("VIOLATED").asInt()).isPositive();
    assertThat(c.get("counterexample").get("case").asText()).isEqualTo("Case[x=500]");
    assertThat(c.get("worst_margin_at").get("case_seed").isNumber()).isTrue();
    assertThat(Files.readString(dir.resolve("ledger.md"))).contains("fake.bounded", "minimal counterexample",
        "Case[x=500]");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(f -> f.endsWith(".tmp"));
    }
  }

  @Test
  void cancelledCampaignIsMarkedIncomplete(@TempDir Path dir) throws Exception {
    CampaignSettings s = CampaignSettings.of(SEED, false, 1).withTries(TRIES);
    Campaign campaign = new Campaign(List.of(FakeStudies.threshold()), s, "test");
    CampaignResult r = campaign.run(recs -> campaign.cancel());
    assertThat(r.incomplete()).isTrue();
    assertThat(r.triesRun()).isLessThan(TRIES);
    CampaignResult snap = campaign.snapshot();
    assertThat(snap.incomplete()).isTrue();
    RunFolder.create(dir).writeLedger(snap);
    JsonNode n = Json.mapper().readTree(Files.readString(dir.resolve("ledger.json")));
    assertThat(n.get("incomplete").asBoolean()).isTrue();
    assertThat(n.get("summary").get("tries_run").asInt()).isEqualTo(snap.generatedTriesRun());
    assertThat(Files.readString(dir.resolve("ledger.md"))).contains("INCOMPLETE");
  }

  @Test
  void onlySelectsAStudyOrAClaimAndRejectsUnknownIds() throws Exception {
    List<Study<?>> studies = List.of(FakeStudies.threshold(), FakeStudies.flaky());
    CampaignResult byClaim = run(studies, 1, "fake.always");
    assertThat(byClaim.entries()).extracting(LedgerEntry::claimId).containsExactly("fake.always");
    CampaignResult byStudy = run(studies, 1, "fake.flaky");
    assertThat(byStudy.entries()).extracting(LedgerEntry::claimId).containsExactly("fake.ok");
    assertThatThrownBy(() -> run(studies, 1, "nope")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown study or claim id 'nope'");
  }

  @Test
  void taskIsSerializableAndPure() throws Exception {
    CampaignTask t = CampaignTask.tries("fake.threshold", Seeds.derive(SEED, "fake.threshold"), TRIES, 3, 2);
    var bytes = new java.io.ByteArrayOutputStream();
    try (var o = new java.io.ObjectOutputStream(bytes)) {
      o.writeObject(t);
    }
    CampaignTask back;
    try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (CampaignTask) in.readObject();
    }
    List<TryRecord> a = t.run(FakeStudies.threshold());
    List<TryRecord> b = back.run(FakeStudies.threshold());
    assertThat(b).extracting(TryRecord::caseText).isEqualTo(a.stream().map(TryRecord::caseText).toList());
    assertThat(a).extracting(TryRecord::tryIndex).containsExactly(3, 4);
    var out = new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream());
    out.writeObject(a.get(0));
    assertThat(a.get(0).observations()).containsKey("x");
  }

  @Test
  void realDeepLinearStudyHoldsAndIsNamedFromTheRegistry() throws Exception {
    CampaignSettings s = CampaignSettings.of(SEED, true, 2);
    CampaignResult r = new Campaign(List.of(new DeepLinearOptimumStudy()), s, "test").run(x -> { });
    LedgerEntry e = entry(r, "dln.optimum");
    assertThat(e.paper()).isEqualTo("[DLN]");
    assertThat(e.statement()).isNotBlank().doesNotContain("not in the claim registry");
    assertThat(e.tries()).isEqualTo(Math.min(CampaignSettings.QUICK_TRIES, new DeepLinearOptimumStudy().defaultTries()));
    assertThat(e.holds()).as(e.toString()).isEqualTo(e.tries());
    assertThat(e.worstMargin()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void tightnessIsTheClosestApproachAndTargetedSearchClimbsIt() throws Exception {
    CampaignResult r = run(List.of(FakeStudies.threshold()), 2, null);
    LedgerEntry always = entry(r, "fake.always");
    double maxGenerated = 0;
    for (int i = 0; i < TRIES; i++) {
      maxGenerated = Math.max(maxGenerated, xOf(i) / (double) FakeStudies.X_MAX);
    }
    LedgerEntry.Tightness t = always.tightness();
    assertThat(t.generationBest()).isCloseTo(maxGenerated, org.assertj.core.data.Offset.offset(TOL));
    // the climb's budget counts the replay of its start case, which is not recorded again
    assertThat(t.targetedEvaluations()).isPositive().isLessThan(CampaignSettings.of(SEED, false, 2).climbBudget(TRIES, 2));
    assertThat(t.targetedBest()).isGreaterThanOrEqualTo(t.generationBest());
    assertThat(t.best()).isEqualTo(Math.max(t.generationBest(), t.targetedBest()));
    assertThat(entry(r, "fake.never").tightness().best()).isNull();
    assertThat(entry(r, "fake.never").tightness().targetedEvaluations()).isZero();
  }

  @Test
  void targetedSearchFindsAViolationTheGeneratedTriesMiss() throws Exception {
    CampaignSettings settings = CampaignSettings.of(SEED, false, 2).withTries(NEEDLE_TRIES);
    CampaignResult off = new Campaign(List.of(FakeStudies.needle()), settings.withTargetTries(0), "test").run(x -> { });
    LedgerEntry missed = entry(off, "fake.needle");
    assertThat(missed.overall()).isEqualTo("HOLDS");
    assertThat(off.triesRun()).isEqualTo(NEEDLE_TRIES);

    CampaignResult on = new Campaign(List.of(FakeStudies.needle()), settings, "test").run(x -> { });
    LedgerEntry found = entry(on, "fake.needle");
    assertThat(found.violated()).as("no generated try hits the needle").isZero();
    assertThat(found.tightness().targetedViolations()).isPositive();
    assertThat(found.overall()).isEqualTo("VIOLATED");
    assertThat(found.firstViolation().target()).isEqualTo("fake.needle");
    assertThat(found.counterexample().shrunkCase()).isEqualTo(new FakeStudies.Case(FakeStudies.NEEDLE).toString());
    assertThat(found.counterexample().flaky()).isFalse();
  }
}
