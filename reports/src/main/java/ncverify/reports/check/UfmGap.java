package ncverify.reports.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * A trained network compared with the optimum of the unconstrained features model (UFM): a reported
 * gap, never a claim verdict. In the UFM the features are free variables; a network's features are
 * the output of its backbone, so a network's head and features are one point of the UFM problem and
 * its objective is at least the UFM optimum by the optimum's definition. The gap says how far the
 * network is from the UFM's prediction (0: it reached the UFM optimum, whose geometry then applies),
 * not whether a theorem holds.
 *
 * <ul>
 *   <li>[DLN] (docs/theory.md section 3), MSE: the deep-linear UFM objective
 *       (1/(2N))||W_M...W_1 H - Y||^2 + (lambda_W/2) sum ||W_m||^2 + (lambda_H/2)||H||^2 of the network
 *       (H = the features entering the head) against {@link DeepLinearUfmOptimum#optimalLoss()}.
 *   <li>[SELI] (docs/theory.md section 2), cross-entropy: the distance
 *       ||W W^T/||W W^T|| - G_W/||G_W|| ||_F to {@link SeliGeometry#gramW()} of the class sizes, the
 *       CE UFM's geometry as lambda -&gt; 0.
 * </ul>
 */
public final class UfmGap {

  /** What the deep-linear gap means, printed with it. */
  public static final String DEEP_LINEAR_MEANING = "the network's head and features as one point of the"
      + " deep linear UFM of [DLN] (free features H, MSE, lambda_W, lambda_H): objective - optimum >= 0 by the"
      + " optimum's definition; 0 means the network reached the UFM optimum and its geometry applies. A"
      + " comparison, not a verdict: a network's features are not free, and --lambda-h has no counterpart in"
      + " its training.";
  /** What the SELI distance means, printed with it. */
  public static final String SELI_MEANING = "normalized Frobenius distance of W W^T to the SELI Gram G_W of"
      + " these class sizes, the geometry of the CE UFM's classifier as lambda -> 0 ([SELI]); 0 means the"
      + " classifier has the SELI geometry. A comparison, not a verdict.";

  private UfmGap() {
  }

  /**
   * The [DLN] comparison: {@code {objective, optimum, gap, relative_gap, class_mean_norms, survives,
   * meaning}}; null (with a note added) when the closed form does not apply.
   *
   * @param chain the linear layers W_1..W_M, the last K x n_{M-1}
   * @param h0 the features entering W_1, n_0 x N
   */
  public static Map<String, Object> deepLinear(List<DMatrixRMaj> chain, DMatrixRMaj h0, int[] labels, int[] sizes,
      double lambdaW, double lambdaH, List<String> notes) {
    return deepLinear(chain, h0, null, labels, sizes, lambdaW, lambdaH, notes);
  }

  /**
   * {@link #deepLinear(List, DMatrixRMaj, int[], int[], double, double, List)} given the forward pass
   * h0, W_1 h0, ..., W_M ... W_1 h0 ({@link HeadProducts#forward}) when asked for, or null to compute it.
   */
  static Map<String, Object> deepLinear(List<DMatrixRMaj> chain, DMatrixRMaj h0, Supplier<List<DMatrixRMaj>> forward,
      int[] labels, int[] sizes, double lambdaW, double lambdaH, List<String> notes) {
    int k = sizes.length;
    for (DMatrixRMaj l : chain) {
      if (Math.min(l.numRows, l.numCols) < k) {
        notes.add("[DLN] closed form needs every width >= K; no deep-linear comparison");
        return null;
      }
    }
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, chain.size(), lambdaW, lambdaH);
    List<DMatrixRMaj> outs = forward != null ? forward.get() : HeadProducts.forward(chain, h0);
    DMatrixRMaj z = outs.get(outs.size() - 1);
    double reg = 0;
    for (DMatrixRMaj l : chain) {
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
    double objective = fit / (2.0 * n) + reg + lambdaH / 2 * Norms.squaredFrobenius(h0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("objective", objective);
    out.put("optimum", opt.optimalLoss());
    out.put("gap", objective - opt.optimalLoss());
    out.put("relative_gap", (objective - opt.optimalLoss()) / opt.optimalLoss());
    out.put("optimum_class_mean_norms", opt.classMeanNorms());
    out.put("optimum_survives", opt.survives());
    out.put("meaning", DEEP_LINEAR_MEANING);
    return out;
  }

  /** The [SELI] comparison: {@code {distance, meaning}}. */
  public static Map<String, Object> seli(DMatrixRMaj w, int[] sizes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("distance", distanceToSeli(w, SeliGeometry.of(sizes).gramW()));
    out.put("meaning", SELI_MEANING);
    return out;
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
