package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import ncverify.properties.study.Study;
import ncverify.reports.campaign.FailingEngineProvider;
import ncverify.reports.campaign.FakeStudies;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignCommandTest {

  private Supplier<List<Study<?>>> saved;

  @BeforeEach
  void fakeRegistry() {
    saved = CampaignCommand.studies;
    CampaignCommand.studies = () -> List.of(FakeStudies.threshold(), FakeStudies.flaky());
  }

  @AfterEach
  void restore() {
    CampaignCommand.studies = saved;
  }

  @Test
  void quickCampaignWritesLedgerFiguresAndIndex(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    CliRun r = CliRun.of("campaign", "--quick", "--tries", "30", "--threads", "2", "--seed", "7", "--out",
        out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Claims: 2 of 4 theorem-level claims verified (held wherever applicable), 1 violated,"
        + " 1 never applicable.", "Tightness (closest approach to the bound", "targeted search: climbing",
        "VIOLATED fake.bounded",
        "minimal case Case[x=500]", "errors: study fake.flaky failed on", out.resolve("index.html").toAbsolutePath().toString());
    JsonNode n = Json.mapper().readTree(Files.readString(out.resolve("ledger.json")));
    assertThat(n.get("incomplete").asBoolean()).isFalse();
    assertThat(n.get("provenance").get("seed").asLong()).isEqualTo(7);
    // issue 15: the best score of each claim's targeted climb is in the ledger (no climb for a claim that
    // never applies, or one the generated tries already violated)
    for (JsonNode claim : n.get("claims")) {
      JsonNode targeted = claim.get("tightness").get("targeted");
      if (claim.get("verdict").asText().equals("HOLDS")) {
        assertThat(targeted.get("evaluations").asInt()).as(claim.toString()).isPositive();
        assertThat(targeted.get("best").isNumber()).as(claim.toString()).isTrue();
      }
    }
    for (String stem : List.of("nc_vs_epoch", "seli_distance", "dang_norms", "dufm_depth", "coverage", "tightness")) {
      for (String ext : List.of(".png", ".svg")) {
        Path f = out.resolve(stem + ext);
        assertThat(f).as(r.out()).exists();
        assertThat(Files.size(f)).as(f.toString()).isGreaterThan(1000);
      }
    }
    assertThat(Files.readString(out.resolve("coverage.svg"))).contains("<svg");
    for (String f : List.of("ledger.json", "ledger.md", "index.html")) {
      if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        assertThat(Files.getPosixFilePermissions(out.resolve(f)))
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
      }
    }
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).contains("fake.bounded", "nc_vs_epoch.png", "tightness.png", "ledger.json")
        .doesNotContain("http://", "https://");
    assertThat(Files.readString(out.resolve("ledger.md"))).contains("| tightness | targeted best |",
        "(closest approach to the bound)");
  }

  /**
   * ledger.json, ledger.md and index.html give the claims per backbone family: the fake study's claim
   * is not applicable on mlp, holds on cnn and is violated on resnet, so each family's counts follow
   * from its tries, and the tries of the families add up to the study's generated tries.
   */
  @Test
  void ledgerReportsTheClaimsPerBackboneFamily(@TempDir Path dir) throws Exception {
    CampaignCommand.studies = () -> List.of(FakeStudies.backbones());
    Path out = dir.resolve("run");
    CliRun r = CliRun.of("campaign", "--tries", "30", "--threads", "2", "--seed", "7", "--target-tries", "0",
        "--no-figures", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = Json.mapper().readTree(Files.readString(out.resolve("ledger.json")));
    JsonNode per = n.get("claims_per_backbone").get("fake.family");
    assertThat(per.fieldNames()).toIterable().containsExactly("cnn", "mlp", "resnet");
    int total = 0;
    String md = Files.readString(out.resolve("ledger.md"));
    String html = Files.readString(out.resolve("index.html"));
    for (String family : List.of("mlp", "cnn", "resnet")) {
      JsonNode c = per.get(family);
      int tries = c.get("tries").asInt();
      total += tries;
      assertThat(tries).as(family).isPositive();
      int holds = family.equals("cnn") ? tries : 0;
      int violated = family.equals("resnet") ? tries : 0;
      assertThat(c.get("holds").asInt()).as(family).isEqualTo(holds);
      assertThat(c.get("violated").asInt()).as(family).isEqualTo(violated);
      assertThat(c.get("applicable").asInt()).as(family).isEqualTo(holds + violated);
      assertThat(c.get("not_applicable").asInt()).as(family).isEqualTo(tries - holds - violated);
      String pct = holds + violated == 0 ? "0%" : "100%";
      assertThat(md).contains(String.format("| fake.family | %s | %d | %d (%s) | %d | %d | %d |", family, tries,
          holds + violated, pct, holds, violated, tries - holds - violated));
      assertThat(html).contains(String.format("<tr><td><code>fake.family</code></td><td>%s</td><td>%d</td>"
          + "<td>%d (%s)</td>", family, tries, holds + violated, pct));
    }
    assertThat(total).isEqualTo(n.get("studies").get(0).get("tries").asInt()).isEqualTo(30);
    assertThat(html).contains("<h2>Claims per backbone family</h2>");
    assertThat(md).contains("## Claims per backbone family");
  }

  @Test
  void unknownIdIsOneLineAndExit2(@TempDir Path dir) {
    CliRun r = CliRun.of("campaign", "--only", "no.such.claim", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("ncv: unknown study or claim id 'no.such.claim'").doesNotContain("\n");
  }

  /** An engine that fails mid-run (a cluster that removed the application): one line, exit 2, the finished tries. */
  @Test
  void engineFailureWritesTheFinishedTriesAsAnIncompleteLedger(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.of("campaign", "--engine", "failing", "--tries", "10", "--threads", "1", "--seed", "7",
        "--no-figures", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").isEqualTo("ncv: " + FailingEngineProvider.CAUSE
        + "; 10 of 20 tries finished, incomplete ledger in " + dir);
    JsonNode ledger = Json.mapper().readTree(dir.resolve("ledger.json").toFile());
    assertThat(ledger.get("incomplete").asBoolean()).isTrue();
    assertThat(ledger.get("summary").get("tries_run").asInt()).isEqualTo(10);
    assertThat(ledger.get("summary").get("tries_planned").asInt()).isEqualTo(20);
  }

  @Test
  void unwritableOutIsOneLineAndExit2(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    CliRun r = CliRun.of("campaign", "--tries", "1", "--out", file.resolve("sub").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("ncv: cannot write the output folder").doesNotContain("\n");
  }

  @Test
  void badCountsAreOneLineAndExit2(@TempDir Path dir) {
    for (String[] bad : new String[][] {{"--threads", "0"}, {"--tries", "-3"}, {"--data", "mnist"}}) {
      CliRun r = CliRun.of("campaign", bad[0], bad[1], "--out", dir.toString());
      assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("ncv: ").doesNotContain("\n");
    }
  }

  @Test
  void emptyRegistrySaysSo(@TempDir Path dir) {
    CampaignCommand.studies = List::of;
    CliRun r = CliRun.of("campaign", "--quick", "--no-figures", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("no study is registered");
    assertThat(dir.resolve("ledger.json")).exists();
    assertThat(dir.resolve("index.html")).exists();
  }
}
