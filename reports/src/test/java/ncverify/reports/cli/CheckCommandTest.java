package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ncverify.reports.check.ModelCheck;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.assertj.core.data.Offset;
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

  private static Map<String, JsonNode> byId(JsonNode n) {
    Map<String, JsonNode> byId = new HashMap<>();
    for (JsonNode c : n.get("claims")) {
      byId.put(c.get("id").asText(), c);
    }
    return byId;
  }

  private static List<String> notMeasured(JsonNode claim) {
    List<String> q = new ArrayList<>();
    claim.get("not_measured").forEach(m -> q.add(m.get("quantity").asText()));
    return q;
  }

  @Test
  void exactlyCollapsedBalancedModelSatisfiesTheExactJswmClaims(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--json"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = Json.mapper().readTree(r.out());
    assertThat(n.get("metrics").get("nc1").asDouble()).isLessThan(TOL);
    Map<String, JsonNode> byId = byId(n);
    assertThat(byId).hasSize(ClaimRegistry.standard().all().size());
    for (JsonNode c : n.get("claims")) {
      assertThat(c.get("verdict").asText()).as(c.toString()).isNotEqualTo("VIOLATED");
      for (String k : new String[] {"id", "paper", "theorem", "verdict", "assumptions", "conclusion", "not_measured"}) {
        assertThat(c.has(k)).as(k).isTrue();
      }
      // a claim is judged iff every quantity it needs was measured
      assertThat(c.get("verdict").asText().equals(ModelCheck.NOT_JUDGED)).as(c.toString())
          .isEqualTo(!c.get("not_measured").isEmpty());
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
    JsonNode s = n.get("summary");
    int total = 0;
    for (String v : new String[] {"HOLDS", "VIOLATED", "NOT_APPLICABLE", ModelCheck.NOT_JUDGED}) {
      long count = 0;
      for (JsonNode c : n.get("claims")) {
        count += c.get("verdict").asText().equals(v) ? 1 : 0;
      }
      assertThat(s.get(v).asLong()).as(v).isEqualTo(count);
      total += (int) count;
    }
    assertThat(total).isEqualTo(ClaimRegistry.standard().all().size());
  }

  /**
   * Settings the user did not give are never filled in: without --lambda-w and --lr the weight decay
   * and the learning rate are not measured (before, lambda = 0 and eta = 0 made the claims needing them
   * NOT_APPLICABLE), and no stationarity is claimed.
   */
  @Test
  void quantitiesOfSettingsNotGivenAreNotMeasuredAndTheirClaimsNotJudged(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    JsonNode n = Json.mapper().readTree(CliRun.of(args(dir, "--json")).out());
    Map<String, JsonNode> byId = byId(n);
    JsonNode crit = byId.get("jswm.critical.balancedness");
    assertThat(crit.get("verdict").asText()).isEqualTo(ModelCheck.NOT_JUDGED);
    assertThat(notMeasured(crit)).contains("lambda");
    JsonNode stability = byId.get("jswm.prop5.3.stability");
    assertThat(stability.get("verdict").asText()).isEqualTo(ModelCheck.NOT_JUDGED);
    assertThat(notMeasured(stability)).contains("eta");
    assertThat(stability.get("not_measured").get(0).get("reason").asText()).contains("--lr");
    assertThat(n.get("stationarity").get("measured").asBoolean()).isFalse();
    // given, they are measured and the claims judged
    JsonNode given = Json.mapper().readTree(CliRun.of(args(dir, "--json", "--lambda-w", "1e-3", "--loss", "mse",
        "--lr", "0.05")).out());
    Map<String, JsonNode> judged = byId(given);
    // the critical-point claim cross-checks a trainer's own gradients: never judged from dumped arrays
    assertThat(judged.get("jswm.critical.balancedness").get("verdict").asText()).isEqualTo(ModelCheck.NOT_JUDGED);
    assertThat(judged.get("jswm.critical.balancedness").get("not_measured").get(0).get("reason").asText())
        .contains("training engine's own gradients");
    assertThat(judged.get("jswm.prop5.3.stability").get("verdict").asText()).isIn("HOLDS", "NOT_APPLICABLE");
    assertThat(judged.get("jswm.prop5.3.stability").get("assumptions").get("eta > 0").get("value").asDouble())
        .isEqualTo(0.05);
  }

  @Test
  void textOutputListsVerdictsNumbersAndWhatIsNotMeasured(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("HOLDS", "jswm.thm3.1.nc1.exact", "assumption ok", "conclusion ok", "NOT_JUDGED",
        "not measured    eta: the learning rate of the training run: give --lr", "Summary: ",
        "Head stationarity: not measured");
  }

  /**
   * A network is compared with the [DLN] optimum as a gap, and no UFM claim gets a verdict on it (the
   * tool used to report dln.optimum HOLDS for any network above the optimum, granting itself
   * "training converged").
   */
  @Test
  void deepLinearOptimumIsAGapNotAVerdict(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--json", "--lambda-w", "1e-3", "--lambda-h", "1e-3", "--loss", "mse"));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode n = Json.mapper().readTree(r.out());
    JsonNode dl = n.get("ufm_gap").get("deep_linear");
    // objective of the model, computed by hand: fit 0, (lambda/2)(||I||^2 + ||I||^2) + (lambda/2)||X||^2
    double expected = 1e-3 / 2 * (K + K) + 1e-3 / 2 * N;
    assertThat(dl.get("objective").asDouble()).isCloseTo(expected, Offset.offset(TOL));
    assertThat(dl.get("gap").asDouble()).isCloseTo(expected - dl.get("optimum").asDouble(), Offset.offset(TOL))
        .isGreaterThanOrEqualTo(-TOL);
    assertThat(dl.get("meaning").asText()).contains("not a verdict");
    for (JsonNode c : n.get("claims")) {
      if (!c.get("paper").asText().equals("[JSWM]")) {
        assertThat(c.get("verdict").asText()).as(c.get("id").asText()).isEqualTo(ModelCheck.NOT_JUDGED);
        assertThat(c.get("not_measured").get(0).get("reason").asText()).isEqualTo(ModelCheck.UFM_REASON);
      }
    }
    assertThat(CliRun.of(args(dir, "--lambda-w", "1e-3", "--lambda-h", "1e-3", "--loss", "mse")).out())
        .contains("Gap to the unconstrained-features optimum (a comparison, not a verdict)")
        .doesNotContain("HOLDS           dln.");
  }

  /** W = I_K against the SELI Gram of balanced classes, the centred simplex I - 11^T/K: a closed-form distance. */
  @Test
  void seliDistanceOfTheIdentityClassifierIsItsClosedForm(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--json", "--lambda-w", "1e-3", "--lambda-h", "1e-3", "--loss", "ce"));
    assertThat(r.code()).as(r.err()).isZero();
    // || I/sqrt(K) - (I - J/K)/sqrt(K-1) ||_F of the two normalized Grams
    double a = 1 / Math.sqrt(K);
    double b = 1 / Math.sqrt(K - 1);
    double diag = a - b * (1 - 1.0 / K);
    double off = b / K;
    double expected = Math.sqrt(K * diag * diag + K * (K - 1) * off * off);
    assertThat(Json.mapper().readTree(r.out()).get("ufm_gap").get("seli").get("distance").asDouble())
        .isCloseTo(expected, Offset.offset(1e-9));
  }

  /** W = the simplex ETF (rows of I - 11^T/K) has W W^T proportional to the SELI Gram of balanced classes: distance 0. */
  @Test
  void seliDistanceOfAnEtfClassifierIsZeroForBalancedClasses(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    double[] etf = new double[K * K];
    for (int i = 0; i < K; i++) {
      for (int j = 0; j < K; j++) {
        etf[i * K + j] = (i == j ? 1.0 : 0.0) - 1.0 / K;
      }
    }
    NpyWriter.writeMatrix(dir.resolve("Wetf.npy"), etf, K, K);
    CliRun r = CliRun.of("check", "--features", dir.resolve("H.npy").toString(), "--labels",
        dir.resolve("y.npy").toString(), "--weights", dir.resolve("Wetf.npy").toString(), "--json", "--lambda-w", "1e-3",
        "--lambda-h", "1e-3", "--loss", "ce");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Json.mapper().readTree(r.out()).get("ufm_gap").get("seli").get("distance").asDouble())
        .isCloseTo(0.0, Offset.offset(1e-12));
  }

  /**
   * Head stationarity from the arrays: the ridge minimizer W* = Y H^T (H H^T + N lambda I)^{-1} of the
   * one-layer head under (1/(2N))||W H - Y||^2 + (lambda/2)||W||^2 is near a critical point with
   * --reduction mean and not with sum; W = I_K is not.
   */
  @Test
  void headAtTheRidgeMinimizerIsNearACriticalPoint(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    // H = one-hot, so H H^T = diag(n_k) and W* = diag(n_k / (n_k + N lambda)) for Y H^T = diag(n_k)
    double lambda = 1e-2;
    double[] ridge = new double[K * K];
    for (int c = 0; c < K; c++) {
      ridge[c * K + c] = PER_CLASS / (PER_CLASS + N * lambda);
    }
    NpyWriter.writeMatrix(dir.resolve("Wr.npy"), ridge, K, K);
    String[] base = {"check", "--features", dir.resolve("H.npy").toString(), "--labels", dir.resolve("y.npy").toString(),
        "--weights", dir.resolve("Wr.npy").toString(), "--json", "--lambda-w", String.valueOf(lambda), "--loss", "mse"};
    JsonNode mean = Json.mapper().readTree(CliRun.of(with(base, "--reduction", "mean")).out()).get("stationarity");
    assertThat(mean.get("max_relative").asDouble()).isLessThan(1e-12);
    assertThat(mean.get("near_critical").asBoolean()).isTrue();
    JsonNode sum = Json.mapper().readTree(CliRun.of(with(base, "--reduction", "sum")).out()).get("stationarity");
    assertThat(sum.get("max_relative").asDouble()).isGreaterThan(0.5);
    assertThat(sum.get("near_critical").asBoolean()).isFalse();
  }

  private static String[] with(String[] base, String... more) {
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  @Test
  void badReductionIsOneLineExit2(@TempDir Path dir) throws Exception {
    writeCollapsedModel(dir);
    CliRun r = CliRun.of(args(dir, "--reduction", "avg"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--reduction must be sum, mean or torch-mean");
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
