package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import ncverify.reports.io.NpyBytes;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;

/**
 * Files of a labelled Gaussian mixture for the command tests, and the comparison of two {@code ncv metrics
 * --json} outputs measured along different paths (in memory, streamed, another heap).
 */
final class MixtureFiles {

  private MixtureFiles() {}

  /**
   * Writes {@code dir}/H.npy (n x d, class centre plus unit noise; float32 or float64), y.npy (classes 0..k-1
   * first, then random) and W.npy (k x d, the centres plus noise 0.3).
   */
  static void write(Path dir, int n, int d, int k, boolean float32, long seed) throws IOException {
    Random r = new Random(seed);
    double[] centres = new double[k * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = 2 * r.nextGaussian();
    }
    long[] raw = new long[n * d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < k ? i : r.nextInt(k);
      for (int a = 0; a < d; a++) {
        double v = centres[y[i] * d + a] + r.nextGaussian();
        raw[i * d + a] = float32 ? Float.floatToRawIntBits((float) v) & 0xffffffffL : Double.doubleToRawLongBits(v);
      }
    }
    Files.write(dir.resolve("H.npy"), NpyBytes.encode(float32 ? "<f4" : "<f8", false, new long[] {n, d}, raw, 1,
        false));
    NpyWriter.writeLabels(dir.resolve("y.npy"), y);
    double[] w = new double[k * d];
    for (int i = 0; i < w.length; i++) {
      w[i] = centres[i] + 0.3 * r.nextGaussian();
    }
    NpyWriter.writeMatrix(dir.resolve("W.npy"), w, k, d);
  }

  /** The two JSON objects have the same keys and values equal to 1e-12 relative. */
  static void assertSameMetrics(String expected, String actual) throws IOException {
    JsonNode a = Json.mapper().readTree(expected);
    JsonNode b = Json.mapper().readTree(actual);
    assertThat(b.size()).isEqualTo(a.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double x = e.getValue().asDouble();
      assertThat(b.get(e.getKey()).asDouble()).as(e.getKey()).isCloseTo(x, within(1e-12 * Math.abs(x)));
    }
  }
}
