package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import ncverify.reports.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every subcommand's I/O failures (issue 16): a missing directory, a path through a regular file, a
 * directory given as a file, a device that fails reads, a full stdout. Each ends with exit code 2 and
 * one line that reads like the operating system's message (strerror wording) and names no Java
 * exception class.
 */
class IoFailureMessagesTest {

  /** A Java exception or error class name, simple or qualified. */
  private static final String CLASS_NAME = ".*([A-Z][A-Za-z]*(Exception|Error)\\b|java\\.|javax\\.).*";

  @TempDir
  Path dir;

  private static void assertOsLikeFailure(CliRun r, String... expected) {
    assertThat(r.code()).as(r.err()).isEqualTo(Ncv.EXIT_USER_ERROR);
    String line = r.err().strip();
    assertThat(line).doesNotContain("\n").startsWith("ncv: ").contains(expected);
    assertThat(line).as("no Java exception class name").doesNotMatch(CLASS_NAME);
  }

  private Path labels() throws IOException {
    Path y = dir.resolve("y.npy");
    NpyWriter.writeLabels(y, new int[] {0, 1, 0, 1});
    return y;
  }

  private Path features() throws IOException {
    Path h = dir.resolve("H.npy");
    NpyWriter.writeMatrix(h, new double[] {1, 0, 0, 1, 1, 0.1, 0, 1.1}, 4, 2);
    return h;
  }

  @Test
  void metricsOnADirectorySaysIsADirectory() throws IOException {
    CliRun r = CliRun.of("metrics", "--features", dir.toString(), "--labels", labels().toString());
    assertOsLikeFailure(r, dir.toString(), "Is a directory");
  }

  @Test
  void metricsOnAMissingFileSaysNoSuchFileOrDirectory() throws IOException {
    Path missing = dir.resolve("missing.npy");
    CliRun r = CliRun.of("metrics", "--features", features().toString(), "--labels", missing.toString());
    assertOsLikeFailure(r, missing.toString(), "No such file or directory");
  }

  @Test
  void checkWithLabelsOnADeviceThatFailsReadsSaysInputOutputError() throws IOException {
    Path mem = Path.of("/proc/self/mem"); // a regular file whose reads at offset 0 fail with EIO
    assumeTrue(Files.isRegularFile(mem), "needs Linux /proc/self/mem");
    Path w = dir.resolve("W.npy");
    NpyWriter.writeMatrix(w, new double[] {1, 0, 0, 1}, 2, 2);
    CliRun r = CliRun.of("check", "--features", features().toString(), "--labels", mem.toString(), "--weights",
        w.toString());
    assertOsLikeFailure(r, "cannot read /proc/self/mem", "Input/output error");
  }

  @Test
  void trainIntoAMissingDirectoryOfProcSaysNoSuchFileOrDirectory() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    CliRun r = CliRun.of(TrainCommandTest.with(TrainCommandTest.TINY_MLP, "--save-dir", "/proc/ncv-no"));
    assertOsLikeFailure(r, "cannot create output directory /proc/ncv-no: No such file or directory");
  }

  @Test
  void geometrySaveDirBelowARegularFileSaysNotADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    CliRun r = CliRun.of("geometry", "dufm", "--k", "3", "--layers", "2", "--n", "1", "--lambda", "1e-3",
        "--save-dir", file.resolve("sub").toString());
    assertOsLikeFailure(r, "Not a directory");
  }

  @Test
  void campaignOutInProcSaysNoSuchFileOrDirectory() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
    CliRun r = CliRun.of("campaign", "--tries", "1", "--out", "/proc/ncv-no");
    assertOsLikeFailure(r, "cannot write the output folder /proc/ncv-no: No such file or directory");
  }

  @Test
  void claimsToAFullDeviceSaysNoSpaceLeftOnDevice() throws IOException {
    assertFullStdout("claims");
  }

  @Test
  void benchToAFullDeviceSaysNoSpaceLeftOnDevice() throws IOException {
    assertFullStdout("bench", "--json", "--quick", "--sizes", "8", "--samples", "64");
  }

  /** Runs ncv with stdout on /dev/full: before, PrintWriter swallowed ENOSPC and ncv exited 0. */
  private static void assertFullStdout(String... args) throws IOException {
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "needs /dev/full");
    StringWriter err = new StringWriter();
    int code;
    try (FileOutputStream out = new FileOutputStream(full.toFile())) {
      code = Ncv.execute(out, new PrintWriter(err), args);
    }
    assertOsLikeFailure(new CliRun(code, "", err.toString()), "cannot write the output: No space left on device");
  }
}
