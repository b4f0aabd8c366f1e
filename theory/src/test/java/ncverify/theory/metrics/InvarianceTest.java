package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Randomized invariances (seeded, many trials): every NC metric is unchanged under a rotation of
 * feature space (H -> Q H, W -> W Q^T) and under a global scaling of features and classifier.
 */
class InvarianceTest extends MetricsTestSupport {

  static final int TRIALS = 40;
  static final List<String> INVARIANT = List.of("nc1", "nc1_trace_ratio", "nc2_etf_means",
      "nc2_etf_weights", "nc2_ortho_means", "nc2_diag_means", "cond_class_means", "nc3",
      "nc3_uncentered", "nc3_cosine", "equinorm_means", "equiangularity_means");

  @Test
  void metricsAreInvariantUnderRotationAndScaling() {
    for (int trial = 0; trial < TRIALS; trial++) {
      int k = 2 + rnd.nextInt(7);
      int d = k + rnd.nextInt(8);
      LabeledFeatures f = randomFeatures(k, d, rnd);
      DMatrixRMaj w = gaussian(k, d, rnd);
      GlobalMean gm = trial % 2 == 0 ? GlobalMean.SAMPLE : GlobalMean.CLASS_MEANS;
      Map<String, Object> base = NcMetrics.measure(f, w, null, List.of(), gm).toMap();

      DMatrixRMaj q = randomOrthogonal(d, rnd);
      LabeledFeatures rotated = new LabeledFeatures(mult(q, f.features()), f.labels(), k);
      Map<String, Object> rot =
          NcMetrics.measure(rotated, mult(w, transpose(q)), null, List.of(), gm).toMap();

      double c = Math.exp(4 * rnd.nextDouble() - 2);
      LabeledFeatures scaled = new LabeledFeatures(scale(c, f.features()), f.labels(), k);
      Map<String, Object> sc =
          NcMetrics.measure(scaled, scale(1 / c, w), null, List.of(), gm).toMap();

      for (String key : INVARIANT) {
        double v = (Double) base.get(key);
        assertThat(relOrAbs(v, (Double) rot.get(key))).as("rotation, trial %d, %s", trial, key)
            .isLessThan(1e-8);
        assertThat(relOrAbs(v, (Double) sc.get(key))).as("scaling, trial %d, %s", trial, key)
            .isLessThan(1e-8);
      }
      // W -> W/c, H -> cH leaves W H, hence the classifier outputs, unchanged
      assertThat((Double) sc.get("nc4")).isEqualTo((Double) base.get("nc4"));
      assertThat((Double) rot.get("train_error")).isEqualTo((Double) base.get("train_error"));
    }
  }

  private static double relOrAbs(double a, double b) {
    double scale = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    return Math.abs(a - b) / scale;
  }
}
