package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  private static final int K = 3;
  private static final int PER_CLASS = 4;
  private static final int N = K * PER_CLASS;
  private static final double TOL = 1e-9;

  /**
   * An exactly collapsed, exactly balanced model: features X entering the head are the one-hot class
   * vectors (N x K), head W1 = I_K and W = W2 = I_K, so H = X and the outputs equal Y exactly.
   */
  private static void writeCollapsedModel(Path dir) throws IOException {
    double[] x = new double[N * K];
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % K;
      x[i * K + y[i]] = 1.0;
    }
    double[] eye = new double[K * K];
    for (int c = 0; c < K; c++) {
      eye[c * K + c] = 1.0;
    }
    NpyWriter.writeMatrix(dir.resolve("X.npy"), x, N, K);
    NpyWriter.writeMatrix(dir.resolve("H.npy"), x, N, K);
    NpyWriter.writeLabels(dir.resolve("y.npy"), y);
    NpyWriter.writeMatrix(dir.resolve("W1.npy"), eye, K, K);
    NpyWriter.writeMatrix(dir.resolve("W.npy"), eye, K, K);
  }

  private static String[] args(Path dir, String... extra) {
    String[] base = {"check", "--features", dir.resolve("H.npy").toString(), "--labels", dir.resolve("y.npy").toString(),
        "--weights", dir.resolve("W.npy").toString(), "--layers", dir.resolve("W1.npy") + "," + dir.resolve("W.npy"),
        "--pre-linear-features", dir.resolve("X.npy").toString()};
    String[] out = new String[base.length + extra.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(extra, 0, out, base.length, extra.length);
    return out;
  }

  @Test
  void exactlyCollapsedBalancedModelSatisfiesTheExactJswmClaims(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--json"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = Json.mapper().readTree(r.out());
    assertThat(n.get("metrics").get("nc1").asDouble()).isLessThan(TOL);
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode c : n.get("claims")) {
      byId.put(c.get("id").asText(), c);
      assertThat(c.get("verdict").asText()).as(c.toString()).isNotEqualTo("VIOLATED");
      for (String k : new String[] {"id", "paper", "theorem", "verdict", "assumptions", "conclusion"}) {
        assertThat(c.has(k)).isTrue();
      }
    }
    for (String id : new String[] {"jswm.thm3.1.nc1.exact", "jswm.thm3.1.nc1"}) {
      assertThat(byId).containsKey(id);
      assertThat(byId.get(id).get("verdict").asText()).as(id).isEqualTo("HOLDS");
      assertThat(byId.get(id).get("conclusion").get("value").asDouble()).isLessThan(TOL);
    }
    JsonNode exact = byId.get("jswm.thm3.1.nc1.exact");
    exact.get("assumptions").forEach(a -> {
      assertThat(a.get("holds").asBoolean()).isTrue();
      assertThat(a.has("value") && a.has("threshold")).isTrue();
    });
    assertThat(n.get("claims").size() + n.get("not_measured").size()).isEqualTo(ClaimRegistry.standard().all().size());
  }

  @Test
  void textOutputListsVerdictsAndNumbers(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("HOLDS", "jswm.thm3.1.nc1.exact", "assumption ok", "conclusion ok",
        "Not measured from these inputs");
  }

  @Test
  void deepLinearOptimumIsALowerBoundOnTheModelObjective(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--json", "--lambda-w", "1e-3", "--lambda-h", "1e-3", "--loss", "mse"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode opt = Json.mapper().readTree(r.out()).get("optimum");
    // objective of the model, computed by hand: fit 0, (lambda/2)(||I||^2 + ||I||^2) + (lambda/2)||X||^2
    double expected = 1e-3 / 2 * (K + K) + 1e-3 / 2 * N;
    assertThat(opt.get("deep_linear_objective").asDouble()).isCloseTo(expected, org.assertj.core.data.Offset.offset(TOL));
    assertThat(opt.get("deep_linear_gap").asDouble()).isGreaterThanOrEqualTo(-TOL);
    JsonNode claims = Json.mapper().readTree(r.out()).get("claims");
    boolean dln = false;
    for (JsonNode c : claims) {
      if (c.get("id").asText().equals("dln.thm3.1.optimum") || c.get("paper").asText().equals("[DLN]")
          && c.get("assumptions").has("training converged")) {
        dln = true;
        assertThat(c.get("verdict").asText()).isEqualTo("HOLDS");
      }
    }
    assertThat(dln).isTrue();
  }

  @Test
  void seliDistanceOfAnEtfClassifierIsZeroForBalancedClasses(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--json", "--lambda-w", "1e-3", "--lambda-h", "1e-3", "--loss", "ce"));
    assertThat(r.code()).as(r.err()).isZero();
    // W = I_K: W W^T = I is not the centred simplex Gram I - 11^T/K, so the distance is that of the two
    // normalized matrices: || I/sqrt(K) - (I - J/K)/sqrt(K-1) ||_F
    double a = 1 / Math.sqrt(K);
    double b = 1 / Math.sqrt(K - 1);
    double diag = a - b * (1 - 1.0 / K);
    double off = b / K;
    double expected = Math.sqrt(K * diag * diag + K * (K - 1) * off * off);
    assertThat(Json.mapper().readTree(r.out()).get("optimum").get("seli_distance").asDouble())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void mismatchedLabelsAreOneLineExit2(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    NpyWriter.writeLabels(dir.resolve("y.npy"), new int[] {0, 1, 2});
    CliRun r = CliRun.of(args(dir));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("labels");
  }
}
