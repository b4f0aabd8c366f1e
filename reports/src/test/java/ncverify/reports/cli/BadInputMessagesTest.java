package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ncverify.reports.io.NpyWriter;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "User-facing messages": every subcommand (metrics, check, train, campaign, geometry, claims,
 * bench) given a missing file, an output folder it cannot create (under /proc) or a bad option value
 * ends with exit code 2 and one line on stderr that names no Java exception and shows no stack frame.
 * {@link IoFailureMessagesTest} checks the exact operating-system wording of the file failures.
 */
class BadInputMessagesTest {

  /** Where no directory can be created (Linux /proc refuses mkdir) and no file exists. */
  private static final String NO_DIR = "/proc/ncv-no-such-dir";

  @TempDir
  Path dir;

  /** One bad invocation and a fragment its message must contain (the flag, file or value at fault). */
  record Bad(String names, String[] args) {
    static Bad of(String names, String... args) {
      return new Bad(names, args);
    }
  }

  private List<Bad> invocations() throws IOException {
    Path h = dir.resolve("H.npy");
    NpyWriter.writeMatrix(h, new double[] {1, 0, 0, 1, 1, 0.1, 0, 1.1}, 4, 2);
    Path y = dir.resolve("y.npy");
    NpyWriter.writeLabels(y, new int[] {0, 1, 0, 1});
    Path w = dir.resolve("W.npy");
    NpyWriter.writeMatrix(w, new double[] {1, 0, 0, 1}, 2, 2);
    String missing = dir.resolve("missing.npy").toString();
    String hs = h.toString();
    String ys = y.toString();
    String ws = w.toString();
    List<Bad> bad = new ArrayList<>();
    // metrics
    bad.add(Bad.of(missing, "metrics", "--features", missing, "--labels", ys));
    bad.add(Bad.of(missing, "metrics", "--features", hs, "--labels", ys, "--weights", missing));
    bad.add(Bad.of("--global-mean", "metrics", "--features", hs, "--labels", ys, "--global-mean", "nope"));
    bad.add(Bad.of("--classes", "metrics", "--features", hs, "--labels", ys, "--classes", "abc"));
    bad.add(Bad.of("--block-size", "metrics", "--features", hs, "--labels", ys, "--stream", "--block-size", "-5"));
    // check
    bad.add(Bad.of(missing, "check", "--features", hs, "--labels", ys, "--weights", missing));
    bad.add(Bad.of(NO_DIR, "check", "--features", hs, "--labels", ys, "--weights", ws, "--pre-linear-features",
        NO_DIR + "/X.npy"));
    bad.add(Bad.of("--loss", "check", "--features", hs, "--labels", ys, "--weights", ws, "--loss", "foo"));
    bad.add(Bad.of("--lambda-w", "check", "--features", hs, "--labels", ys, "--weights", ws, "--lambda-w", "abc"));
    // train
    bad.add(Bad.of(NO_DIR, TrainCommandTest.with(TrainCommandTest.TINY_MLP, "--save-dir", NO_DIR)));
    bad.add(Bad.of("--lr", TrainCommandTest.with(TrainCommandTest.TINY_MLP, "--lr", "-1")));
    bad.add(Bad.of("--batch", TrainCommandTest.with(TrainCommandTest.TINY_MLP, "--batch", "abc")));
    bad.add(Bad.of("--class-sizes", "train", "--model", "mlp", "--class-sizes", "5,x"));
    bad.add(Bad.of(NO_DIR, "train", "--model", "mlp", "--class-sizes", "5,5,5,5,5,5,5,5,5,5", "--data",
        "fashion-mnist", "--data-dir", NO_DIR));
    // campaign
    bad.add(Bad.of(NO_DIR, "campaign", "--tries", "1", "--out", NO_DIR));
    bad.add(Bad.of("--tries", "campaign", "--tries", "-3"));
    bad.add(Bad.of("abc", "campaign", "--seed", "abc"));
    bad.add(Bad.of("nope", "campaign", "--tries", "1", "--only", "nope", "--out", dir.resolve("run").toString()));
    // geometry
    bad.add(Bad.of(NO_DIR, "geometry", "dufm", "--k", "3", "--layers", "2", "--n", "1", "--lambda", "1e-3",
        "--save-dir", NO_DIR));
    bad.add(Bad.of("--lambda", "geometry", "dufm", "--k", "3", "--layers", "2", "--n", "1", "--lambda", "abc"));
    bad.add(Bad.of("--class-sizes", "geometry", "seli", "--class-sizes", "3,x"));
    // claims
    bad.add(Bad.of("FOO", "claims", "--paper", "FOO"));
    bad.add(Bad.of("--bogus", "claims", "--bogus"));
    // bench
    bad.add(Bad.of(missing, "bench", "--metrics", missing, "--labels", ys));
    bad.add(Bad.of("nope", "bench", "--backend", "nope", "--quick"));
    bad.add(Bad.of("--sizes", "bench", "--sizes", "abc"));
    return bad;
  }

  @Test
  void everySubcommandFailsWithOneLineAndExitTwo() throws IOException {
    List<Bad> bad = invocations();
    Set<String> subcommands = new LinkedHashSet<>();
    SoftAssertions soft = new SoftAssertions();
    for (Bad b : bad) {
      subcommands.add(b.args()[0]);
      CliRun r = CliRun.of(b.args());
      String cmd = String.join(" ", b.args());
      String err = r.err().strip();
      soft.assertThat(r.code()).as("exit code of: ncv %s (stderr %s)", cmd, err).isEqualTo(Ncv.EXIT_USER_ERROR);
      soft.assertThat(err).as("stderr of: ncv %s", cmd).startsWith("ncv").doesNotContain("\n")
          .doesNotContain("Exception").doesNotContain("at ncverify").doesNotContain("internal error")
          .contains(b.names());
    }
    soft.assertAll();
    assertThat(subcommands).containsExactlyInAnyOrder("metrics", "check", "train", "campaign", "geometry",
        "claims", "bench");
    assertThat(Files.exists(Path.of(NO_DIR))).isFalse();
  }
}
