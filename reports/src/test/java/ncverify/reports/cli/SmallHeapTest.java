package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ncverify.reports.io.NpyBytes;
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

  @Test
  void metricsStreamsAFileLargerThanTheHeapAndEveryInMemoryPathRefusesIt() throws Exception {
    MixtureFiles.write(dir, N, D, K, true, 3);
    Run streamed = ncv("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy"),
        "--json");
    assertThat(streamed.code()).as(streamed.err()).isZero();
    assertThat(streamed.err()).startsWith("ncv metrics: streaming H.npy (8000 x 400 float32, 13 MB; 26 MB as float64,")
        .containsPattern("in 2 passes of blocks of \\d+ samples").contains("pass 2/2 (NC1, NC4, errors) 100%");
    CliRun inMemory = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights",
        p("W.npy"), "--json"); // this JVM's heap holds the file
    assertThat(inMemory.err()).isEmpty();
    MixtureFiles.assertSameMetrics(inMemory.out(), streamed.out());

    assertOneLineError(ncv("check", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy")),
        "H.npy: 8000 x 400 float32, 13 MB needs 26 MB as float64 in memory, more than the ");

    StringBuilder csv = new StringBuilder();
    String row = "1," .repeat(999) + "1\n"; // 2,000 x 1,000 values: 32 MB while read
    csv.append(row.repeat(2000));
    Files.writeString(dir.resolve("H.csv"), csv);
    assertOneLineError(ncv("metrics", "--features", p("H.csv"), "--labels", p("y.npy")),
        "H.csv: too large for the heap: its first ");

    NpyBytes.sparse(dir.resolve("H16.npy"), "<f2", N, D); // not streamed: read into memory, then transposed
    assertOneLineError(ncv("metrics", "--features", p("H16.npy"), "--labels", p("y.npy")),
        "H16.npy: shape (8000, 400) float16 needs 51 MB as float64 in memory, more than the ");
  }
}
