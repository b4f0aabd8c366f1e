package ncverify.reports.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.Products;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * How far the linear head of a trained network is from a critical point of its training objective,
 * measured from the dumped arrays alone: with the features Z_0 entering the head fixed, the gradient
 * of F = c sum_i l(z_i, y_i) + (lambda/2) sum_l ||W_l||^2 with respect to each head layer is
 * R_l = G_l + lambda W_l, where G_l = B_l Z_{l-1}^T, B_L = c dl/dZ_L (c (Z_L - Y) for MSE,
 * c (softmax(Z_L) - Y) for cross-entropy) and B_{l-1} = W_l^T B_l (docs/theory.md section 5, the
 * critical-point identity of [JSWM]). The reported number per layer is the relative residual
 * rho_l = ||R_l||_F / (||G_l||_F + lambda ||W_l||_F): 0 at a critical point, 1 when the loss gradient and
 * the weight decay do not cancel at all. This is the part of stationarity that a check can measure;
 * the backbone's gradient needs the data and the backbone, which are not in the files.
 *
 * <p>Cost: the forward pass through the head and one product over the samples: every G_l is
 * A_{&gt;l}^T P A_{&lt;l}^T with P = B_L Z_0^T (K x n_0) and A_{&gt;l} = W_L ... W_{l+1}, A_{&lt;l} = W_{l-1} ... W_1
 * (B_l = A_{&gt;l}^T B_L and Z_{l-1} = A_{&lt;l} Z_0), so no n_l x N backward matrix is formed; large products
 * through the fast backend ({@link Products}).
 */
public final class HeadStationarity {

  /** Our threshold for "near a critical point": max_l rho_l at most this. */
  public static final double NEAR_CRITICAL_REL = 1e-2;

  /** One head layer: ||G_l||, lambda ||W_l||, ||G_l + lambda W_l|| and rho_l. */
  public record Layer(int index, double gradNorm, double decayNorm, double residualNorm, double relative) {

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("layer", index);
      m.put("loss_gradient_norm", gradNorm);
      m.put("weight_decay_norm", decayNorm);
      m.put("residual_norm", residualNorm);
      m.put("relative", relative);
      return m;
    }
  }

  private HeadStationarity() {
  }

  /**
   * The relative residuals of every head layer.
   *
   * @param head W_1..W_L of the head, W_l is n_l x n_{l-1}, the last K x n_{L-1}
   * @param zIn Z_0, n_0 x N (columns are samples)
   * @param labels y_i in 0..K-1
   * @param loss {@code mse} or {@code ce}
   * @param c the factor of the data term ({@link LossReduction#scale})
   * @param lambda the weight decay of the layers, &gt; 0
   */
  public static List<Layer> measure(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, String loss, double c,
      double lambda) {
    if (zIn.numCols != labels.length) {
      throw InvalidInputException.of("%d labels for %d samples of the features entering the head", labels.length,
          zIn.numCols);
    }
    return measure(head, HeadProducts.forward(head, zIn), labels, loss, c, lambda);
  }

  /**
   * {@link #measure(List, DMatrixRMaj, int[], String, double, double)} given the forward pass
   * Z_0, ..., Z_L ({@link HeadProducts#forward}).
   */
  static List<Layer> measure(List<DMatrixRMaj> head, List<DMatrixRMaj> z, int[] labels, String loss, double c,
      double lambda) {
    int k = head.get(head.size() - 1).numRows;
    if (z.get(0).numCols != labels.length) {
      throw InvalidInputException.of("%d labels for %d samples of the features entering the head", labels.length,
          z.get(0).numCols);
    }
    DMatrixRMaj p = Products.multTransB(outputGradient(z.get(z.size() - 1), labels, k, loss, c), z.get(0));
    int layers = head.size();
    Layer[] out = new Layer[layers];
    DMatrixRMaj after = CommonOps_DDRM.identity(k); // A_{>l}, K x n_l
    for (int l = layers - 1; l >= 0; l--) {
      DMatrixRMaj w = head.get(l);
      DMatrixRMaj before = CommonOps_DDRM.identity(z.get(0).numRows); // A_{<l}, n_{l-1} x n_0
      for (int j = 0; j < l; j++) {
        before = Products.mult(head.get(j), before);
      }
      DMatrixRMaj g = Products.multTransB(Products.multTransA(after, p), before);
      double gradNorm = NormOps_DDRM.normF(g);
      double decayNorm = lambda * NormOps_DDRM.normF(w);
      for (int i = 0; i < g.data.length; i++) {
        g.data[i] += lambda * w.data[i];
      }
      double residual = NormOps_DDRM.normF(g);
      double denom = gradNorm + decayNorm;
      out[l] = new Layer(l + 1, gradNorm, decayNorm, residual, denom == 0.0 ? 0.0 : residual / denom);
      after = Products.mult(after, w);
    }
    return List.of(out);
  }

  /** max_l rho_l. */
  public static double maxRelative(List<Layer> layers) {
    return layers.stream().mapToDouble(Layer::relative).max().orElse(0.0);
  }

  /** JSON-ready per-layer maps. */
  public static List<Object> toMaps(List<Layer> layers) {
    List<Object> out = new ArrayList<>();
    layers.forEach(l -> out.add(l.toMap()));
    return out;
  }

  /** c dl/dZ_L: c (Z_L - Y) for MSE, c (softmax(Z_L) - Y) column by column for cross-entropy. */
  static DMatrixRMaj outputGradient(DMatrixRMaj zOut, int[] labels, int k, String loss, double c) {
    int n = zOut.numCols;
    DMatrixRMaj b = new DMatrixRMaj(k, n);
    boolean ce = loss.equals("ce");
    if (!ce) { // c (Z_L - Y), row by row (contiguous)
      for (int r = 0; r < k; r++) {
        int row = r * n;
        for (int i = 0; i < n; i++) {
          b.data[row + i] = c * (zOut.data[row + i] - (labels[i] == r ? 1.0 : 0.0));
        }
      }
      return b;
    }
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0.0;
      if (ce) {
        for (int r = 0; r < k; r++) {
          max = Math.max(max, zOut.get(r, i));
        }
        for (int r = 0; r < k; r++) {
          sum += Math.exp(zOut.get(r, i) - max);
        }
      }
      for (int r = 0; r < k; r++) {
        double p = ce ? Math.exp(zOut.get(r, i) - max) / sum : zOut.get(r, i);
        b.set(r, i, c * (p - (labels[i] == r ? 1.0 : 0.0)));
      }
    }
    return b;
  }

}
