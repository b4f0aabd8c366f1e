package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The L-DUFM objective of [DUFM] (docs/theory.md section 4), MSE, no biases, evaluated directly on
 * explicit matrices:
 * <pre>
 *   (1/(2N)) ||Z - Y||^2 + sum_l (lambda_l/2) ||W_l||^2 + (lambda_H/2) ||H_1||^2,
 *   Z = W_L s(W_{L-1} ... s(W_1 H_1)),  s = ReLU (none on H_1),
 * </pre>
 * with Y the one-hot label matrix (K x N), together with its analytic gradient (backpropagation,
 * ReLU'(0) = 0).
 */
public final class DeepUfmObjective {

  private final int[] labels;
  private final int numClasses;
  private final double[] lambdas;
  private final double lambdaH;
  /** Fixed activation pattern (1 active, 0 not) of P_2..P_L, or null for the ReLU itself. */
  private final List<DMatrixRMaj> pattern;

  /**
   * @param labels y_i in 0..K-1, one per sample (column of H_1)
   * @param numClasses K
   * @param lambdas lambda_1..lambda_L
   * @param lambdaH lambda_H
   */
  public DeepUfmObjective(int[] labels, int numClasses, double[] lambdas, double lambdaH) {
    if (numClasses < 2) {
      throw InvalidInputException.of("number of classes K = %d must be at least 2", numClasses);
    }
    if (labels == null || labels.length == 0) {
      throw InvalidInputException.of("no labels given");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d",
            labels[i], i, numClasses - 1);
      }
    }
    // validates lambdas (depth >= 1, each > 0)
    new DufmParameters(numClasses, lambdas == null ? 0 : lambdas.length, 1, lambdas, lambdaH);
    this.labels = labels.clone();
    this.numClasses = numClasses;
    this.lambdas = lambdas.clone();
    this.lambdaH = lambdaH;
    this.pattern = null;
  }

  private DeepUfmObjective(DeepUfmObjective base, List<DMatrixRMaj> pattern) {
    this.labels = base.labels;
    this.numClasses = base.numClasses;
    this.lambdas = base.lambdas;
    this.lambdaH = base.lambdaH;
    this.pattern = pattern;
  }

  /**
   * The objective on the activation piece of {@code reference}: every ReLU replaced by the fixed 0/1
   * mask of the reference's pre-activations (1 where P_{l+1} &gt; 0), so the network is linear in H_1 and
   * the objective a polynomial in the parameters; it equals this objective at every point with the
   * same activation pattern (docs/theory.md section 4.8).
   */
  public DeepUfmObjective onPieceOf(DeepUfmPoint reference) {
    return onPieceOf(reference, 0);
  }

  /**
   * {@link #onPieceOf(DeepUfmPoint)} with a pre-activation counted as active only above
   * {@code relativeThreshold} x the largest |entry| of its layer's pre-activations: the piece whose
   * closure holds the nearby point where the entries within the threshold are exactly zero.
   */
  public DeepUfmObjective onPieceOf(DeepUfmPoint reference, double relativeThreshold) {
    if (!(relativeThreshold >= 0)) {
      throw InvalidInputException.of("relative threshold %s must be >= 0", relativeThreshold);
    }
    List<DMatrixRMaj> masks = new ArrayList<>();
    for (DMatrixRMaj p : forward(reference).preActivations()) {
      double max = 0;
      for (double v : p.data) {
        max = Math.max(max, Math.abs(v));
      }
      DMatrixRMaj m = new DMatrixRMaj(p.numRows, p.numCols);
      for (int i = 0; i < p.getNumElements(); i++) {
        m.data[i] = p.data[i] > relativeThreshold * max ? 1 : 0;
      }
      masks.add(m);
    }
    return new DeepUfmObjective(this, masks);
  }

  /** The fixed activation pattern of {@link #onPieceOf} (P_2..P_L, 1 active), or empty for the ReLU. */
  public java.util.Optional<List<DMatrixRMaj>> pattern() {
    return pattern == null ? java.util.Optional.empty()
        : java.util.Optional.of(pattern.stream().map(DMatrixRMaj::copy).toList());
  }

  /** The objective of a balanced instance (labels Y = I_K kron 1_n^T). */
  public static DeepUfmObjective of(DufmParameters p) {
    return new DeepUfmObjective(p.labels(), p.numClasses(), p.lambdas(), p.lambdaH());
  }

  /** lambda_H, the ridge on H_1. */
  public double lambdaH() {
    return lambdaH;
  }

  /** L. */
  public int depth() {
    return lambdas.length;
  }

  /**
   * The forward pass: pre-activations P_2..P_L (P_{l+1} = W_l H_l), post-activations H_1..H_L
   * (H_{l+1} = ReLU(P_{l+1})) and the output Z = W_L H_L.
   *
   * @param preActivations P_2..P_L (index 0 is P_2)
   * @param features H_1..H_L (index 0 is H_1)
   * @param output Z
   */
  public record Activations(List<DMatrixRMaj> preActivations, List<DMatrixRMaj> features,
      DMatrixRMaj output) {
  }

  /** Runs the network on the point. */
  public Activations forward(DeepUfmPoint point) {
    check(point);
    List<DMatrixRMaj> pre = new ArrayList<>();
    List<DMatrixRMaj> post = new ArrayList<>();
    DMatrixRMaj h = point.h1View();
    post.add(h);
    int depth = depth();
    for (int l = 1; l < depth; l++) {
      DMatrixRMaj p = new DMatrixRMaj(1, 1);
      CommonOps_DDRM.mult(point.weightView(l), h, p);
      pre.add(p);
      h = pattern == null ? relu(p) : masked(p, pattern.get(l - 1));
      post.add(h);
    }
    DMatrixRMaj z = new DMatrixRMaj(1, 1);
    CommonOps_DDRM.mult(point.weightView(depth), h, z);
    return new Activations(pre, post, z);
  }

  /** The objective value at the point. */
  public double value(DeepUfmPoint point) {
    Activations a = forward(point);
    return fit(a.output()) + regularization(point);
  }

  /** The data term (1/(2N)) ||Z - Y||^2 alone. */
  public double fit(DMatrixRMaj z) {
    double s = 0;
    int n = labels.length;
    for (int k = 0; k < numClasses; k++) {
      for (int i = 0; i < n; i++) {
        double r = z.get(k, i) - (labels[i] == k ? 1.0 : 0.0);
        s += r * r;
      }
    }
    return s / (2.0 * n);
  }

  private double regularization(DeepUfmPoint point) {
    double s = 0.5 * lambdaH * squaredNorm(point.h1View());
    for (int l = 1; l <= depth(); l++) {
      s += 0.5 * lambdas[l - 1] * squaredNorm(point.weightView(l));
    }
    return s;
  }

  /** The analytic gradient at the point (backpropagation, ReLU'(0) = 0). */
  public DeepUfmGradient gradient(DeepUfmPoint point) {
    Activations a = forward(point);
    int depth = depth();
    int n = labels.length;
    DMatrixRMaj dz = a.output().copy();
    for (int i = 0; i < n; i++) {
      dz.add(labels[i], i, -1.0);
    }
    CommonOps_DDRM.scale(1.0 / n, dz);
    DMatrixRMaj[] dw = new DMatrixRMaj[depth];
    DMatrixRMaj upstream = dz; // d objective / d (W_l H_l)
    for (int l = depth; l >= 1; l--) {
      DMatrixRMaj hl = a.features().get(l - 1);
      DMatrixRMaj wl = point.weightView(l);
      DMatrixRMaj g = new DMatrixRMaj(wl.numRows, wl.numCols);
      CommonOps_DDRM.multTransB(upstream, hl, g);
      CommonOps_DDRM.addEquals(g, lambdas[l - 1], wl);
      dw[l - 1] = g;
      DMatrixRMaj dh = new DMatrixRMaj(wl.numCols, n);
      CommonOps_DDRM.multTransA(wl, upstream, dh);
      if (l >= 2) {
        DMatrixRMaj p = a.preActivations().get(l - 2);
        for (int i = 0; i < dh.getNumElements(); i++) {
          if (pattern == null ? !(p.data[i] > 0) : pattern.get(l - 2).data[i] == 0) {
            dh.data[i] = 0;
          }
        }
      } else {
        CommonOps_DDRM.addEquals(dh, lambdaH, point.h1View());
      }
      upstream = dh;
    }
    return new DeepUfmGradient(upstream, List.of(dw));
  }

  private void check(DeepUfmPoint point) {
    if (point.depth() != depth()) {
      throw InvalidInputException.of("point has %d weight matrices but the objective has depth %d",
          point.depth(), depth());
    }
    if (point.numSamples() != labels.length) {
      throw InvalidInputException.of("H_1 has %d columns but there are %d labels",
          point.numSamples(), labels.length);
    }
    if (point.weightView(depth()).numRows != numClasses) {
      throw InvalidInputException.of("W_L has %d rows but K = %d",
          point.weightView(depth()).numRows, numClasses);
    }
    checkFinite("H_1", point.h1View());
    for (int l = 1; l <= depth(); l++) {
      checkFinite("W_" + l, point.weightView(l));
    }
  }

  private static void checkFinite(String name, DMatrixRMaj m) {
    for (int i = 0; i < m.getNumElements(); i++) {
      if (!Double.isFinite(m.data[i])) {
        throw InvalidInputException.of("%s has a non-finite entry at index %d", name, i);
      }
    }
  }

  static DMatrixRMaj relu(DMatrixRMaj p) {
    DMatrixRMaj h = p.copy();
    for (int i = 0; i < h.getNumElements(); i++) {
      if (!(h.data[i] > 0)) {
        h.data[i] = 0;
      }
    }
    return h;
  }

  private static DMatrixRMaj masked(DMatrixRMaj p, DMatrixRMaj mask) {
    if (p.numRows != mask.numRows || p.numCols != mask.numCols) {
      throw InvalidInputException.of("the point's layer is %d x %d but the fixed pattern is %d x %d",
          p.numRows, p.numCols, mask.numRows, mask.numCols);
    }
    DMatrixRMaj h = p.copy();
    for (int i = 0; i < h.getNumElements(); i++) {
      h.data[i] *= mask.data[i];
    }
    return h;
  }

  static double squaredNorm(DMatrixRMaj m) {
    double s = 0;
    for (int i = 0; i < m.getNumElements(); i++) {
      s += m.data[i] * m.data[i];
    }
    return s;
  }
}
