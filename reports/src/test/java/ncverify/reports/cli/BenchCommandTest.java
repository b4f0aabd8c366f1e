package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.Test;

/** Checks the shape of ncv bench's output on tiny sizes; never asserts a speed. */
class BenchCommandTest {

  @Test
  void jsonHasBackendGemmAndAnExtrapolatedEpoch() throws IOException {
    CliRun r = CliRun.of("bench", "--json", "--quick", "--sizes", "16,48", "--samples", "300", "--cnn-images", "130");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = Json.mapper().readTree(r.out());
    assertThat(j.get("backend").asText()).isNotEmpty();
    assertThat(j.get("threads").asInt()).isPositive();
    assertThat(j.get("java_version").asText()).isEqualTo(System.getProperty("java.version"));
    List<String> sizes = new ArrayList<>();
    j.get("gemm_gflops").fieldNames().forEachRemaining(sizes::add);
    assertThat(sizes).containsExactly("16", "48");
    assertThat(j.get("gemm_gflops").get("48").asDouble()).isPositive();
    assertThat(j.get("epoch_seconds").asDouble()).isPositive();
    assertThat(j.get("epoch_extrapolated").asBoolean()).isTrue();
    assertThat(j.get("epoch_samples_measured").asInt()).isEqualTo(300);
    // 300 samples in batches of 256 are 2 steps; the epoch of 60,000 has 235
    assertThat(j.get("epoch_steps_measured").asInt()).isEqualTo(2);
    assertThat(j.get("epoch_seconds").asDouble())
        .isEqualTo(j.get("epoch_seconds_measured").asDouble() / 2 * 235);
    // 130 images in batches of 128 are 2 steps; the CNN epoch of 6,000 has 47
    assertThat(j.get("cnn_epoch_steps_measured").asInt()).isEqualTo(2);
    assertThat(j.get("cnn_epoch_extrapolated").asBoolean()).isTrue();
    assertThat(j.get("cnn_epoch_seconds").asDouble())
        .isEqualTo(j.get("cnn_epoch_seconds_measured").asDouble() / 2 * 47);
    assertThat(j.get("cnn_epoch_reference").asText()).contains("conv3x3-16", "batch 128");
  }

  @Test
  void defaultSizesAreTheIssueSizesAndTextOutputNamesTheBackend() {
    CliRun r = CliRun.of("bench", "--quick", "--samples", "256", "--cnn-images", "20");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("backend ", "gemm n=256", "gemm n=512", "gemm n=1024", "gemm n=2048",
        "epoch_seconds", "extrapolated", "cnn_epoch_seconds");
  }

  @Test
  void metricsModeTimesReadingAndThePassesOnAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    double[] h = new double[40 * 3];
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      y[i] = i % 2;
      for (int a = 0; a < 3; a++) {
        h[i * 3 + a] = y[i] + 0.01 * ((i * 7 + a * 3) % 11);
      }
    }
    ncverify.reports.io.NpyWriter.writeMatrix(dir.resolve("H.npy"), h, 40, 3);
    ncverify.reports.io.NpyWriter.writeLabels(dir.resolve("y.npy"), y);
    for (String mode : new String[] {"default", "stream", "in-memory"}) {
      List<String> args = new ArrayList<>(List.of("bench", "--json", "--metrics", dir.resolve("H.npy").toString(),
          "--labels", dir.resolve("y.npy").toString()));
      if (mode.equals("stream")) {
        args.addAll(List.of("--stream", "--block-size", "9"));
      } else if (mode.equals("in-memory")) {
        args.add("--in-memory");
      }
      CliRun r = CliRun.of(args.toArray(new String[0]));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode j = Json.mapper().readTree(r.out());
      assertThat(j.get("streamed").asBoolean()).as(mode).isEqualTo(mode.equals("stream"));
      assertThat(j.get("features").asText()).isEqualTo("H.npy (40 x 3 float64, 960 bytes)");
      assertThat(j.get("total_seconds").asDouble()).isPositive();
      assertThat(j.get("peak_heap_mb").asDouble()).isPositive();
      assertThat(j.has("pass1_seconds")).as(mode).isEqualTo(!mode.equals("in-memory"));
      assertThat(j.get("nc1").asDouble()).isPositive();
    }
  }

  @Test
  void badSizesExitTwo() {
    CliRun r = CliRun.of("bench", "--sizes", "0", "--quick");
    assertThat(r.code()).isEqualTo(Ncv.EXIT_USER_ERROR);
    assertThat(r.err()).startsWith("ncv: ");
    CliRun b = CliRun.of("bench", "--backend", "gpu", "--quick");
    assertThat(b.code()).isEqualTo(Ncv.EXIT_USER_ERROR);
  }
}
