package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.ClassSizes;
import ncverify.theory.geometry.internal.HaarOrthogonal;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Global optimum of the deep linear unconstrained-features model of [DLN] Thm 3.1 (docs/theory.md
 * section 3), bias-free MSE with imbalanced classes:
 * <pre>  min (1/(2N)) ||W_M ... W_1 H - Y||^2 + (lambda_W/2) sum_m ||W_m||^2 + (lambda_H/2) ||H||^2.</pre>
 * With b = M N (N lambda_W^M lambda_H)^{1/M}, class k solves the scalar problem
 * min_{x >= 0} 1/(1 + x^M) + (b/n_k) x ({@link DeepLinearScalarProblem}); survivors have per-layer
 * singular value s_k^2 = (N lambda_H)^{1/M} x_k, product singular value sigma_k = s_k^M with
 * sigma_k^2 = N lambda_H x_k^M, classifier row norm ||w_k|| = sigma_k and class mean norm
 * ||hbar_k|| = sigma_k/(sigma_k^2 + N lambda_H); collapsed classes have s_k = 0 and hbar_k = 0. The
 * optimal loss is sum_k (n_k/(2N)) min_x f_k(x). Classifier rows and class means are orthogonal;
 * with balanced classes they form an orthogonal frame. Survival is decided by the objective value
 * at the stationary point versus zero, not by existence of the root: keeping the root whenever it
 * exists (what, per docs/theory.md section 3, the [DLN] reference code does) is wrong for b/n_k between
 * the collapse threshold and the root-existence threshold, where the root is only a local minimum.
 * Requires every width >= K (narrower layers add a rank constraint and change the optimum).
 */
public final class DeepLinearUfmOptimum {

  private final int[] classSizes;
  private final int n;
  private final int depth;
  private final double lambdaW;
  private final double lambdaH;
  private final double b;
  private final double[] x;
  private final boolean[] survives;
  private final double[] layerSingularValues;
  private final double[] classifierNorms;
  private final double[] classMeanNorms;
  private final double optimalLoss;

  private DeepLinearUfmOptimum(int[] classSizes, int depth, double lambdaW, double lambdaH) {
    this.n = ClassSizes.validate(classSizes);
    if (depth < 1) {
      throw InvalidInputException.of("depth M must be >= 1, got %d", depth);
    }
    if (!(lambdaW > 0) || Double.isInfinite(lambdaW)) {
      throw InvalidInputException.of("lambda_W must be finite and > 0, got %s", lambdaW);
    }
    if (!(lambdaH > 0) || Double.isInfinite(lambdaH)) {
      throw InvalidInputException.of("lambda_H must be finite and > 0, got %s", lambdaH);
    }
    this.classSizes = classSizes.clone();
    this.depth = depth;
    this.lambdaW = lambdaW;
    this.lambdaH = lambdaH;
    this.b = depth * (double) n * Math.pow(n * lambdaH, 1.0 / depth) * lambdaW;
    int k = classSizes.length;
    x = new double[k];
    survives = new boolean[k];
    layerSingularValues = new double[k];
    classifierNorms = new double[k];
    classMeanNorms = new double[k];
    double nLambdaH = n * lambdaH;
    double loss = 0;
    for (int c = 0; c < k; c++) {
      DeepLinearScalarProblem p = new DeepLinearScalarProblem(depth, b / classSizes[c]);
      x[c] = p.minimizer();
      survives[c] = x[c] > 0;
      loss += classSizes[c] / (2.0 * n) * p.value(x[c]);
      if (survives[c]) {
        layerSingularValues[c] = Math.sqrt(Math.pow(nLambdaH, 1.0 / depth) * x[c]);
        double sigma = Math.sqrt(nLambdaH * Math.pow(x[c], depth));
        classifierNorms[c] = sigma;
        classMeanNorms[c] = sigma / (sigma * sigma + nLambdaH);
      }
    }
    this.optimalLoss = loss;
  }

  /**
   * The optimum for class sizes n_k (K >= 2, every n_k >= 1), depth M >= 1 and regularizers
   * lambda_W, lambda_H > 0.
   */
  public static DeepLinearUfmOptimum of(int[] classSizes, int depth, double lambdaW, double lambdaH) {
    return new DeepLinearUfmOptimum(classSizes, depth, lambdaW, lambdaH);
  }

  public int numClasses() {
    return classSizes.length;
  }

  public int numSamples() {
    return n;
  }

  public int depth() {
    return depth;
  }

  public double lambdaW() {
    return lambdaW;
  }

  public double lambdaH() {
    return lambdaH;
  }

  public int[] classSizes() {
    return classSizes.clone();
  }

  /** b = M N (N lambda_W^M lambda_H)^{1/M}. */
  public double b() {
    return b;
  }

