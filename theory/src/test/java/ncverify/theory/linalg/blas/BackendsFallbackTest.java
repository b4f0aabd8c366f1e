package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a loadable native library, {@link Backends#best()} falls back to the blocked Java backend
 * silently. Simulated in a child JVM whose {@code os.arch} names no bundled JNI library (the netlib
 * loader then fails), and the forcing system property is checked the same way.
 */
class BackendsFallbackTest {

  @TempDir
  Path tmp;

  @Test
  void fallsBackSilentlyWhenNativeCannotLoad() throws Exception {
    Result r = probe("-Dos.arch=none");
    assertThat(r.stdout).isEqualTo("java-blocked");
    assertThat(r.stderr).isEmpty();
  }

  @Test
  void systemPropertyForcesTheBackend() throws Exception {
    assertThat(probe("-D" + Backends.PROPERTY + "=naive").stdout).isEqualTo("naive-java");
    assertThat(probe("-D" + Backends.PROPERTY + "=java").stdout).isEqualTo("java-blocked");
  }

  private record Result(String stdout, String stderr) {
  }

  private Result probe(String property) throws IOException, InterruptedException {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(javaBin, property, "-cp",
        System.getProperty("java.class.path"), BackendProbe.class.getName()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    assertThat(p.exitValue()).isZero();
    return new Result(Files.readString(out, StandardCharsets.UTF_8).trim(),
        Files.readString(err, StandardCharsets.UTF_8).trim());
  }
}
