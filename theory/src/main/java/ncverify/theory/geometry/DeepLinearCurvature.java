package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The curvature of the reduced [DLN] objective F_red ({@link DeepLinearReducedObjective}) normal to its
 * symmetry orbit, at a point near a minimum (docs/theory.md section 3, tolerance of the geometry
 * claims). F_red is invariant under W_{m+1} -> W_{m+1} Q_m^T, W_m -> Q_m W_m (Q_m orthogonal,
 * m = 0..M-1, with W_0 := Hbar), so its minima are orbits and its Hessian vanishes along the orbit
 * tangents T = span{(A F_m, -F_{m+1} A) : A antisymmetric}. The normal curvature is
 * <pre>  mu = lambda_min(Z^T (grad^2 F_red) Z),   Z an orthonormal basis of T^perp,</pre>
 * with the Hessian from central differences of the analytic gradient ({@link NormalCurvature}).
 * Near a minimum with mu &gt; 0, the distance to the orbit of minima is at most ||grad F_red|| / mu to
 * first order, which is how the geometry claims turn a certified gradient
 * norm into a tolerance.
 */
public final class DeepLinearCurvature {

  private DeepLinearCurvature() {
  }

  /**
   * mu at (W_1..W_M, Hbar): the smallest eigenvalue of the Hessian of F_red on the complement of the
   * orbit tangents (negative at a saddle).
   */
  public static double normalCurvature(List<DMatrixRMaj> weights, DMatrixRMaj hbar, int[] sizes,
      double lambdaW, double lambdaH) {
    DeepLinearReducedObjective f = DeepLinearReducedObjective.of(weights, hbar, sizes, lambdaW, lambdaH);
    double[] theta = DeepLinearReducedObjective.flatten(weights, hbar);
    return NormalCurvature.of(f::gradient, theta, tangents(weights, hbar, theta.length));
  }

  /** The orbit tangents (A F_m, -F_{m+1} A), A = e_a e_b^T - e_b e_a^T, at every interface. */
  static List<double[]> tangents(List<DMatrixRMaj> weights, DMatrixRMaj hbar, int p) {
    List<DMatrixRMaj> factors = new ArrayList<>();
    factors.add(hbar);
    factors.addAll(weights);
    int depth = weights.size();
    List<double[]> tangents = new ArrayList<>();
    // offsets in the flat layout W_1..W_M, Hbar
    int[] offset = new int[depth + 1];
    int off = 0;
    for (int m = 0; m < depth; m++) {
      offset[m + 1] = off;
      off += weights.get(m).getNumElements();
    }
    offset[0] = off;
    for (int m = 0; m < depth; m++) {
      int d = factors.get(m).numRows;
      for (int a = 0; a < d; a++) {
        for (int b = a + 1; b < d; b++) {
          double[] v = new double[p];
          NormalCurvature.addLowerRotation(v, factors.get(m), offset[m], null, a, b);
          NormalCurvature.addUpperRotation(v, factors.get(m + 1), offset[m + 1], null, a, b);
          tangents.add(v);
        }
      }
    }
    return tangents;
  }
}
