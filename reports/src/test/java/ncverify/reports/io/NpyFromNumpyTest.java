package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check with NumPy itself: the test resource numpy_npy_files.py writes .npy files with
 * {@code np.lib.format.write_array} (21 dtypes with both byte orders, C and Fortran order, versions
 * 1.0/2.0/3.0, 0-size shapes, inf/nan/-0/max/tiny, integer extremes) and prints each element as
 * {@code repr(float(x))}; {@link NpyReader} must read the same shape and bit-identical doubles.
 * Skipped with a message when python3 with NumPy is not installed.
 */
class NpyFromNumpyTest {

  @TempDir
  Path dir;

  @Test
  void readsEveryFileNumpyWritesExactly() throws Exception {
    Path script = dir.resolve("numpy_npy_files.py");
    try (InputStream in = getClass().getResourceAsStream("numpy_npy_files.py")) {
      Files.copy(in, script);
    }
    Path out = Files.createDirectory(dir.resolve("files"));
    String listing = python(script.toString(), out.toString());
    assumeTrue(listing != null, "python3 with numpy not available: skipping the NumPy .npy cross-check");
    List<String> lines = listing.lines().toList();
    assertThat(lines).hasSize(126);
    int fortranFiles = 0;
    for (String line : lines) {
      String[] f = line.split("\\|", -1);
      NpyArray a = NpyReader.read(out.resolve(f[0]));
      long[] shape = Arrays.stream(f[1].split(",")).mapToLong(Long::parseLong).toArray();
      assertThat(a.shape()).as(line).containsExactly(shape);
      String[] v = f[2].isEmpty() ? new String[0] : f[2].split(" ");
      assertThat(a.data()).as(line).hasSize(v.length);
      for (int i = 0; i < v.length; i++) {
        double want = parsePython(v[i]);
        assertThat(Double.doubleToLongBits(a.data()[i])).as("%s element %d: %s vs %s", f[0], i, a.data()[i], v[i])
            .isEqualTo(Double.doubleToLongBits(want));
      }
      if (new String(Files.readAllBytes(out.resolve(f[0])), StandardCharsets.ISO_8859_1).contains("'fortran_order': True")) {
        fortranFiles++;
      }
    }
    assertThat(fortranFiles).as("files NumPy wrote in Fortran order").isPositive();
  }

  static double parsePython(String s) {
    return switch (s) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  /** Output of the script, or null when python3 with numpy cannot run it. */
  static String python(String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "python3";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return null;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return null;
    }
    return out;
  }
}
