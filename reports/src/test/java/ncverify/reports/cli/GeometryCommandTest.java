package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import ncverify.reports.io.ArrayFiles;
import ncverify.reports.json.Json;
import ncverify.theory.ReferenceValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values come from docs/theory.md's closed forms and reference numbers, not from the code. */
class GeometryCommandTest {

  static final double TOL = 1e-8;

  @TempDir
  Path dir;

  static JsonNode json(String... args) throws Exception {
    CliRun r = CliRun.of(args);
    assertThat(r.code()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  @Test
  void seliStepSingularValuesFollowTheClosedForm() throws Exception {
    JsonNode j = json("geometry", "seli", "--k", "4", "--R", "10", "--rho", "0.5", "--nmin", "5", "--json");
    JsonNode s = j.get("singular_values");
    // (R, rho)-STEP, K=4, rho K = 2: sqrt(R nmin) x ((1-rho)K - 1), sqrt(nmin (1 - rho + rho R)), sqrt(nmin) x (rho K - 1), 0
    assertThat(s.get(0).asDouble()).isCloseTo(Math.sqrt(50), org.assertj.core.data.Offset.offset(TOL));
    assertThat(s.get(1).asDouble()).isCloseTo(Math.sqrt(5 * (1 - 0.5 + 5)), org.assertj.core.data.Offset.offset(TOL));
    assertThat(s.get(2).asDouble()).isCloseTo(Math.sqrt(5), org.assertj.core.data.Offset.offset(TOL));
    assertThat(s.get(3).asDouble()).isCloseTo(0, org.assertj.core.data.Offset.offset(TOL));
    JsonNode g = j.get("gram_w");
    double fro = 0;
    for (JsonNode row : g) {
      for (JsonNode x : row) {
        fro += x.asDouble() * x.asDouble();
      }
    }
    assertThat(fro).isCloseTo(1, org.assertj.core.data.Offset.offset(TOL));
  }

  @Test
  void seliBalancedIsTheSimplexEtf() throws Exception {
    JsonNode g = json("geometry", "seli", "--class-sizes", "3,3,3", "--json").get("gram_w");
    // (I - 11^T/K) normalized: diagonal (1 - 1/K)/||.||, off-diagonal -1/K/||.||, ||.|| = sqrt(K-1)
    double norm = Math.sqrt(2);
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        double expected = (i == k ? 2.0 / 3 : -1.0 / 3) / norm;
        assertThat(g.get(i).get(k).asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(TOL));
      }
    }
  }

  @Test
  void dangMinorityCollapseFollowsTheThresholdRule() throws Exception {
    // M = 1: class k survives iff n_k > N^2 lambda_W lambda_H; N = 110, lambda = 1e-3 => threshold 0.0121 * ... use lambdas so it is 5
    double lambda = Math.sqrt(5.0) / 110;
    JsonNode j = json("geometry", "dang", "--class-sizes", "100,6,4", "--layers", "1", "--lambda-w", String.valueOf(lambda),
        "--lambda-h", String.valueOf(lambda), "--json");
    assertThat(j.get("survives").get(0).asBoolean()).isTrue();
    assertThat(j.get("survives").get(1).asBoolean()).isTrue();
    assertThat(j.get("survives").get(2).asBoolean()).isFalse();
    assertThat(j.get("class_mean_norms").get(2).asDouble()).isZero();
  }

  @Test
  void dufmReproducesThePapersReferenceNumbersAndSavesTheSolution() throws Exception {
    JsonNode j = json("geometry", "dufm", "--k", "10", "--layers", "4", "--n", "1", "--lambda", "4e-3", "--json",
        "--save-dir", dir.toString());
    assertThat(j.get("dnc_loss").asDouble()).isCloseTo(ReferenceValues.DUFM_DNC_LOSS_K10_L4, org.assertj.core.data.Offset.offset(1e-8));
    assertThat(j.get("low_rank_loss").asDouble()).isLessThanOrEqualTo(ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L4 + 1e-8);
    assertThat(j.get("dnc_optimal").asBoolean()).isFalse();
    assertThat(j.get("low_rank_rank").asInt()).isLessThan(10);
    var h1 = ArrayFiles.matrix(dir.resolve("H1.npy"), "H1");
    assertThat(h1.numRows).isEqualTo(10);
    for (int l = 1; l <= 4; l++) {
      assertThat(dir.resolve("W" + l + ".npy")).exists();
    }
    JsonNode binary = json("geometry", "dufm", "--k", "2", "--layers", "3", "--lambda", "4e-3", "--json");
    assertThat(binary.get("dnc_optimal").asBoolean()).isTrue();
  }

  @Test
  void badInputIsOneLineExitTwo() {
    String[][] cases = {
        {"geometry", "seli", "--k", "4", "--R", "10", "--rho", "0.3", "--nmin", "5"},
        {"geometry", "seli", "--class-sizes", "5,0,3"},
        {"geometry", "dang", "--class-sizes", "5,3", "--lambda-w", "-1", "--lambda-h", "1e-3"},
        {"geometry", "dang", "--class-sizes", "5", "--lambda-w", "1e-3", "--lambda-h", "1e-3"},
        {"geometry", "dufm", "--k", "1", "--layers", "3", "--lambda", "1e-3"},
        {"geometry", "dufm", "--k", "4", "--layers", "0", "--lambda", "1e-3"},
        {"geometry", "dufm", "--k", "4", "--layers", "3", "--lambda", "0"},
        {"geometry", "seli"},
    };
    for (String[] c : cases) {
      CliRun r = CliRun.of(c);
      assertThat(r.code()).as(String.join(" ", c) + " -> " + r.err()).isEqualTo(Ncv.EXIT_USER_ERROR);
      assertThat(r.err()).as(String.join(" ", c)).startsWith("ncv: ").doesNotContain("Exception");
    }
  }
}
