package ncverify.theory.claims.ufm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;
import ncverify.theory.geometry.DeepLinearCurvature;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.linalg.Norms;
import ncverify.theory.metrics.LabeledFeatures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * [DLN] the full geometry of the global optimum of the bias-free deep linear MSE UFM (docs/theory.md
 * section 3; derivation and tolerance in docs/theory.md section 3.7), one claim per part, judged
 * on a trained solution W_1..W_M, H certified by its gradient norm. With s_k the closed-form per-layer
 * singular values, sigma_k = s_k^M, rho_k = sigma_k/(sigma_k^2 + N lambda_H), W = W_M ... W_1 and
 * Hbar = [hbar_1..hbar_K] the class means:
 * <ul>
 *   <li>{@link Part#PRODUCT_GRAM} W W^T = diag(sigma_k^2);</li>
 *   <li>{@link Part#CLASS_MEAN_GRAM} Hbar^T Hbar = diag(rho_k^2);</li>
 *   <li>{@link Part#LOGITS_OF_MEANS} W Hbar = diag(sigma_k^2/(sigma_k^2 + N lambda_H));</li>
 *   <li>{@link Part#ALIGNMENT} w_k = (sigma_k^2 + N lambda_H) hbar_k (w_k = row k of W);</li>
 *   <li>{@link Part#LAYER_GRAMS} W_M W_M^T = diag(s_k^2) and every W_m W_m^T (m &lt; M) has the
 *       eigenvalues s_k^2 (and zeros);</li>
 *   <li>{@link Part#NC1} H = Hbar Y (within-class collapse).</li>
 * </ul>
 * Conclusion: residual ||Q - Q*||_F &lt;= tolerance. The tolerance comes from the run's certified
 * gradient norm g (the trainer's own backprop, weight decay included): NC1 uses the exact bound
 * ||H - Hbar Y|| &lt;= g/lambda_H (every critical point is collapsed); the other parts use the
 * first-order perturbation bound 2 Lip_Q g_red/mu, where mu is the normal curvature of the reduced
 * objective ({@link ncverify.theory.geometry.DeepLinearCurvature}), g_red = sqrt(n_max) g +
 * ||W||_op c_W g^2/(N lambda_H^2) bounds the reduced gradient, and Lip_Q is an explicit Lipschitz
 * constant of Q (c_W = sqrt(sum_m prod_{j != m} ||W_j||_op^2)). Assumptions: the best restart
 * reached the closed-form loss with no ambiguous class (NC1: the run converged), mu &gt; 0 and the
 * first-order regime g_red/mu &lt;= {@link #FIRST_ORDER_MAX}. The wrong version ({@link #strengthened})
 * multiplies the closed form by the factor (for NC1 the collapse target Hbar Y).
 */
public final class DlnGeometryClaim extends AbstractClaim {

  /** Quantity: depth M. */
  public static final String DEPTH = "M";
  /** Quantity: lambda_W. */
  public static final String LAMBDA_W = "lambda_w";
  /** Quantity: lambda_H. */
  public static final String LAMBDA_H = "lambda_h";
  /** Quantity: ||grad F|| of the trained point, from the trainer's backprop (weight decay included). */
  public static final String GRAD_NORM = "grad_norm";
  /** Quantity: normal curvature mu of the reduced objective at the trained point. */
  public static final String CURVATURE = "curvature";
  /** Quantity: 1 when the best restart reached the closed-form loss and no class is ambiguous. */
  public static final String AT_OPTIMUM = "at_optimum";
  /** Quantity: 1 when the run converged (||grad F|| at most the trainer's tolerance). */
  public static final String CONVERGED = "converged";
  /** Matrix: features H (d x N). */
  public static final String H = "H";
  /** Matrix: one-hot labels Y (K x N). */
  public static final String Y = "Y";
  /** Matrix: closed-form per-layer singular values s_k (1 x K). */
  public static final String S = "s";
  /** Largest g_red/mu for which the first-order bound is used (parameters are O(0.1..10)). */
  public static final double FIRST_ORDER_MAX = 1e-4;
  /** Factor on the first-order bound covering the second-order remainder (g_red/mu &lt;= 1e-4). */
  public static final double REMAINDER_FACTOR = 2.0;

  /** Matrix name of W_m (1-based). */
  public static String weightName(int m) {
    return "W_" + m;
  }

  /** The part of the geometry a claim asserts. */
  public enum Part {
    PRODUCT_GRAM("dln.gram_closed_form", "W W^T = diag(s_k^{2M}) for the product W = W_M...W_1"),
    CLASS_MEAN_GRAM("dln.class_mean_gram", "Hbar^T Hbar = diag(s_k^{2M}/(s_k^{2M} + N lambda_H)^2)"),
    LOGITS_OF_MEANS("dln.logits_of_means", "W Hbar = diag(s_k^{2M}/(s_k^{2M} + N lambda_H))"),
    ALIGNMENT("dln.alignment", "w_k = (s_k^{2M} + N lambda_H) hbar_k (classifier rows parallel to class means)"),
    LAYER_GRAMS("dln.layer_grams", "W_M W_M^T = diag(s_k^2) and every W_m W_m^T has the eigenvalues s_k^2"),
    NC1("dln.nc1", "H = Hbar Y (within-class collapse, NC1 = 0)");

    private final String id;
    private final String formula;

    Part(String id, String formula) {
      this.id = id;
      this.formula = formula;
    }

    /** The claim id. */
    public String id() {
      return id;
    }
  }

  private final Part part;
  private final double factor;

  /** The claim for one part of the geometry. */
  public DlnGeometryClaim(Part part) {
    this(part, 1.0);
  }

  private DlnGeometryClaim(Part part, double factor) {
    super(part.id, Paper.DLN, "Thm 3.1 (global optimum, imbalanced deep linear UFM), Sec. 3 of docs/theory.md"
        + (factor == 1.0 ? "" : String.format(Locale.ROOT, " (closed form x %s: wrong factor)", factor)),
        "At the global optimum of the bias-free deep linear MSE UFM: " + part.formula
            + ", up to the tolerance implied by the run's certified gradient norm.",
        List.of(DEPTH, LAMBDA_W, LAMBDA_H, GRAD_NORM, CURVATURE, AT_OPTIMUM, CONVERGED));
    this.part = part;
    this.factor = factor;
  }

  /** All parts, in registry order. */
  public static List<Claim> all() {
    List<Claim> out = new ArrayList<>();
    for (Part p : Part.values()) {
      out.add(new DlnGeometryClaim(p));
    }
    return out;
  }

  /**
   * The measurement every part is judged on: the trained W_1..W_M and H (d x N, labels 0..K-1), the
   * closed form, the run's gradient norm and flags, and the normal curvature mu of the reduced
   * objective at the trained class means ({@link DeepLinearCurvature}).
   */
  public static Measurement measurement(List<DMatrixRMaj> weights, DMatrixRMaj h, int[] labels,
      DeepLinearUfmOptimum optimum, double gradNorm, boolean converged, boolean atOptimum) {
    int k = optimum.numClasses();
    DMatrixRMaj y = LabeledFeatures.oneHot(labels, k);
    int[] sizes = optimum.classSizes();
    DMatrixRMaj hbar = UfmMatrices.classMeans(h, y);
    double mu = DeepLinearCurvature.normalCurvature(weights, hbar, sizes, optimum.lambdaW(), optimum.lambdaH());
    Measurement.Builder b = Measurement.builder().put(DEPTH, weights.size()).put(LAMBDA_W, optimum.lambdaW())
        .put(LAMBDA_H, optimum.lambdaH()).put(GRAD_NORM, gradNorm).put(CURVATURE, mu)
        .flag(AT_OPTIMUM, atOptimum).flag(CONVERGED, converged)
        .matrix(H, h).matrix(Y, y).matrix(S, new DMatrixRMaj(1, k, true, optimum.layerSingularValues()));
    for (int m = 1; m <= weights.size(); m++) {
      b.matrix(weightName(m), weights.get(m - 1));
    }
    return b.build();
  }

  /** The part this claim asserts. */
  public Part part() {
    return part;
  }

  /** The closed form multiplied by {@code factor}: a wrong claim whenever some class survives. */
  @Override
  public Claim strengthened(double factor) {
    return new DlnGeometryClaim(part, this.factor * factor);
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    if (part == Part.NC1) {
      return List.of(AssumptionCheck.flag("the run converged (certified ||grad F||)", m.get(CONVERGED) == 1.0));
    }
    Geometry g = new Geometry(m);
    double mu = m.get(CURVATURE);
    double ratio = mu > 0 ? g.reducedGradient() / mu : Double.POSITIVE_INFINITY;
    return List.of(
        AssumptionCheck.flag("best restart at the closed-form loss, no ambiguous class", m.get(AT_OPTIMUM) == 1.0),
        AssumptionCheck.of("normal curvature mu > 0", mu, Relation.GREATER, 0),
        AssumptionCheck.of("first-order regime g_red/mu <= 1e-4 (ours)", ratio, Relation.AT_MOST, FIRST_ORDER_MAX));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    Geometry g = new Geometry(m);
    double residual;
    double bound;
    String what;
    if (part == Part.NC1) {
      residual = g.nc1Residual(factor);
      bound = m.get(GRAD_NORM) / m.get(LAMBDA_H);
      what = "||H - Hbar Y|| <= ||grad F||/lambda_H";
    } else {
      residual = g.residual(part, factor);
      bound = REMAINDER_FACTOR * g.lipschitz(part) * g.reducedGradient() / m.get(CURVATURE);
      what = "||Q - Q*|| <= 2 Lip_Q g_red/mu";
    }
    String label = factor == 1.0 ? what : what + String.format(Locale.ROOT, " (closed form x %s)", factor);
    return ConclusionCheck.of(label, residual, Relation.AT_MOST, bound,
        ConclusionCheck.roundoff(ROUNDOFF_REL, ROUNDOFF_ABS, g.scale(part), 0));
  }

  /** The trained matrices and closed form of one measurement, with the residuals and constants. */
  private static final class Geometry {
    private final List<DMatrixRMaj> ws = new ArrayList<>();
    private final DMatrixRMaj h;
    private final DMatrixRMaj y;
    private final DMatrixRMaj hbar;
    private final DMatrixRMaj w;
    private final double[] s;
    private final double[] sigma2;
    private final double nLambdaH;
    private final double gradNorm;
    private final int n;
    private final int nMax;
    private final double lambdaH;

    Geometry(Measurement m) {
      int depth = m.getInt(DEPTH);
      for (int l = 1; l <= depth; l++) {
        ws.add(m.matrix(weightName(l)));
      }
      h = m.matrix(H);
      y = m.matrix(Y);
      DMatrixRMaj sRow = m.matrix(S);
      s = sRow.data.clone();
      int k = y.numRows;
      n = y.numCols;
      double[] sizes = new double[k];
      int largest = 0;
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < n; i++) {
          sizes[c] += y.get(c, i);
        }
        largest = Math.max(largest, (int) Math.round(sizes[c]));
      }
      nMax = largest;
      hbar = UfmMatrices.classMeans(h, y);
      DMatrixRMaj p = ws.get(0);
      for (int l = 1; l < depth; l++) {
        DMatrixRMaj next = new DMatrixRMaj(ws.get(l).numRows, p.numCols);
        CommonOps_DDRM.mult(ws.get(l), p, next);
        p = next;
      }
      w = p;
      lambdaH = m.get(LAMBDA_H);
      nLambdaH = n * lambdaH;
      sigma2 = new double[k];
      for (int c = 0; c < k; c++) {
        sigma2[c] = Math.pow(s[c], 2 * depth);
      }
      gradNorm = m.get(GRAD_NORM);
    }

    /** c_W = sqrt(sum_m prod_{j != m} ||W_j||_op^2): ||dW|| <= c_W ||(dW_1..dW_M)||. */
    double productLipschitz() {
      double[] op = new double[ws.size()];
      for (int l = 0; l < ws.size(); l++) {
        op[l] = Norms.op(ws.get(l));
      }
      return UfmMatrices.productLipschitz(op);
    }

    /** g_red = sqrt(n_max) g + ||W||_op c_W g^2/(N lambda_H^2) (docs/theory.md section 3.7). */
    double reducedGradient() {
      return Math.sqrt(nMax) * gradNorm
          + Norms.op(w) * productLipschitz() * gradNorm * gradNorm / (n * lambdaH * lambdaH);
    }

    double lipschitz(Part part) {
      double cw = productLipschitz();
      double wOp = Norms.op(w);
      double hOp = Norms.op(hbar);
      switch (part) {
        case PRODUCT_GRAM:
          return 2 * wOp * cw;
        case CLASS_MEAN_GRAM:
          return 2 * hOp;
        case LOGITS_OF_MEANS:
          return Math.hypot(cw * hOp, wOp);
        case ALIGNMENT: {
          double maxScale = 0;
          for (double v : sigma2) {
            maxScale = Math.max(maxScale, v + nLambdaH);
          }
          return Math.hypot(cw, maxScale);
        }
        case LAYER_GRAMS: {
          double max = 0;
          for (DMatrixRMaj wl : ws) {
            max = Math.max(max, Norms.op(wl));
          }
          return 2 * max;
        }
        default:
          throw new IllegalStateException(part.name());
      }
    }

    /** The size of the compared quantities, for the roundoff allowance. */
    double scale(Part part) {
      switch (part) {
        case NC1:
          return Norms.frobenius(h);
        case LAYER_GRAMS: {
          double sum = 0;
          for (DMatrixRMaj wl : ws) {
            sum += Math.pow(Norms.frobenius(wl), 2);
          }
          return sum;
        }
        default:
          return Math.pow(Norms.frobenius(w) + Norms.frobenius(hbar) + 1, 2) * (1 + nLambdaH);
      }
    }

    double nc1Residual(double factor) {
      DMatrixRMaj target = new DMatrixRMaj(h.numRows, n);
      CommonOps_DDRM.mult(hbar, y, target);
      DMatrixRMaj diff = h.copy();
      CommonOps_DDRM.addEquals(diff, -factor, target);
      return Norms.frobenius(diff);
    }

    double residual(Part part, double factor) {
      int k = sigma2.length;
      switch (part) {
        case PRODUCT_GRAM: {
          DMatrixRMaj g = new DMatrixRMaj(k, k);
          CommonOps_DDRM.multTransB(w, w, g);
          return diagonalResidual(g, sigma2, factor);
        }
        case CLASS_MEAN_GRAM: {
          DMatrixRMaj g = new DMatrixRMaj(k, k);
          CommonOps_DDRM.multTransA(hbar, hbar, g);
          double[] rho2 = new double[k];
          for (int c = 0; c < k; c++) {
            double rho = Math.sqrt(sigma2[c]) / (sigma2[c] + nLambdaH);
            rho2[c] = rho * rho;
          }
          return diagonalResidual(g, rho2, factor);
        }
        case LOGITS_OF_MEANS: {
          DMatrixRMaj g = new DMatrixRMaj(k, k);
          CommonOps_DDRM.mult(w, hbar, g);
          double[] target = new double[k];
          for (int c = 0; c < k; c++) {
            target[c] = sigma2[c] / (sigma2[c] + nLambdaH);
          }
          return diagonalResidual(g, target, factor);
        }
        case ALIGNMENT: {
          DMatrixRMaj diff = CommonOps_DDRM.transpose(w, null);
          for (int c = 0; c < k; c++) {
            for (int r = 0; r < diff.numRows; r++) {
              diff.add(r, c, -factor * (sigma2[c] + nLambdaH) * hbar.get(r, c));
            }
          }
          return Norms.frobenius(diff);
        }
        case LAYER_GRAMS:
          return layerResidual(factor);
        default:
          throw new IllegalStateException(part.name());
      }
    }

    /** sqrt(||W_M W_M^T - f diag(s^2)||^2 + sum_{m<M} ||eig(W_m W_m^T) - f (s^2, 0..)||^2). */
    private double layerResidual(double factor) {
      int k = s.length;
      double[] s2 = new double[k];
      for (int c = 0; c < k; c++) {
        s2[c] = s[c] * s[c];
      }
      DMatrixRMaj last = ws.get(ws.size() - 1);
      DMatrixRMaj g = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransB(last, last, g);
      double r = diagonalResidual(g, s2, factor);
      double sum = r * r;
      for (int l = 0; l < ws.size() - 1; l++) {
        DMatrixRMaj wl = ws.get(l);
        DMatrixRMaj gram = new DMatrixRMaj(wl.numRows, wl.numRows);
        CommonOps_DDRM.multTransB(wl, wl, gram);
        double[] eig = eigenvaluesDescending(gram);
        double[] target = new double[eig.length];
        double[] sorted = s2.clone();
        Arrays.sort(sorted);
        for (int c = 0; c < Math.min(k, eig.length); c++) {
          target[c] = factor * sorted[k - 1 - c];
        }
        for (int i = 0; i < eig.length; i++) {
          sum += (eig[i] - target[i]) * (eig[i] - target[i]);
        }
      }
      return Math.sqrt(sum);
    }

    private static double diagonalResidual(DMatrixRMaj g, double[] diag, double factor) {
      DMatrixRMaj diff = g.copy();
      for (int c = 0; c < diag.length; c++) {
        diff.add(c, c, -factor * diag[c]);
      }
      return Norms.frobenius(diff);
    }

    private static double[] eigenvaluesDescending(DMatrixRMaj sym) {
      EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, false, true);
      if (!eig.decompose(sym.copy())) {
        throw new IllegalStateException("eigendecomposition failed");
      }
      double[] v = new double[sym.numRows];
      for (int i = 0; i < v.length; i++) {
        v[i] = eig.getEigenvalue(i).getReal();
      }
      Arrays.sort(v);
      for (int i = 0; i < v.length / 2; i++) {
        double t = v[i];
        v[i] = v[v.length - 1 - i];
        v[v.length - 1 - i] = t;
      }
      return v;
    }
  }
}
