package ncverify.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the independent derivations in {@code docs/derivations/} (Python with NumPy, no ncverify code;
 * docs/theory.md section 6.6) and checks that every {@link ReferenceValues} constant is what its script
 * computes, to the precision the constant is quoted to (half a unit of its last digit). Also checks
 * the internal consistency the scripts establish (closed form against a numerical search, optimality
 * certificates). Skipped, with the reason, when python3 with NumPy is not installed.
 */
class DerivationScriptsTest {

  private static final long TIMEOUT_SECONDS = 300;
  private static Path scripts;

  @BeforeAll
  static void locateScripts() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docs").resolve("derivations"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/derivations above %s", Path.of("").toAbsolutePath()).isNotNull();
    scripts = dir.resolve("docs").resolve("derivations");
  }

  @Test
  void dufmReferenceNumbers() throws Exception {
    Map<String, Double> v = run("dufm_reference.py");
    for (int depth = 2; depth <= 4; depth++) {
      assertThat(v.get("c_star_L" + depth + "_numeric")).as("C*(%d) closed form = numeric", depth)
          .isCloseTo(v.get("c_star_L" + depth), within(1e-9));
    }
    quoted(v, "c_star_L2", ReferenceValues.DUFM_C_STAR_L2, 6);
    quoted(v, "c_star_L3", ReferenceValues.DUFM_C_STAR_L3, 6);
    quoted(v, "c_star_L4", ReferenceValues.DUFM_C_STAR_L4, 6);
    quoted(v, "dnc_loss_K10_L4", ReferenceValues.DUFM_DNC_LOSS_K10_L4, 9);
    quoted(v, "dnc_loss_K10_L3", ReferenceValues.DUFM_DNC_LOSS_K10_L3, 9);
    quoted(v, "dnc_loss_K10_L2", ReferenceValues.DUFM_DNC_LOSS_K10_L2, 9);
    quoted(v, "dnc_loss_K6_L4", ReferenceValues.DUFM_DNC_LOSS_K6_L4, 9);
    quoted(v, "dnc_loss_K6_L3", ReferenceValues.DUFM_DNC_LOSS_K6_L3, 9);
    quoted(v, "low_rank_loss_K10_L4", ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L4, 9);
    quoted(v, "low_rank_loss_K10_L3", ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L3, 9);
    quoted(v, "low_rank_loss_K10_L2", ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L2, 6);
    quoted(v, "low_rank_loss_K6_L4", ReferenceValues.DUFM_LOW_RANK_LOSS_K6_L4, 9);
    quoted(v, "low_rank_loss_K6_L3", ReferenceValues.DUFM_LOW_RANK_LOSS_K6_L3, 9);
    assertThat(v.get("low_rank_rank_K10_L4")).isEqualTo(5.0);
    assertThat(v.get("low_rank_rank_K6_L4")).isEqualTo(4.0);
    assertThat(ReferenceValues.DUFM_L2_FINDING_LAMBDA).isEqualTo(0.0377);
    quoted(v, "dnc_loss_K10_L2_lambda0p0377", ReferenceValues.DUFM_L2_FINDING_DNC_LOSS, 5);
    quoted(v, "low_rank_loss_K10_L2_lambda0p0377", ReferenceValues.DUFM_L2_FINDING_LOW_RANK_LOSS, 5);
    quoted(v, "window_lower_K10_L4", ReferenceValues.DUFM_WINDOW_K10_L4_LOWER, 4);
    quoted(v, "window_upper_K10_L4", ReferenceValues.DUFM_WINDOW_K10_L4_UPPER, 4);
  }

  @Test
  void dlnReferenceNumbers() throws Exception {
    Map<String, Double> v = run("dln_reference.py");
    for (String t : List.of("collapse_threshold_M2", "collapse_threshold_M3", "root_threshold_M2",
        "root_threshold_M3")) {
      assertThat(v.get(t + "_numeric")).as("%s closed form = numeric", t).isCloseTo(v.get(t), within(1e-9));
    }
    assertThat(v.get("collapse_threshold_M2")).isCloseTo(0.5, within(1e-12));
    quoted(v, "collapse_threshold_M3", ReferenceValues.DLN_COLLAPSE_THRESHOLD_M3, 6);
    quoted(v, "root_threshold_M2", ReferenceValues.DLN_ROOT_THRESHOLD_M2, 6);
    quoted(v, "root_threshold_M3", ReferenceValues.DLN_ROOT_THRESHOLD_M3, 6);
    // the two routes to the optimum (section 3.3, step 4 against steps 1-2) agree
    assertThat(v.get("dead_example_optimum_original_variables"))
        .isCloseTo(v.get("dead_example_optimum"), within(1e-10));
    assertThat(v.get("dang_optimal_loss_original_variables")).isCloseTo(v.get("dang_optimal_loss"), within(1e-10));
    // docs/theory.md section 3.4 and 3.5 quote these
    quoted(v, "window_optimum", 0.169257034, 9);
    quoted(v, "window_root_rule", 0.172397652, 9);
    quoted(v, "dead_example_optimum", 0.07128, 5);
    quoted(v, "dead_example_minority_dead", 0.12307, 5);
  }

  @Test
  void seliReferenceNumbers() throws Exception {
    Map<String, Double> v = run("seli_reference.py");
    assertThat(v.get("step_singular_value_max_abs_diff")).isLessThan(1e-12);
    assertThat(v.get("step_K4_R10_max_certificate")).as("every solve certified optimal").isLessThan(1e-6);
    double[] lambdas = ReferenceValues.seliRateLambdas();
    double[] dists = ReferenceValues.seliRateDistances();
    for (int i = 0; i < lambdas.length; i++) {
      quoted(v, String.format(java.util.Locale.ROOT, "step_K4_R10_dist_lambda%.0e", lambdas[i]), dists[i], 3);
    }
    // docs/theory.md section 2.4 (sizes 4, 2, 2) and reports/FINDINGS.md (K = 7, R = 100)
    double[] small = {0.0519, 0.0324, 0.0238};
    double[] findings = {0.1625, 0.1289, 0.1056};
    for (int i = 0; i < 3; i++) {
      String lam = String.format(java.util.Locale.ROOT, "%.0e", lambdas[i]);
      quoted(v, "sizes_4_2_2_dist_lambda" + lam, small[i], 4);
      quoted(v, "findings_K7_R100_dist_lambda" + lam, findings[i], 4);
    }
    assertThat(v.get("balanced_K4_dist_lambda1e-01")).isLessThan(1e-6);
    assertThat(v.get("balanced_K4_dist_lambda1e-03")).isLessThan(1e-6);
  }

  /** The script's value rounds to {@code quotedValue} at {@code decimals} decimals. */
  private static void quoted(Map<String, Double> values, String key, double quotedValue, int decimals) {
    assertThat(values).as("script output").containsKey(key);
    double halfUnit = 0.5 * Math.pow(10, -decimals);
    assertThat(values.get(key)).as("%s (quoted to %d decimals)", key, decimals)
        .isCloseTo(quotedValue, within(halfUnit * (1 + 1e-9)));
  }

  /** Runs a script and parses its "name value" lines; skips when python3 with NumPy is missing. */
  private static Map<String, Double> run(String script) throws IOException, InterruptedException {
    Path path = scripts.resolve(script);
    assertThat(path).exists();
    assumeTrue(numpyAvailable(), "python3 with numpy not available: skipping the independent derivation " + script);
    Path log = Files.createTempFile("derivation-", ".txt");
    ProcessBuilder pb = new ProcessBuilder("python3", path.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    String out;
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(script + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      out = Files.readString(log, StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
    assertThat(p.exitValue()).as("%s exit code; output:%n%s", script, out).isZero();
    Map<String, Double> values = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 2) {
        values.put(parts[0], Double.parseDouble(parts[1]));
      }
    }
    System.out.println(script + ": " + values.size() + " values");
    return values;
  }

  private static boolean numpyAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
