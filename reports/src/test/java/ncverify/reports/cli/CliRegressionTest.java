package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import ncverify.reports.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shrunk command lines that {@link CliFuzzProperties} (or its first manual probe) found, pinned. */
class CliRegressionTest {

  @TempDir
  Path dir;

  static void assertUserError(CliRun r, String contains) {
    assertThat(r.code()).as(r.err()).isEqualTo(Ncv.EXIT_USER_ERROR);
    assertThat(r.err()).startsWith("ncv").contains(contains).doesNotContain("Exception").doesNotContain("internal error");
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
  }

  @Test
  void aUsageErrorIsOneLineWithTheHelpHint() {
    CliRun r = CliRun.of("geometry", "seli", "--class-sizes");
    assertUserError(r, "(try 'ncv geometry seli --help')");
  }

  @Test
  void ncvWithoutASubcommandPrintsItsUsageOnItsOwnOutput() {
    CliRun r = CliRun.of();
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: ncv").contains("metrics");
  }

  @Test
  void subcommandVersionPrintsNcvsVersion() {
    CliRun r = CliRun.of("geometry", "dufm", "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("ncv 0.1.0");
  }

  @Test
  void idsOfAnotherPaperAreAnErrorNotAnEmptySuccess() {
    assertUserError(CliRun.of("claims", "--paper", "seli", "jswm.thm3.1.nc1"), "no claim of paper SELI");
  }

  @Test
  void hugeClassCountsFailFastInsteadOfAnInternalError() {
    assertUserError(CliRun.of("geometry", "seli", "--k", "100000", "--R", "1", "--rho", "0.5", "--nmin", "1"),
        "too many");
    assertUserError(CliRun.of("geometry", "dufm", "--k", "100000", "--layers", "4", "--lambda", "4e-3"), "too large");
    assertUserError(CliRun.of("geometry", "dufm", "--k", "10", "--layers", "4", "--n", "2147483647", "--lambda", "4e-3"),
        "too large");
    assertUserError(CliRun.of("geometry", "dufm", "--k", "2147483647", "--layers", "2147483647", "--n", "2147483647",
        "--lambda", "4e-3"), "too large");
  }

  @Test
  void anEmptySaveDirIsRefusedInsteadOfWritingIntoTheWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    assertUserError(CliRun.of("geometry", "dufm", "--k", "2", "--layers", "1", "--lambda", "1e-4", "--save-dir", ""),
        "output directory name is empty");
    assertThat(cwd.resolve("H1.npy")).doesNotExist();
  }

  @Test
  void aSaveDirThatIsAFileIsAOneLineError() throws IOException {
    Path f = Files.writeString(dir.resolve("taken"), "x");
    assertUserError(CliRun.of("geometry", "dufm", "--k", "2", "--layers", "1", "--lambda", "1e-4", "--save-dir",
        f.toString()), "is an existing file");
    assertThat(Files.readString(f)).isEqualTo("x");
  }

  @Test
  void aFailedRunLeavesNoOutputDirectoryBehind() {
    Path out = dir.resolve("never");
    assertUserError(CliRun.of("geometry", "dufm", "--k", "4", "--layers", "2", "--lambda", "1e300", "--save-dir",
        out.toString()), "ncv: ");
    assertThat(out).doesNotExist();
  }

  @Test
  void aSuccessfulRunWritesExactlyItsFilesAndNoStagingLeftovers() throws IOException {
    Path out = dir.resolve("ok");
    CliRun r = CliRun.of("geometry", "dufm", "--k", "3", "--layers", "2", "--lambda", "1e-3", "--save-dir", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("H1.npy", "W1.npy", "W2.npy");
    }
  }

  @Test
  void theLargestIntLabelIsAOneLineError() throws IOException {
    Path h = dir.resolve("H.npy");
    Path y = dir.resolve("y.npy");
    NpyWriter.writeMatrix(h, new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
    NpyWriter.writeLabels(y, new int[] {0, 1, Integer.MAX_VALUE});
    assertUserError(CliRun.of("metrics", "--features", h.toString(), "--labels", y.toString()), "largest label 2147483647");
    assertUserError(CliRun.of("metrics", "--features", h.toString(), "--labels", y.toString(), "--classes", "2147483647"),
        "label 2147483647 at index 2 is outside");
  }

  @Test
  void trainRefusesSizesThatCannotFitBeforeAllocating() {
    String[] base = {"train", "--model", "mlp", "--class-sizes", "3,3", "--epochs", "1", "--quiet"};
    assertUserError(CliRun.of(with(base, "--dim", "2147483647")), "would hold about");
    assertUserError(CliRun.of(with(base, "--dim", "4", "--width", "2147483647")), "would hold about");
    assertUserError(CliRun.of(with(base, "--dim", "4", "--layers", "2147483647")), "would hold about");
    assertUserError(CliRun.of(with(base, "--dim", "4", "--nonlinear-layers", "2147483647")), "would hold about");
  }

  @Test
  void benchRefusesAGemmSizeThatCannotFit() {
    assertUserError(CliRun.of("bench", "--quick", "--sizes", "2147483647", "--samples", "16"), "--sizes must be in 1..8192");
  }

  @Test
  void trainChecksItsSaveDirBeforeTrainingAndWritesNoLeftovers() throws IOException {
    Path f = Files.writeString(dir.resolve("taken"), "x");
    String[] base = {"train", "--model", "ufm", "--class-sizes", "3,3", "--dim", "3", "--epochs", "2", "--quiet"};
    assertUserError(CliRun.of(with(base, "--save-dir", f.toString())), "is an existing file");
    Path out = dir.resolve("run");
    CliRun r = CliRun.of(with(base, "--save-dir", out.toString()));
    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("H.npy", "W.npy", "W1.npy", "Z0.npy", "y.npy");
    }
  }

  static String[] with(String[] base, String... more) {
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }
}
