package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ncverify.reports.io.ArrayFiles;
import ncverify.reports.json.Json;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

  /** Relative tolerance of the independent recomputation of the objective from the saved files. */
  static final double REL_TOL = 1e-10;

  @TempDir
  Path dir;

  /** A tiny mlp: 1 ReLU layer, a 2-layer linear head, SGD with mini-batches (shuffling is seeded). */
  static final String[] TINY_MLP = {"train", "--model", "mlp", "--class-sizes", "8,8,5", "--dim", "5", "--width", "8",
      "--nonlinear-layers", "1", "--layers", "2", "--lr", "1e-3", "--batch", "6", "--epochs", "15", "--quiet"};

  static String[] with(String[] base, String... more) {
    String[] out = new String[base.length + more.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  static JsonNode json(CliRun r) throws IOException {
    assertThat(r.code()).as(r.err()).isZero();
    return Json.mapper().readTree(r.out());
  }

  static List<String> keys(JsonNode n) {
    List<String> k = new ArrayList<>();
    n.fieldNames().forEachRemaining(k::add);
    return k;
  }

  @Test
  void jsonHasTheIssueKeysAndTheJswmAssumptions() throws IOException {
    JsonNode j = json(CliRun.of(with(TINY_MLP, "--json")));
    assertThat(keys(j)).containsSubsequence("final_loss", "train_error", "metrics", "assumptions", "config",
        "trajectory", "timing");
    assertThat(j.get("metrics").has("nc1")).isTrue();
    assertThat(j.get("metrics").has("balancedness")).isTrue();
    assertThat(keys(j.get("assumptions"))).contains("eps1", "eps2", "r", "kappa_Z_in", "kappa_A", "n_min", "n_max");
    assertThat(j.get("assumptions").get("n_min").asInt()).isEqualTo(5);
    JsonNode c = j.get("config");
    assertThat(keys(c)).contains("seed", "backend", "threads", "lr", "batch", "weight_decay", "epochs", "class_sizes");
    assertThat(c.get("seed").asLong()).isEqualTo(7);
    assertThat(c.get("threads").asInt()).isPositive();
    JsonNode traj = j.get("trajectory");
    assertThat(traj.size()).isGreaterThanOrEqualTo(2);
    assertThat(traj.get(0).get("step").asInt()).isZero();
    assertThat(traj.get(traj.size() - 1).get("step").asInt()).isEqualTo(j.get("steps").asInt());
    assertThat(keys(traj.get(0))).contains("loss", "train_error", "nc1", "nc3", "balancedness_rel",
        "kappa_features_in");
    // the last trajectory point is the final evaluation
    assertThat(traj.get(traj.size() - 1).get("loss").asDouble()).isEqualTo(j.get("final_loss").asDouble());
  }

  /** final_loss = (1/(2N))||W_2 W_1 H - Y||^2 + (lw/2) sum ||W_m||^2 + (lh/2)||H||^2 from the saved files (H = Z0). */
  @Test
  void finalLossIsTheDeepLinearObjectiveOfTheSavedMatrices() throws IOException {
    double lw = 0.01;
    double lh = 0.02;
    JsonNode j = json(CliRun.of("train", "--model", "deep-linear", "--class-sizes", "6,6,3", "--dim", "5",
        "--layers", "2", "--lambda-w", Double.toString(lw), "--lambda-h", Double.toString(lh), "--epochs", "40",
        "--quiet", "--json", "--save-dir", dir.toString()));
    DMatrixRMaj h = ArrayFiles.features(dir.resolve("Z0.npy"));
    int[] y = ArrayFiles.labels(dir.resolve("y.npy"));
    DMatrixRMaj w1 = ArrayFiles.matrix(dir.resolve("W1.npy"), "W1");
    DMatrixRMaj w2 = ArrayFiles.matrix(dir.resolve("W2.npy"), "W2");
    int n = y.length;
    double data = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        double z = 0;
        for (int a = 0; a < w2.numCols; a++) {
          double hidden = 0;
          for (int b = 0; b < w1.numCols; b++) {
            hidden += w1.get(a, b) * h.get(b, i);
          }
          z += w2.get(c, a) * hidden;
        }
        double e = z - (y[i] == c ? 1 : 0);
        data += e * e;
      }
    }
    double expected = data / (2.0 * n) + lw / 2 * (sq(w1) + sq(w2)) + lh / 2 * sq(h);
    assertThat(j.get("final_loss").asDouble()).isCloseTo(expected, within(REL_TOL * expected));
    // H.npy holds the penultimate features W_1 H
    DMatrixRMaj penult = ArrayFiles.features(dir.resolve("H.npy"));
    DMatrixRMaj w1h = CommonOps_DDRM.mult(w1, h, null);
    for (int i = 0; i < penult.getNumElements(); i++) {
      assertThat(penult.get(i)).isCloseTo(w1h.get(i), within(1e-12 * (1 + Math.abs(w1h.get(i)))));
    }
    assertThat(j.get("assumptions").get("L2").asInt()).isEqualTo(2);
  }

  static double sq(DMatrixRMaj m) {
    double s = 0;
    for (int i = 0; i < m.getNumElements(); i++) {
      s += m.get(i) * m.get(i);
    }
    return s;
  }

  @Test
  void savedFilesReproduceTheMetricsThroughNcvMetrics() throws IOException {
    JsonNode j = json(CliRun.of(with(TINY_MLP, "--json", "--save-dir", dir.toString())));
    // layers W1 (ReLU), W2, W3: the linear head is W2, W3
    CliRun m = CliRun.of("metrics", "--features", dir.resolve("H.npy").toString(), "--labels",
        dir.resolve("y.npy").toString(), "--weights", dir.resolve("W.npy").toString(), "--layers",
        dir.resolve("W2.npy") + "," + dir.resolve("W3.npy"), "--json");
    JsonNode metrics = json(m);
    assertThat(metrics).isEqualTo(j.get("metrics"));
    DMatrixRMaj w = ArrayFiles.matrix(dir.resolve("W.npy"), "W");
    DMatrixRMaj w3 = ArrayFiles.matrix(dir.resolve("W3.npy"), "W3");
    assertThat(CommonOps_DDRM.subtract(w, w3, null).data).containsOnly(0.0);
    assertThat(ArrayFiles.features(dir.resolve("H.npy")).numRows).isEqualTo(8);
  }

  @Test
  void sameSeedGivesTheSameJsonApartFromTiming() throws IOException {
    JsonNode a = json(CliRun.of(with(TINY_MLP, "--json")));
    JsonNode b = json(CliRun.of(with(TINY_MLP, "--json")));
    ((ObjectNode) a).remove("timing");
    ((ObjectNode) b).remove("timing");
    assertThat(Json.write(a)).isEqualTo(Json.write(b));
    JsonNode c = json(CliRun.of(with(TINY_MLP, "--json", "--seed", "8")));
    assertThat(c.get("final_loss").asDouble()).isNotEqualTo(a.get("final_loss").asDouble());
  }

  @Test
  void divergenceNamesTheStepAndExitsTwo() {
    CliRun r = CliRun.of("train", "--model", "mlp", "--class-sizes", "8,8", "--dim", "5", "--width", "8", "--lr", "1",
        "--epochs", "50", "--quiet", "--json");
    assertThat(r.code()).isEqualTo(Ncv.EXIT_USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("ncv: diverged at step ").doesNotContain("Exception");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void badFlagsGiveOneLineAndExitTwo() {
    String[][] cases = {
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--lr", "-1"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--lambda-w", "-0.1"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--lambda-h", "-1"},
        {"train", "--model", "mlp", "--class-sizes", "4,4", "--weight-decay", "-1"},
        {"train", "--model", "ufm", "--class-sizes", "4"},
        {"train", "--model", "ufm", "--class-sizes", "4,0,4"},
        {"train", "--model", "ufm", "--class-sizes", "4,x"},
        {"train", "--model", "vgg", "--class-sizes", "4,4"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--layers", "2"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--weight-decay", "0.1"},
        {"train", "--model", "mlp", "--class-sizes", "4,4", "--lambda-w", "0.1"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--batch", "0"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--loss", "hinge"},
        {"train", "--model", "ufm", "--class-sizes", "4,4", "--momentum", "1"},
        {"train", "--model", "dufm", "--class-sizes", "4,4", "--data", "fashion-mnist"},
        {"train", "--model", "mlp", "--class-sizes", "4,4", "--data", "fashion-mnist", "--data-dir",
            dir.resolve("nothing-here").toString()},
    };
    for (String[] c : cases) {
      assertUserError(CliRun.of(with(c, "--quiet")), String.join(" ", c));
    }
  }

  /** Exit 2, nothing on stdout, one line on stderr naming the problem without a Java class name. */
  static void assertUserError(CliRun r, String what) {
    assertThat(r.code()).as(what).isEqualTo(Ncv.EXIT_USER_ERROR);
    assertThat(r.out()).as(what).isEmpty();
    assertThat(r.err()).as(what).startsWith("ncv: ").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).as(what).hasSize(1);
  }

  /** [DUFM2]: for K = 2 deep neural collapse is optimal, so no trained DUFM may go below L_DNC. */
  @Test
  void dufmWithTwoClassesStaysAboveTheDncLoss() throws IOException {
    JsonNode j = json(CliRun.of("train", "--model", "dufm", "--class-sizes", "5,5", "--dim", "6", "--layers", "3",
        "--lambda-w", "4e-3", "--lambda-h", "4e-3", "--epochs", "400", "--quiet", "--json"));
    JsonNode a = j.get("assumptions");
    assertThat(keys(a)).contains("c_dnc", "loss_dnc", "dnc_collapsed_to_zero");
    double lossDnc = a.get("loss_dnc").asDouble();
    assertThat(lossDnc).isBetween(0.0, 0.5);
    assertThat(j.get("final_loss").asDouble()).isGreaterThanOrEqualTo(lossDnc * (1 - 1e-9));
  }

  @Test
  void ufmAssumptionsNameTheSeliQuantities() throws IOException {
    JsonNode j = json(CliRun.of("train", "--model", "ufm", "--class-sizes", "6,6,2", "--dim", "4", "--epochs", "30",
        "--quiet", "--json"));
    JsonNode a = j.get("assumptions");
    assertThat(a.get("n_min").asInt()).isEqualTo(2);
    assertThat(a.get("n_max").asInt()).isEqualTo(6);
    assertThat(a.get("d_at_least_K").asBoolean()).isTrue();
    assertThat(a.get("kappa_H").asDouble()).isGreaterThanOrEqualTo(1.0);
    assertThat(j.get("config").get("loss").asText()).isEqualTo("ce");
    assertThat(j.get("config").get("normalization").asText()).isEqualTo("sum");
  }

  @Test
  void summaryAndProgressLinesWithoutJson() {
    CliRun r = CliRun.of("train", "--model", "dufm", "--class-sizes", "5,5", "--dim", "4", "--layers", "2",
        "--epochs", "20", "--log-every", "10");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("final_loss", "train_error", "metrics (penultimate features)", "assumptions",
        "loss_dnc");
    // plain progress lines (no terminal in tests): steps 0, 10, 20
    assertThat(r.err().lines().filter(l -> l.startsWith("step ")).count()).isEqualTo(3);
  }
}
