package ncverify.reports.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Model;
import ncverify.impl.train.NcMetricsProbe;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.jswm.JswmQuantities;
import ncverify.theory.geometry.dufm.DncSolution;
import ncverify.theory.geometry.dufm.DufmParameters;
import ncverify.theory.metrics.Conditioning;
import org.ejml.data.DMatrixRMaj;

/**
 * The {@code assumptions} object of {@code ncv train --json}: every quantity the claims of the
 * trained model's paper need, measured on the final parameters.
 * <ul>
 *   <li>mlp, cnn, resnet and deep-linear with a linear head of L2 &gt;= 2 layers, MSE, no biases: every [JSWM]
 *       quantity of {@link JswmQuantities} (docs/theory.md section 5: eps1, eps2, r, kappa_Z_in of the
 *       features entering the head, kappa_A, ...), with lambda the head's weight decay, eta the
 *       learning rate and the loss scale c = 1 (sum) or 1/N (mean). With cross-entropy only the
 *       quantities that do not involve the MSE residual are kept.</li>
 *   <li>ufm ([SELI] section 2): K, N, n_min, n_max, d, lambda_W, lambda_H, kappa of H.</li>
 *   <li>dufm ([DUFM] section 4): K, L, N, n_min, n_max, lambdas and, for balanced classes, C_DNC
 *       and the loss L_DNC of the best deep-neural-collapse solution (the bound that K = 2 must
 *       respect, [DUFM2]).</li>
 * </ul>
 * A quantity undefined at the final parameters gives {@code "undefined": message} instead.
 */
final class TrainAssumptions {

  /**
   * Above this size of K N n (head input width n) the [JSWM] quantities are skipped. The exact head-NTK
   * norm costs a few passes over Z_{L1} (docs/theory.md section 5.1): K N n = 7.7e6 (6,000 Fashion-MNIST
   * images into a 128-wide head) measures in about 2 s, so the limit only stops runs of minutes.
   */
  static final long JSWM_MAX_SIZE = 500_000_000L;

  /** [JSWM] quantities that do not depend on the MSE residual Z_L - Y (kept for cross-entropy). */
  private static final Set<String> RESIDUAL_FREE = Set.of(JswmQuantities.K, JswmQuantities.L2,
      JswmQuantities.N, JswmQuantities.N_MIN, JswmQuantities.N_MAX, JswmQuantities.LAMBDA, JswmQuantities.ETA,
      JswmQuantities.LOSS_SCALE, JswmQuantities.EPS2, JswmQuantities.R, JswmQuantities.KAPPA_A,
      JswmQuantities.KAPPA_Z_IN, JswmQuantities.LEAK_OP, JswmQuantities.KAPPA_WL, JswmQuantities.S1_WL,
      JswmQuantities.SK_WL, JswmQuantities.Z_IN_OP, JswmQuantities.KAPPA_MBAR_PENULT, JswmQuantities.MIN_COS_PENULT,
      JswmQuantities.NC1TR_PENULT, JswmQuantities.Z_PENULT_OP);

  /** Integer-valued [JSWM] quantities, written as integers. */
  private static final Set<String> COUNTS = Set.of(JswmQuantities.K, JswmQuantities.L2, JswmQuantities.N,
      JswmQuantities.N_MIN, JswmQuantities.N_MAX);

  private TrainAssumptions() {
  }

