package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ncverify.reports.io.NpyBytes;
import ncverify.reports.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ncv metrics --stream}: the streamed two-pass path on a small file with tiny blocks gives the
 * in-memory path's JSON (to roundoff), says it is streaming and shows its passes; files larger than the
 * heap, mismatched labels, empty and truncated files are one-line errors with exit code 2.
 */
class StreamingMetricsCommandTest {

  @TempDir
  Path dir;

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private void writeMixture(int n, int d, int k) throws IOException {
    MixtureFiles.write(dir, n, d, k, false, 9);
  }

  @Test
  void streamingWithTinyBlocksEqualsTheInMemoryResult() throws IOException {
    writeMixture(500, 6, 4);
    toCsv("H.npy", "H.csv"); // a CSV file is read into memory: the in-memory path
    CliRun mem = CliRun.of("metrics", "--features", p("H.csv"), "--labels", p("y.npy"), "--weights", p("W.npy"),
        "--json");
    CliRun quiet = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights", p("W.npy"),
        "--json");
    assertThat(quiet.err()).as("a file that fits is measured in blocks without a word").isEmpty();
    CliRun streamed = CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--weights",
        p("W.npy"), "--json", "--stream", "--block-size", "7");
    assertThat(mem.code()).isZero();
    assertThat(streamed.code()).as(streamed.err()).isZero();
    assertThat(streamed.err()).startsWith("ncv metrics: streaming H.npy (500 x 6 float64, 24 kB;")
        .contains("in 2 passes of blocks of 7 samples").contains("pass 1/2 (class means) 100%")
        .contains("pass 2/2 (NC1, NC4, errors) 100%");
    for (CliRun run : new CliRun[] {quiet, streamed}) {
      MixtureFiles.assertSameMetrics(mem.out(), run.out());
    }
  }

  /** The .npy matrix as CSV with every double written exactly (shortest round-trip representation). */
  private void toCsv(String npy, String csv) throws IOException {
    var a = ncverify.reports.io.NpyReader.read(dir.resolve(npy));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        b.append(j > 0 ? "," : "").append(Double.toString(a.data()[i * a.cols() + j]));
      }
      b.append('\n');
    }
    Files.writeString(dir.resolve(csv), b.toString());
  }

  /** A sparse .npy file declaring n x d float32 (no disk blocks written). */
  private Path sparse(String name, long n, long d) throws IOException {
    return NpyBytes.sparse(dir.resolve(name), "<f4", n, d);
  }

  private static void assertOneLineError(CliRun r, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("OutOfMemory");
    for (String f : fragments) {
      assertThat(r.err()).contains(f);
    }
  }

  @Test
  void aFileLargerThanTheHeapIsAOneLineErrorForCheckAndLabelsAreCheckedBeforeTheFeaturesAreRead()
      throws IOException {
    sparse("big.npy", 200_000, 40_000); // 32 GB on disk (sparse), 64 GB as float64
    NpyWriter.writeLabels(dir.resolve("y.npy"), new int[200_000]);
    NpyWriter.writeLabels(dir.resolve("short.npy"), new int[199_999]);
    NpyWriter.writeMatrix(dir.resolve("W.npy"), new double[2 * 40_000], 2, 40_000);
    assertOneLineError(CliRun.of("check", "--features", p("big.npy"), "--labels", p("y.npy"), "--weights",
        p("W.npy")), "big.npy: 200000 x 40000 float32, 32.0 GB needs 64.0 GB as float64 in memory",
        "ncv metrics streams float32 and float64 .npy features files; other commands need a larger heap");
    for (String cmd : new String[] {"metrics", "check"}) {
      assertOneLineError(CliRun.of(cmd, "--features", p("big.npy"), "--labels", p("short.npy"), "--weights",
          p("W.npy")), "ncv: big.npy has 200000 samples but short.npy has 199999 labels");
    }
  }

  @Test
  void emptyAndTruncatedFeatureFilesAreOneLineErrors() throws IOException {
    writeMixture(20, 3, 2);
    NpyWriter.writeMatrix(dir.resolve("E.npy"), new double[0], 0, 3);
    Files.writeString(dir.resolve("E.csv"), "a,b,c\n");
    for (String[] args : new String[][] {{"metrics", "E.npy", "--stream"}, {"metrics", "E.npy", "--json"},
        {"check", "E.npy", "--json"}}) {
      assertOneLineError(CliRun.of(args[0], "--features", p(args[1]), "--labels", p("y.npy"), "--weights", p("W.npy"),
          args[2]), "E.npy: features are empty (shape (0, 3))");
    }
    for (String cmd : new String[] {"metrics", "check"}) {
      assertOneLineError(CliRun.of(cmd, "--features", p("E.csv"), "--labels", p("y.npy"), "--weights", p("W.npy")),
          "E.csv: no data rows");
    }
    byte[] bytes = Files.readAllBytes(dir.resolve("H.npy"));
    Files.write(dir.resolve("T.npy"), java.util.Arrays.copyOf(bytes, bytes.length - 8));
    for (String cmd : new String[] {"metrics", "check"}) {
      assertOneLineError(CliRun.of(cmd, "--features", p("T.npy"), "--labels", p("y.npy"), "--weights", p("W.npy")),
          "T.npy: truncated: shape (20, 3) needs 480 data bytes, file has 472");
    }
    assertOneLineError(CliRun.of("metrics", "--features", p("H.npy"), "--labels", p("y.npy"), "--block-size", "0"),
        "--block-size must be at least 1");
  }
}
