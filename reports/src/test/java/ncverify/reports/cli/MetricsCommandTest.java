package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {

  static final double TOL = 1e-9;

  @TempDir
  Path dir;

  int k = 3;
  int d = 4;
  int perClass = 5;
  double[] means;

  /** Features = class mean (the rows of a fixed 3 x 4 matrix) + small noise; W = the class means. */
  @BeforeEach
  void writeFiles() throws IOException {
    Random r = new Random(3);
    means = new double[] {3, 0, 0, 0, 0, 3, 0, 0, 0, 0, 3, 0};
    int n = k * perClass;
    double[] h = new double[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % k;
      for (int j = 0; j < d; j++) {
        h[i * d + j] = means[y[i] * d + j] + 0.01 * r.nextGaussian();
      }
    }
    NpyWriter.writeMatrix(dir.resolve("H.npy"), h, n, d);
    NpyWriter.writeLabels(dir.resolve("y.npy"), y);
    NpyWriter.writeMatrix(dir.resolve("W.npy"), means, k, d);
    NpyWriter.writeMatrix(dir.resolve("W1.npy"), new double[] {1, 0, 0, 1}, 2, 2);
    NpyWriter.writeMatrix(dir.resolve("W2.npy"), new double[] {1, 0, 0, 1}, 2, 2);
  }

  String p(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void jsonHasExactlyTheTheoryKeys() throws IOException {
    CliRun r = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy"),
        "--layers", p("W1.npy") + "," + p("W2.npy"), "--json");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    List<String> keys = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("num_classes", "num_samples", "dim", "nc1", "nc1_trace_ratio", "nc2_etf_means",
        "nc2_etf_weights", "nc2_ortho_means", "nc2_diag_means", "cond_class_means", "nc3", "nc3_uncentered",
        "nc3_cosine", "nc4", "equinorm_means", "equiangularity_means", "train_error", "fit_error", "balancedness");
    assertThat(j.get("num_classes").asInt()).isEqualTo(k);
    assertThat(j.get("num_samples").asInt()).isEqualTo(k * perClass);
    assertThat(j.get("dim").asInt()).isEqualTo(d);
    // identity layers are exactly balanced
    assertThat(j.get("balancedness").get(0).get("abs").asDouble()).isEqualTo(0.0);
    // the classifier equals the (orthogonal, equal-norm) class means: perfect classification
    assertThat(j.get("train_error").asDouble()).isEqualTo(0.0);
    assertThat(j.get("nc1").asDouble()).isLessThan(1e-3);
  }

  @Test
  void withoutWeightsTheWeightMetricsAreOmittedAndTableIsPrinted() {
    CliRun r = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"));
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("nc1").doesNotContain("nc3").doesNotContain("train_error");
  }

  @Test
  void badInputGivesOneLineAndExitTwo() throws IOException {
    Files.writeString(dir.resolve("bad.npy"), "not numpy at all");
    NpyWriter.writeLabels(dir.resolve("short.npy"), new int[] {0, 1});
    NpyWriter.writeLabels(dir.resolve("big.npy"), new int[] {0, 1, 9, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});
    NpyWriter.writeLabels(dir.resolve("one.npy"), new int[15]);
    String[][] cases = {
        {"metrics", "--features", p("bad.npy"), "--labels", p("y.npy")},
        {"metrics", "--features", p("H.npy"), "--labels", p("short.npy")},
        {"metrics", "--features", p("H.npy"), "--labels", p("big.npy"), "--classes", "3"},
        {"metrics", "--features", p("H.npy"), "--labels", p("one.npy")},
        {"metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--classes", "4"},
        {"metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W1.npy")},
        {"metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--global-mean", "median"},
        {"metrics", "--features", p("missing.npy"), "--labels", p("y.npy")},
        {"metrics", "--labels", p("y.npy")},
    };
    for (String[] c : cases) {
      CliRun r = CliRun.of(c);
      assertThat(r.code()).as(String.join(" ", c)).isEqualTo(Ncv.EXIT_USER_ERROR);
      assertThat(r.out()).as(String.join(" ", c)).isEmpty();
      assertThat(r.err()).as(String.join(" ", c)).startsWith("ncv: ").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }
}