  /**
   * @param kind mlp, ufm, deep-linear or dufm
   * @param lambdaW the head's weight decay (mlp: --weight-decay)
   * @param lambdaH the feature regularizer (ufm family)
   */
  static Map<String, Object> of(String kind, Model model, boolean mse, boolean bias, Normalization norm,
      double lambdaW, double lambdaH, double lr) {
    Map<String, Object> out = new LinkedHashMap<>();
    int[] labels = model.labels();
    int k = model.numClasses();
    int[] sizes = new int[k];
    for (int y : labels) {
      sizes[y]++;
    }
    int nMin = Integer.MAX_VALUE;
    int nMax = 0;
    for (int s : sizes) {
      nMin = Math.min(nMin, s);
      nMax = Math.max(nMax, s);
    }
    try {
      switch (kind) {
        case "mlp", "deep-linear", "cnn", "resnet" -> jswm(out, model, labels, k, mse, bias, norm, lambdaW, lr);
        case "ufm" -> {
          out.put("K", k);
          out.put("N", labels.length);
          out.put("n_min", nMin);
          out.put("n_max", nMax);
          out.put("d", model.penultimateFeatures().numRows);
          out.put("d_at_least_K", model.penultimateFeatures().numRows >= k);
          out.put("lambda_W", lambdaW);
          out.put("lambda_H", lambdaH);
          out.put("kappa_H", Conditioning.condPlus(model.penultimateFeatures()));
        }
        default -> dufm(out, model, labels, k, nMin, nMax, mse, lambdaW, lambdaH);
      }
    } catch (InvalidInputException e) {
      out.put("undefined", e.getMessage());
    }
    return out;
  }

  private static void jswm(Map<String, Object> out, Model model, int[] labels, int k, boolean mse, boolean bias,
      Normalization norm, double lambda, double lr) {
    int first = NcMetricsProbe.firstHeadLayer(model);
    int depth = model.depth();
    int l2 = depth - first + 1;
    if (l2 < 2) {
      out.put("not_applicable", "the [JSWM] quantities need a linear head of L2 >= 2 layers, this one has "
          + l2 + " (use --layers 2 or more)");
      return;
    }
    if (bias) {
      out.put("not_applicable", "the [JSWM] quantities are defined for a bias-free head (drop --bias)");
      return;
    }
    DMatrixRMaj zIn = model.featuresEntering(first);
    long size = (long) k * labels.length * zIn.numRows;
    if (size > JSWM_MAX_SIZE) {
      out.put("not_applicable", String.format(java.util.Locale.ROOT,
          "K N n = %d exceeds %d: the head NTK would take too long; train on fewer samples", size, JSWM_MAX_SIZE));
      return;
    }
    List<DMatrixRMaj> head = model.layerWeights().subList(first - 1, depth);
    double scale = norm == Normalization.SUM ? 1.0 : 1.0 / labels.length;
    Measurement m = JswmQuantities.measure(head, zIn, labels, k, lambda, lr, scale);
    for (Map.Entry<String, Double> e : m.quantities().entrySet()) {
      if (mse || RESIDUAL_FREE.contains(e.getKey())) {
        out.put(e.getKey(), COUNTS.contains(e.getKey()) ? (Object) (int) Math.round(e.getValue()) : e.getValue());
      }
    }
    out.put("loss_scale", scale);
    if (!mse) {
      out.put("note", "cross-entropy: the [JSWM] quantities of the MSE residual are omitted");
    }
  }

  private static void dufm(Map<String, Object> out, Model model, int[] labels, int k, int nMin, int nMax,
      boolean mse, double lambdaW, double lambdaH) {
    int depth = model.depth();
    out.put("K", k);
    out.put("L", depth);
    out.put("N", labels.length);
    out.put("n_min", nMin);
    out.put("n_max", nMax);
    out.put("lambda_W", lambdaW);
    out.put("lambda_H", lambdaH);
    out.put("width_at_least_K", model.penultimateFeatures().numRows >= k);
    if (mse && nMin == nMax && lambdaW > 0 && lambdaH > 0) {
      double[] lambdas = new double[depth];
      java.util.Arrays.fill(lambdas, lambdaW);
      DncSolution dnc = DncSolution.of(new DufmParameters(k, depth, nMin, lambdas, lambdaH));
      out.put("c_dnc", dnc.constantC());
      out.put("loss_dnc", dnc.loss());
      out.put("dnc_collapsed_to_zero", dnc.collapsed());
    } else {
      out.put("note", "C_DNC and L_DNC need MSE, balanced classes and lambda_W, lambda_H > 0");
    }
  }
}