  /** Per-class minimizers x_k of the scalar problem (0 for collapsed classes). */
  public double[] scalarMinimizers() {
    return x.clone();
  }

  public boolean[] survives() {
    return survives.clone();
  }

  /** Per-layer singular value s_k of class k (each W_m W_m^T restricted to the classes: diag(s_k^2)). */
  public double[] layerSingularValues() {
    return layerSingularValues.clone();
  }

  /** ||w_k|| = s_k^M for the rows of the product W_M ... W_1. */
  public double[] classifierNorms() {
    return classifierNorms.clone();
  }

  /** ||hbar_k|| = s_k^M/(s_k^{2M} + N lambda_H). */
  public double[] classMeanNorms() {
    return classMeanNorms.clone();
  }

  public double optimalLoss() {
    return optimalLoss;
  }

  /** The optimum realized with every width equal to K and the canonical (identity) orientation. */
  public Realization realize() {
    return build(numClasses(), null);
  }

  /**
   * The optimum realized with every hidden width and the feature dimension equal to d >= K: W_1, ...,
   * W_{M-1} are d x d, W_M is K x d, H is d x N (columns in sorted label order). W_m = Q_m S Q_{m-1}^T
   * with S = diag(s_1..s_K, 0...), Q_0..Q_{M-1} Haar orthogonal from {@code seed}; hbar_k =
   * ||hbar_k|| Q_0 e_k.
   */
  public Realization realize(int d, long seed) {
    if (d < numClasses()) {
      throw InvalidInputException.of("width d = %d must be >= K = %d", d, numClasses());
    }
    return build(d, seed);
  }

  private Realization build(int d, Long seed) {
    int k = numClasses();
    List<DMatrixRMaj> q = new ArrayList<>();
    for (int m = 0; m < depth; m++) {
      q.add(seed == null ? CommonOps_DDRM.identity(d) : HaarOrthogonal.square(d, seed + 7919L * m));
    }
    List<DMatrixRMaj> weights = new ArrayList<>();
    for (int m = 1; m <= depth; m++) {
      int rows = m == depth ? k : d;
      DMatrixRMaj core = new DMatrixRMaj(rows, d);
      for (int c = 0; c < k; c++) {
        core.set(c, c, layerSingularValues[c]);
      }
      DMatrixRMaj coreQt = new DMatrixRMaj(rows, d);
      CommonOps_DDRM.multTransB(core, q.get(m - 1), coreQt);
      if (m == depth) {
        weights.add(coreQt);
      } else {
        DMatrixRMaj w = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(q.get(m), coreQt, w);
        weights.add(w);
      }
    }
    int[] labels = ClassSizes.sortedLabels(classSizes);
    DMatrixRMaj h = new DMatrixRMaj(d, n);
    DMatrixRMaj q0 = q.get(0);
    for (int i = 0; i < n; i++) {
      int c = labels[i];
      for (int r = 0; r < d; r++) {
        h.set(r, i, classMeanNorms[c] * q0.get(r, c));
      }
    }
    return new Realization(weights, h);
  }

  /**
   * JSON-ready view with keys survives, class_mean_norms, classifier_norms, optimal_loss (plus the
   * inputs and b).
   */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("class_sizes", classSizes.clone());
    map.put("depth", depth);
    map.put("lambda_w", lambdaW);
    map.put("lambda_h", lambdaH);
    map.put("b", b);
    map.put("survives", survives.clone());
    map.put("class_mean_norms", classMeanNorms.clone());
    map.put("classifier_norms", classifierNorms.clone());
    map.put("optimal_loss", optimalLoss);
    return map;
  }

  /** Explicit optimal weights W_1..W_M (W_1 applied first) and features H (d x N). */
  public record Realization(List<DMatrixRMaj> weights, DMatrixRMaj h) {
    public Realization {
      List<DMatrixRMaj> copy = new ArrayList<>();
      for (DMatrixRMaj w : weights) {
        copy.add(w.copy());
      }
      weights = Collections.unmodifiableList(copy);
      h = h.copy();
    }

    /** Fresh copies of W_1..W_M. */
    @Override
    public List<DMatrixRMaj> weights() {
      List<DMatrixRMaj> copy = new ArrayList<>();
      for (DMatrixRMaj w : weights) {
        copy.add(w.copy());
      }
      return copy;
    }

    @Override
    public DMatrixRMaj h() {
      return h.copy();
    }

    /** The product W_M ... W_1 (K x d). */
    public DMatrixRMaj product() {
      DMatrixRMaj p = weights.get(0).copy();
      for (int m = 1; m < weights.size(); m++) {
        DMatrixRMaj next = new DMatrixRMaj(weights.get(m).numRows, p.numCols);
        CommonOps_DDRM.mult(weights.get(m), p, next);
        p = next;
      }
      return p;
    }
  }
}
