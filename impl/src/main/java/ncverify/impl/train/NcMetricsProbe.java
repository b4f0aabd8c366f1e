package ncverify.impl.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import ncverify.impl.model.Activation;
import ncverify.impl.model.Model;
import ncverify.theory.InvalidInputException;
import ncverify.theory.metrics.Balancedness;
import ncverify.theory.metrics.BalancednessPair;
import ncverify.theory.metrics.ClassMeans;
import ncverify.theory.metrics.Conditioning;
import ncverify.theory.metrics.GlobalMean;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.Nc1;
import ncverify.theory.metrics.Nc2EtfMeans;
import ncverify.theory.metrics.Nc2OrthoMeans;
import ncverify.theory.metrics.Nc3;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The neural-collapse trajectory of a run (docs/theory.md section 1, measured with
 * {@code ncverify.theory.metrics}) on the penultimate features H = Z_{L-1} and the last layer
 * W = W_L:
 * <ul>
 *   <li>{@code nc1} = tr(Sigma_W Sigma_B^+)/K, {@code nc2_etf_means}, {@code nc2_ortho_means},
 *       {@code nc3} = ndist(W^T, Mc);</li>
 *   <li>{@code balancedness_rel}, {@code balancedness_op}: the largest relative and operator-norm
 *       balancedness ||W_{l+1}^T W_{l+1} - W_l W_l^T|| over the consecutive pairs of the linear head
 *       (the trailing layers without activation, [JSWM] section 5 / [DLN]; absent for a one-layer
 *       head);</li>
 *   <li>{@code kappa_features_in}: kappa(Z_{L1}) = s_1/s_+ of the features entering that head
 *       ([JSWM] Thm 3.1's conditioning). When the features have more than
 *       {@link #DIRECT_SVD_MAX_SAMPLES} columns it is computed as sqrt(cond_plus(Z Z^T)) (same
 *       singular values, the zero cutoff then acts at 1e-5 s_1 instead of 1e-10 s_1).</li>
 * </ul>
 * A metric that is undefined at the current parameters (all features zero at init, coinciding class
 * means, a zero layer) is left out of the map instead of being recorded as NaN, so training never
 * fails because of a measurement.
 */
public final class NcMetricsProbe implements TrajectoryProbe {

  /** Above this many samples kappa of the head input is taken from its Gram matrix. */
  public static final int DIRECT_SVD_MAX_SAMPLES = 4096;

  @Override
  public Map<String, Double> measure(Model model) {
    Map<String, Double> out = new LinkedHashMap<>();
    int depth = model.depth();
    DMatrixRMaj h = model.penultimateFeatures();
    DMatrixRMaj w = model.weight(depth);
    LabeledFeatures f;
    ClassMeans means;
    try {
      f = new LabeledFeatures(h, model.labels(), model.numClasses());
      means = ClassMeans.of(f, GlobalMean.SAMPLE);
    } catch (InvalidInputException e) {
      f = null;
      means = null;
    }
    if (f != null) {
      LabeledFeatures lf = f;
      ClassMeans cm = means;
      put(out, "nc1", () -> Nc1.of(lf, cm));
      put(out, "nc2_etf_means", () -> Nc2EtfMeans.of(cm));
      put(out, "nc2_ortho_means", () -> Nc2OrthoMeans.of(cm));
      put(out, "nc3", () -> Nc3.of(w, cm));
    }
    int first = firstHeadLayer(model);
    List<DMatrixRMaj> head = model.layerWeights().subList(first - 1, depth);
    if (head.size() >= 2) {
      try {
        double rel = 0;
        double op = 0;
        for (BalancednessPair p : Balancedness.of(head)) {
          rel = Math.max(rel, p.rel());
          op = Math.max(op, p.op());
        }
        putFinite(out, "balancedness_rel", rel);
        putFinite(out, "balancedness_op", op);
      } catch (InvalidInputException e) {
        // a zero layer: balancedness undefined, skipped
      }
    }
    DMatrixRMaj zIn = first == depth ? h : model.featuresEntering(first);
    put(out, "kappa_features_in", () -> kappa(zIn));
    return out;
  }

  /**
   * The first layer of the linear head: the smallest l such that layers l..L have no activation
   * (L for a model whose next-to-last layer is nonlinear).
   */
  public static int firstHeadLayer(Model model) {
    int l = model.depth();
    while (l > 1 && model.activation(l - 1) == Activation.IDENTITY) {
      l--;
    }
    return l;
  }

  /** kappa(Z) = s_1/s_+, directly or (many columns) from the Gram matrix Z Z^T. */
  static double kappa(DMatrixRMaj z) {
    if (z.numCols <= DIRECT_SVD_MAX_SAMPLES || z.numRows >= z.numCols) {
      return Conditioning.condPlus(z);
    }
    DMatrixRMaj gram = new DMatrixRMaj(z.numRows, z.numRows);
    CommonOps_DDRM.multTransB(z, z, gram);
    return Math.sqrt(Conditioning.condPlus(gram));
  }

  private static void put(Map<String, Double> out, String key, DoubleSupplier value) {
    try {
      putFinite(out, key, value.getAsDouble());
    } catch (InvalidInputException e) {
      // undefined at these parameters: skipped
    }
  }

  private static void putFinite(Map<String, Double> out, String key, double v) {
    if (Double.isFinite(v)) {
      out.put(key, v);
    }
  }
}
