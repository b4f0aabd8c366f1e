package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@code ncv metrics --json} against an independent NumPy implementation of the direct
 * d x d formulas (test resource numpy_metrics.py) on random imbalanced data, to 1e-9 relative. Skipped
 * when python3 with NumPy is not installed.
 */
class MetricsAgainstNumpyTest {

  static final double REL_TOL = 1e-9;

  @TempDir
  Path dir;

  @Test
  void agreesWithNumpyOnRandomImbalancedData() throws Exception {
    Path script = dir.resolve("numpy_metrics.py");
    try (InputStream in = getClass().getResourceAsStream("numpy_metrics.py")) {
      Files.copy(in, script);
    }
    assumeTrue(numpyAvailable(), "python3 with numpy not available: skipping the NumPy cross-check");
    Random r = new Random(11);
    for (int trial = 0; trial < 5; trial++) {
      int k = 2 + r.nextInt(5);
      int d = k + r.nextInt(8);
      int[] sizes = new int[k];
      int n = 0;
      for (int c = 0; c < k; c++) {
        sizes[c] = 2 + r.nextInt(15);
        n += sizes[c];
      }
      double[] h = new double[n * d];
      int[] y = new int[n];
      double[] centres = new double[k * d];
      for (int i = 0; i < centres.length; i++) {
        centres[i] = 2 * r.nextGaussian();
      }
      int i = 0;
      for (int c = 0; c < k; c++) {
        for (int s = 0; s < sizes[c]; s++, i++) {
          y[i] = c;
          for (int j = 0; j < d; j++) {
            h[i * d + j] = centres[c * d + j] + r.nextGaussian();
          }
        }
      }
      double[] w = new double[k * d];
      double[] b = new double[k];
      for (int j = 0; j < w.length; j++) {
        w[j] = r.nextGaussian();
      }
      for (int j = 0; j < k; j++) {
        b[j] = r.nextGaussian();
      }
      NpyWriter.writeMatrix(dir.resolve("H.npy"), h, n, d);
      NpyWriter.writeLabels(dir.resolve("y.npy"), y);
      NpyWriter.writeMatrix(dir.resolve("W.npy"), w, k, d);
      NpyWriter.writeVector(dir.resolve("b.npy"), b);
      CliRun ours = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy"),
          "--bias", p("b.npy"), "--json");
      assertThat(ours.code()).as(ours.err()).isZero();
      JsonNode mine = Json.mapper().readTree(ours.out());
      JsonNode ref = Json.mapper().readTree(run("python3", script.toString(), p("H.npy"), p("y.npy"), p("W.npy"), p("b.npy")));
      for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        double expected = e.getValue().asDouble();
        double actual = mine.get(e.getKey()).asDouble();
        assertThat(Math.abs(actual - expected)).as("trial %d, %s: ours %s, numpy %s", trial, e.getKey(), actual, expected)
            .isLessThanOrEqualTo(REL_TOL * Math.max(1.0, Math.abs(expected)));
      }
    }
  }

  String p(String name) {
    return dir.resolve(name).toString();
  }

  static boolean numpyAvailable() {
    try {
      run("python3", "-c", "import numpy");
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("command failed: " + String.join(" ", cmd) + ": " + err);
    }
    return out;
  }
}
