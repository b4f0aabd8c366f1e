package ncverify.reports.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.jswm.JswmQuantities;
import ncverify.theory.claims.registry.ClaimRegistry;
import ncverify.theory.claims.ufm.DlnOptimumClaim;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.linalg.Products;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.NcMetrics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * Judges the registered claims on one externally trained model.
 *
 * <ul>
 *   <li>Metrics: {@link NcMetrics#measure} on the penultimate features H, labels, W and the layers.
 *   <li>[JSWM] quantities ({@link JswmQuantities}, docs/theory.md section 5): need the linear head
 *       W_{L1+1}..W_L ({@code layers}, W appended when the last layer is not K x d) and the features
 *       Z_{L1} entering it ({@code preLinear}); lambda = lambda_W (0 if not given), eta = the learning rate (0 if not given).
 *   <li>[DLN] (docs/theory.md section 3), with lambda_W, lambda_H and MSE: the deep-linear UFM objective
 *       (1/(2N))||W_M...W_1 H0 - Y||^2 + (lambda_W/2) sum ||W_m||^2 + (lambda_H/2)||H0||^2 of the model
 *       (H0 = the pre-linear features, or H when there are no layers) against
 *       {@link DeepLinearUfmOptimum#optimalLoss()}; the model is assumed trained to convergence.
 *   <li>[SELI] (docs/theory.md section 2), with cross-entropy: the distance
 *       ||W W^T/||W W^T|| - G_W/||G_W|| ||_F to {@link SeliGeometry#gramW()} of the class sizes.
 * </ul>
 * A claim whose quantities were not measured is listed with the missing quantities, not judged.
 *
 * @param h penultimate features, d x N
 * @param labels labels 0..K-1
 * @param w classifier, K x d
 * @param layers linear layers in order (may be empty)
 * @param preLinear features entering the first of {@code layers}, n x N, or null
 * @param lambdaW weight decay of the layers, or null
 * @param lambdaH weight decay of the features, or null
 * @param loss {@code mse} or {@code ce}, or null
 * @param eta the training learning rate (0 if unknown: the large-learning-rate claim is then not applicable)
 */
public record ModelCheck(DMatrixRMaj h, int[] labels, DMatrixRMaj w, List<DMatrixRMaj> layers, DMatrixRMaj preLinear,
    Double lambdaW, Double lambdaH, String loss, double eta) {

  public ModelCheck {
    layers = List.copyOf(layers);
    if (loss != null && !loss.equals("mse") && !loss.equals("ce")) {
      throw InvalidInputException.of("--loss must be 'mse' or 'ce', got '%s'", loss);
    }
    if (!(eta >= 0) || Double.isInfinite(eta)) {
      throw InvalidInputException.of("--lr must be finite and >= 0, got %s", eta);
    }
    if (preLinear != null && preLinear.numCols != labels.length) {
      throw InvalidInputException.of("pre-linear features have %d samples but there are %d labels",
          preLinear.numCols, labels.length);
    }
  }

  /** {@code {metrics, claims: [ClaimResult.toJsonMap()], not_measured: [{id, missing}], optimum, notes}}. */
  public Map<String, Object> run() {
    LabeledFeatures lf = LabeledFeatures.of(h, labels);
    int k = w.numRows;
    if (k != lf.numClasses()) {
      lf = new LabeledFeatures(h, labels, k);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metrics", NcMetrics.measure(lf, w, null, layers).toMap());
    List<String> notes = new ArrayList<>();
    Measurement.Builder mb = Measurement.builder();
    List<DMatrixRMaj> head = head(k);
    if (head.size() >= 2 && preLinear != null) {
      mb.putAll(JswmQuantities.measure(head, preLinear, labels, k, lambdaW == null ? 0.0 : lambdaW, eta));
    } else {
      notes.add("[JSWM] claims need --layers (the linear head, >= 2 layers) and --pre-linear-features (the"
          + " features entering it)");
    }
    Map<String, Object> optimum = new LinkedHashMap<>();
    if (lambdaW != null && lambdaH != null) {
      int[] sizes = lf.classSizes();
      if (loss == null || loss.equals("mse")) {
        deepLinear(sizes, k, mb, optimum, notes);
      }
      if (loss == null || loss.equals("ce")) {
        optimum.put("seli_distance", distanceToSeli(w, SeliGeometry.of(sizes).gramW()));
        optimum.put("seli_note", "normalized Frobenius distance of W W^T to the SELI Gram G_W; the SELI limit"
            + " is approached as lambda -> 0 ([SELI])");
      }
    } else {
      notes.add("give --lambda-w and --lambda-h (and --loss) to compare with the closed-form optimum");
    }
    Measurement m = mb.build();
    List<Object> claims = new ArrayList<>();
    List<Object> missing = new ArrayList<>();
    for (Claim c : ClaimRegistry.standard().all()) {
      List<String> absent = c.requiredQuantities().stream().filter(q -> !m.has(q)).toList();
      if (absent.isEmpty()) {
        claims.add(c.evaluate(m).toJsonMap());
      } else {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", c.id());
        e.put("paper", c.paper().key());
        e.put("theorem", c.theorem());
        e.put("missing", absent);
        missing.add(e);
      }
    }
    out.put("claims", claims);
    out.put("not_measured", missing);
    out.put("optimum", optimum);
    out.put("notes", notes);
    return out;
  }

  /** The linear head: the layers, with W appended when the last layer does not output K values. */
  List<DMatrixRMaj> head(int k) {
    List<DMatrixRMaj> head = new ArrayList<>(layers);
    if (head.isEmpty() || head.get(head.size() - 1).numRows != k) {
      head.add(w);
    }
    return head;
  }

  private void deepLinear(int[] sizes, int k, Measurement.Builder mb, Map<String, Object> optimum,
      List<String> notes) {
    List<DMatrixRMaj> chain = layers.isEmpty() ? List.of(w) : head(k);
    DMatrixRMaj h0 = layers.isEmpty() ? h : preLinear;
    if (h0 == null) {
      notes.add("[DLN] comparison needs --pre-linear-features (the free features H entering W_1)");
      return;
    }
    for (DMatrixRMaj l : chain) {
      if (Math.min(l.numRows, l.numCols) < k) {
        notes.add("[DLN] closed form needs every width >= K; skipped");
        return;
      }
    }
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, chain.size(), lambdaW, lambdaH);
    DMatrixRMaj z = h0;
    double reg = 0;
    for (DMatrixRMaj l : chain) {
      z = Products.mult(l, z);
      double f = NormOps_DDRM.normF(l);
      reg += lambdaW / 2 * f * f;
    }
    int n = labels.length;
    double fit = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double d = z.get(c, i) - (labels[i] == c ? 1 : 0);
        fit += d * d;
      }
    }
    double hf = NormOps_DDRM.normF(h0);
    double objective = fit / (2.0 * n) + reg + lambdaH / 2 * hf * hf;
    optimum.put("deep_linear_objective", objective);
    optimum.put("deep_linear_optimal_loss", opt.optimalLoss());
    optimum.put("deep_linear_gap", objective - opt.optimalLoss());
    optimum.put("deep_linear_theory_class_mean_norms", opt.classMeanNorms());
    optimum.put("deep_linear_survives", opt.survives());
    mb.put(DlnOptimumClaim.REACHED_LOSS, objective).put(DlnOptimumClaim.CLOSED_FORM_LOSS, opt.optimalLoss())
        .flag(DlnOptimumClaim.CONVERGED, true);
    notes.add("[DLN] the model is assumed trained to convergence (converged = 1)");
  }

  /** || W W^T/||W W^T||_F - G/||G||_F ||_F. */
  public static double distanceToSeli(DMatrixRMaj w, DMatrixRMaj gram) {
    DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numRows);
    CommonOps_DDRM.multTransB(w, w, g);
    CommonOps_DDRM.divide(g, NormOps_DDRM.normF(g));
    DMatrixRMaj s = gram.copy();
    CommonOps_DDRM.divide(s, NormOps_DDRM.normF(s));
    CommonOps_DDRM.subtractEquals(g, s);
    return NormOps_DDRM.normF(g);
  }
}
