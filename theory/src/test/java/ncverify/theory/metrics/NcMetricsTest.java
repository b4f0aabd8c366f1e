package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NcMetricsTest extends MetricsTestSupport {

  static final List<String> ALL_KEYS = List.of("num_classes", "num_samples", "dim", "nc1",
      "nc1_trace_ratio", "nc2_etf_means", "nc2_etf_weights", "nc2_ortho_means", "nc2_diag_means",
      "cond_class_means", "nc3", "nc3_uncentered", "nc3_cosine", "nc4", "equinorm_means",
      "equiangularity_means", "train_error", "fit_error", "balancedness");
  static final List<String> NEED_W = List.of("nc2_etf_weights", "nc3", "nc3_uncentered", "nc3_cosine",
      "nc4", "train_error", "fit_error");

  @Test
  void fullReportHasExactlyTheDocumentedKeysInOrder() {
    LabeledFeatures f = randomFeatures(4, 6, rnd);
    DMatrixRMaj w = gaussian(4, 6, rnd);
    List<DMatrixRMaj> layers = List.of(gaussian(5, 8, rnd), gaussian(6, 5, rnd), w);
    Map<String, Object> m = NcMetrics.measure(f, w, new double[] {0.1, 0, -0.2, 0.3}, layers,
        GlobalMean.SAMPLE).toMap();
    assertThat(m.keySet()).containsExactlyElementsOf(ALL_KEYS);
    assertThat(m.get("num_classes")).isEqualTo(4);
    assertThat(m.get("num_samples")).isEqualTo(f.numSamples());
    assertThat(m.get("dim")).isEqualTo(6);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bal = (List<Map<String, Object>>) m.get("balancedness");
    assertThat(bal).hasSize(2);
    assertThat(bal.get(0).keySet()).containsExactly("abs", "rel", "op");
  }

  @Test
  void keysNeedingWAreOmittedWithoutWAndBalancednessWithFewerThanTwoLayers() {
    LabeledFeatures f = randomFeatures(3, 5, rnd);
    Map<String, Object> m = NcMetrics.measure(f, null, null, List.of(gaussian(2, 2, rnd)),
        GlobalMean.SAMPLE).toMap();
    List<String> expected = ALL_KEYS.stream()
        .filter(k -> !NEED_W.contains(k) && !k.equals("balancedness")).toList();
    assertThat(m.keySet()).containsExactlyElementsOf(expected);
  }

  @Test
  void valuesAgreeWithTheIndividualMetricsAndTheDirectNc1() {
    LabeledFeatures f = randomFeatures(5, 9, rnd);
    DMatrixRMaj w = gaussian(5, 9, rnd);
    double[] b = {1, -1, 0.5, 0, 2};
    for (GlobalMean gm : GlobalMean.values()) {
      MetricsReport r = NcMetrics.measure(f, w, b, List.of(), gm);
      ClassMeans means = ClassMeans.of(f, gm);
      assertThat(relDiff(r.nc1(), Nc1Direct.of(f.features(), f.labels(), 5, gm))).isLessThan(TOL);
      assertThat(r.nc3().getAsDouble()).isEqualTo(Nc3.of(w, means));
      assertThat(r.nc4().getAsDouble()).isEqualTo(Nc4.of(f, means, w, b));
      assertThat(r.trainError().getAsDouble()).isEqualTo(TrainError.of(w, b, f));
      assertThat(r.fitError().getAsDouble()).isCloseTo(FitError.of(w, f), within(1e-12));
      assertThat(r.globalMean()).isEqualTo(gm);
    }
  }

  @Test
  void fitErrorIsTheFrobeniusResidualComputedByHand() {
    LabeledFeatures f = randomFeatures(3, 4, rnd);
    DMatrixRMaj w = gaussian(3, 4, rnd);
    DMatrixRMaj z = mult(w, f.features());
    double sum = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < f.numSamples(); i++) {
        double r = z.get(c, i) - (f.label(i) == c ? 1 : 0);
        sum += r * r;
      }
    }
    assertThat(NcMetrics.measure(f, w, null, List.of()).fitError().getAsDouble())
        .isCloseTo(Math.sqrt(sum), within(1e-12));
  }

  @Test
  void badClassifierAndLayerShapesAreRejected() {
    LabeledFeatures f = randomFeatures(3, 4, rnd);
    assertThatThrownBy(() -> NcMetrics.measure(f, gaussian(3, 5, rnd), null, List.of()))
        .isInstanceOf(InvalidInputException.class).hasMessage("W is 3x5 but must be K x d = 3x4");
    assertThatThrownBy(() -> NcMetrics.measure(f, gaussian(3, 4, rnd), new double[4], List.of()))
        .isInstanceOf(InvalidInputException.class).hasMessage("bias has length 4 but must have length K = 3");
    assertThatThrownBy(() -> NcMetrics.measure(f, null, null, List.of(gaussian(2, 3, rnd), gaussian(2, 3, rnd))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("shapes do not chain");
  }

  @Test
  void reportIsImmutable() {
    MetricsReport r = NcMetrics.measure(randomFeatures(3, 4, rnd), null, null,
        List.of(gaussian(3, 3, rnd), gaussian(3, 3, rnd)));
    assertThatThrownBy(() -> r.balancedness().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
