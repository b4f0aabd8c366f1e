package ncverify.theory.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalDouble;

/**
 * All metrics of docs/theory.md section 1 for one set of features (and optionally a classifier and a chain
 * of linear layers), as produced by {@link NcMetrics#measure}. The classifier metrics are empty when no
 * W was given; {@code balancedness} is empty for fewer than two layers.
 *
 * @param numClasses K
 * @param numSamples N
 * @param dim d
 * @param globalMean the global mean used for Mc (not part of {@link #toMap()})
 * @param nc1 {@link Nc1}
 * @param nc1TraceRatio {@link Nc1TraceRatio}
 * @param nc2EtfMeans {@link Nc2EtfMeans}
 * @param nc2EtfWeights {@link Nc2EtfWeights} (needs W)
 * @param nc2OrthoMeans {@link Nc2OrthoMeans}
 * @param nc2DiagMeans {@link Nc2DiagMeans}
 * @param condClassMeans {@link CondClassMeans} (may be +Infinity)
 * @param nc3 {@link Nc3} (needs W)
 * @param nc3Uncentered {@link Nc3Uncentered} (needs W)
 * @param nc3Cosine {@link Nc3Cosine} (needs W)
 * @param nc4 {@link Nc4} (needs W)
 * @param equinormMeans {@link EquinormMeans}
 * @param equiangularityMeans {@link EquiangularityMeans}
 * @param trainError {@link TrainError} (needs W)
 * @param fitError {@link FitError} (needs W)
 * @param balancedness {@link Balancedness}, one entry per consecutive layer pair
 */
public record MetricsReport(int numClasses, int numSamples, int dim, GlobalMean globalMean,
    double nc1, double nc1TraceRatio, double nc2EtfMeans, OptionalDouble nc2EtfWeights,
    double nc2OrthoMeans, double nc2DiagMeans, double condClassMeans, OptionalDouble nc3,
    OptionalDouble nc3Uncentered, OptionalDouble nc3Cosine, OptionalDouble nc4, double equinormMeans,
    double equiangularityMeans, OptionalDouble trainError, OptionalDouble fitError,
    List<BalancednessPair> balancedness) {

  public MetricsReport {
    balancedness = List.copyOf(balancedness);
  }

  /**
   * The metrics under their JSON keys, in the order of docs/theory.md section 1: num_classes, num_samples,
   * dim, nc1, nc1_trace_ratio, nc2_etf_means, nc2_etf_weights, nc2_ortho_means, nc2_diag_means,
   * cond_class_means, nc3, nc3_uncentered, nc3_cosine, nc4, equinorm_means, equiangularity_means,
   * train_error, fit_error, balancedness (a list of {abs, rel, op} maps). Keys whose value is absent
   * are omitted.
   */
  public LinkedHashMap<String, Object> toMap() {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    m.put("num_classes", numClasses);
    m.put("num_samples", numSamples);
    m.put("dim", dim);
    m.put("nc1", nc1);
    m.put("nc1_trace_ratio", nc1TraceRatio);
    m.put("nc2_etf_means", nc2EtfMeans);
    put(m, "nc2_etf_weights", nc2EtfWeights);
    m.put("nc2_ortho_means", nc2OrthoMeans);
    m.put("nc2_diag_means", nc2DiagMeans);
    m.put("cond_class_means", condClassMeans);
    put(m, "nc3", nc3);
    put(m, "nc3_uncentered", nc3Uncentered);
    put(m, "nc3_cosine", nc3Cosine);
    put(m, "nc4", nc4);
    m.put("equinorm_means", equinormMeans);
    m.put("equiangularity_means", equiangularityMeans);
    put(m, "train_error", trainError);
    put(m, "fit_error", fitError);
    if (!balancedness.isEmpty()) {
      List<LinkedHashMap<String, Object>> pairs = new ArrayList<>();
      for (BalancednessPair p : balancedness) {
        pairs.add(p.toMap());
      }
      m.put("balancedness", pairs);
    }
    return m;
  }

  private static void put(LinkedHashMap<String, Object> m, String key, OptionalDouble value) {
    if (value.isPresent()) {
      m.put(key, value.getAsDouble());
    }
  }
}
