package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * The best deep-neural-collapse solution of the L-DUFM [DUFM] (docs/theory.md section 4), built as
 * explicit matrices: within-class collapse (DNC1), class means in every layer a scaled non-negative
 * orthogonal frame (DNC2, the first K coordinate vectors), weights W_l = w_l [I_K 0; 0 0] aligned with
 * them (DNC3), with balanced layer scales
 * <pre>
 *   lambda_H n K h^2 / 2 = lambda_l K w_l^2 / 2 = C s^{2/(L+1)} / (L+1),   s = h prod_l w_l,
 * </pre>
 * s = argmin f_C ({@link DncLoss}). Its directly evaluated objective equals L_DNC = min_s f_C(s).
 * When the minimizer is s = 0 every matrix is zero (loss 1/2).
 *
 * @param parameters the instance
 * @param width the width d_l >= K of every hidden layer (and of H_1)
 * @param constantC C_DNC
 * @param outputScale s, the diagonal of the class-mean output W_L ... H_1
 * @param loss L_DNC from the closed form
 * @param featureScale h (class means of H_1 are h e_k)
 * @param weightScales w_1..w_L
 * @param point the explicit H_1, W_1..W_L
 */
public record DncSolution(DufmParameters parameters, int width, double constantC, double outputScale,
    double loss, double featureScale, double[] weightScales, DeepUfmPoint point) {

  public DncSolution {
    weightScales = weightScales.clone();
  }

  @Override
  public double[] weightScales() {
    return weightScales.clone();
  }

  /** The DNC solution of width K. */
  public static DncSolution of(DufmParameters p) {
    return of(p, p.numClasses());
  }

  /** The DNC solution of width K for one lambda per W_l and lambda_H. */
  public static DncSolution of(int numClasses, int depth, int samplesPerClass, double[] lambdas,
      double lambdaH) {
    return of(new DufmParameters(numClasses, depth, samplesPerClass, lambdas, lambdaH));
  }

  /** The DNC solution padded with zeros to the given width >= K. */
  public static DncSolution of(DufmParameters p, int width) {
    int k = p.numClasses();
    int depth = p.depth();
    if (width < k) {
      throw InvalidInputException.of("width %d is smaller than the number of classes K = %d", width, k);
    }
    double c = DncLoss.constantC(p);
    double s = DncLoss.argmin(c, depth);
    double loss = DncLoss.f(c, depth, s);
    double tau = c * Math.pow(s, 2.0 / (depth + 1)) / (depth + 1);
    double h = Math.sqrt(2 * tau / (p.lambdaH() * p.samplesPerClass() * k));
    double[] w = new double[depth];
    for (int l = 1; l <= depth; l++) {
      w[l - 1] = Math.sqrt(2 * tau / (p.lambda(l) * k));
    }
    int n = p.samplesPerClass();
    DMatrixRMaj h1 = new DMatrixRMaj(width, k * n);
    for (int i = 0; i < k * n; i++) {
      h1.set(i / n, i, h);
    }
    List<DMatrixRMaj> weights = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      DMatrixRMaj wl = new DMatrixRMaj(l == depth ? k : width, width);
      for (int j = 0; j < k; j++) {
        wl.set(j, j, w[l - 1]);
      }
      weights.add(wl);
    }
    return new DncSolution(p, width, c, s, loss, h, w, new DeepUfmPoint(h1, weights));
  }

  /** True iff the solution is the zero solution (s = 0, loss 1/2). */
  public boolean collapsed() {
    return outputScale == 0.0;
  }

  /** The objective evaluated directly on the explicit matrices. */
  public double directLoss() {
    return DeepUfmObjective.of(parameters).value(point);
  }
}
