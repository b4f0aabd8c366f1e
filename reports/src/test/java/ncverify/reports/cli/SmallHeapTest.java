package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ncverify.reports.io.NpyBytes;
import ncverify.reports.io.NpyWriter;
import ncverify.reports.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ncv in a JVM of its own with a 32 MB heap ({@value #HEAP}) against files larger than that heap: every
 * path that holds the features in memory refuses them with its one-line error naming the size (not the
 * generic out-of-memory line, not a stack trace), and {@code ncv metrics} streams a float32 .npy file whose
 * float64 copy is larger than the heap in blocks small enough for it, with the values of the in-memory
 * measurement (to 1e-12 relative).
 */
class SmallHeapTest {

  private static final String HEAP = "-Xmx32m";
  private static final int N = 8000;
  private static final int D = 400; // 12.8 MB as float32, 25.6 MB as float64
  private static final int K = 4;

  @TempDir
  Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private record Run(int code, String out, String err) {
  }

  private Run ncv(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        HEAP, "-cp", System.getProperty("java.class.path"), Ncv.class.getName()));
    cmd.addAll(List.of(args));
    Process proc = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    try {
      assertThat(proc.waitFor(120, TimeUnit.SECONDS)).as("ncv %s finished", args[0]).isTrue();
    } finally {
      proc.destroyForcibly();
    }
    return new Run(proc.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  private static void assertOneLineError(Run r, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("out of memory")
        .startsWith("ncv: " + message);
  }

  /** A Gaussian mixture, N x D float32, with its labels. */
  private void writeMixture() throws IOException {
    Random r = new Random(3);
    float[] centres = new float[K * D];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) (3 * r.nextGaussian());
    }
    long[] raw = new long[N * D];
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      y[i] = i % K;
      for (int a = 0; a < D; a++) {
        raw[i * D + a] = Float.floatToRawIntBits((float) (centres[y[i] * D + a] + r.nextGaussian())) & 0xffffffffL;
      }
    }
    Files.write(dir.resolve("H.npy"), NpyBytes.encode("<f4", false, new long[] {N, D}, raw, 1, false));
    NpyWriter.writeLabels(dir.resolve("y.npy"), y);
    double[] w = new double[K * D];
    for (int i = 0; i < w.length; i++) {
      w[i] = centres[i] + 0.5 * r.nextGaussian();
    }
    NpyWriter.writeMatrix(dir.resolve("W.npy"), w, K, D);
  }

  @Test
  void metricsStreamsAFileLargerThanTheHeapAndEveryInMemoryPathRefusesIt() throws Exception {
    writeMixture();
    Run streamed = ncv("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy"),
        "--json");
    assertThat(streamed.code()).as(streamed.err()).isZero();
    assertThat(streamed.err()).startsWith("ncv metrics: streaming H.npy (8000 x 400 float32, 13 MB; 26 MB as float64,")
        .containsPattern("in 2 passes of blocks of \\d+ samples").contains("pass 2/2 (NC1, NC4, errors) 100%");
    CliRun inMemory = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights",
        p("W.npy"), "--json"); // this JVM's heap holds the file
    assertThat(inMemory.err()).isEmpty();
    JsonNode a = Json.mapper().readTree(inMemory.out());
    JsonNode b = Json.mapper().readTree(streamed.out());
    assertThat(b.size()).isEqualTo(a.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double x = e.getValue().asDouble();
      assertThat(b.get(e.getKey()).asDouble()).as(e.getKey()).isCloseTo(x, within(1e-12 * Math.abs(x)));
    }

    assertOneLineError(ncv("check", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy")),
        "H.npy: 8000 x 400 float32, 13 MB needs 26 MB as float64 in memory, more than the ");

    StringBuilder csv = new StringBuilder();
    String row = "1," .repeat(999) + "1\n"; // 2,000 x 1,000 values: 32 MB while read
    csv.append(row.repeat(2000));
    Files.writeString(dir.resolve("H.csv"), csv);
    assertOneLineError(ncv("metrics", "--features", p("H.csv"), "--labels", p("y.npy")),
        "H.csv: too large for the heap: its first ");

    sparseFloat16("H16.npy");
    assertOneLineError(ncv("metrics", "--features", p("H16.npy"), "--labels", p("y.npy")),
        "H16.npy: shape (8000, 400) float16 needs 51 MB as float64 in memory, more than the ");
  }

  /** An N x D float16 .npy file (not streamed: read into memory, then transposed), sparse on disk. */
  private void sparseFloat16(String name) throws IOException {
    String dict = NpyBytes.headerDict("<f2", false, new long[] {N, D}, false);
    byte[] hb = (dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(name).toFile(), "rw")) {
      raf.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) hb.length, 0});
      raf.write(hb);
      raf.setLength(128 + 2L * N * D);
    }
  }
}
