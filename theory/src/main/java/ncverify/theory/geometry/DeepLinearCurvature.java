package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The curvature of the reduced [DLN] objective F_red ({@link DeepLinearReducedObjective}) normal to its
 * symmetry orbit, at a point near a minimum (docs/theory.md section 3, tolerance of the geometry
 * claims). F_red is invariant under W_{m+1} -> W_{m+1} Q_m^T, W_m -> Q_m W_m (Q_m orthogonal,
 * m = 0..M-1, with W_0 := Hbar), so its minima are orbits and its Hessian vanishes along the orbit
 * tangents T = span{(A F_m, -F_{m+1} A) : A antisymmetric}. The normal curvature is
 * <pre>  mu = lambda_min(Z^T (grad^2 F_red) Z),   Z an orthonormal basis of T^perp,</pre>
 * with the Hessian from central differences of the analytic gradient (step {@link #STEP_REL} x the
 * largest parameter). Near a minimum with mu &gt; 0, the distance to the orbit of minima is at most
 * ||grad F_red|| / mu to first order, which is how the geometry claims turn a certified gradient
 * norm into a tolerance.
 */
public final class DeepLinearCurvature {

  /** Relative finite-difference step of the Hessian. */
  public static final double STEP_REL = 1e-5;
  /** Orbit directions: eigenvalues of T T^T above this fraction of the largest span T. */
  public static final double TANGENT_CUTOFF = 1e-12;

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
    int p = theta.length;
    DMatrixRMaj hess = hessian(f, theta);
    DMatrixRMaj z = normalBasis(weights, hbar, p);
    if (z.numCols == 0) {
      throw new InvalidInputException("no direction normal to the symmetry orbit");
    }
    DMatrixRMaj hz = new DMatrixRMaj(p, z.numCols);
    CommonOps_DDRM.mult(hess, z, hz);
    DMatrixRMaj reduced = new DMatrixRMaj(z.numCols, z.numCols);
    CommonOps_DDRM.multTransA(z, hz, reduced);
    return smallestEigenvalue(reduced);
  }

  /** Symmetrized central-difference Hessian of the analytic gradient. */
  static DMatrixRMaj hessian(DeepLinearReducedObjective f, double[] theta) {
    int p = theta.length;
    double scale = 0;
    for (double t : theta) {
      scale = Math.max(scale, Math.abs(t));
    }
    double h = STEP_REL * Math.max(scale, 1e-3);
    DMatrixRMaj hess = new DMatrixRMaj(p, p);
    double[] x = theta.clone();
    for (int i = 0; i < p; i++) {
      x[i] = theta[i] + h;
      double[] gp = f.gradient(x);
      x[i] = theta[i] - h;
      double[] gm = f.gradient(x);
      x[i] = theta[i];
      for (int j = 0; j < p; j++) {
        hess.set(i, j, (gp[j] - gm[j]) / (2 * h));
      }
    }
    DMatrixRMaj t = CommonOps_DDRM.transpose(hess, null);
    CommonOps_DDRM.add(0.5, hess, 0.5, t, hess);
    return hess;
  }

  /** Orthonormal basis (columns) of the complement of the orbit tangents at the point. */
  static DMatrixRMaj normalBasis(List<DMatrixRMaj> weights, DMatrixRMaj hbar, int p) {
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
      DMatrixRMaj lower = factors.get(m); // F_m (rows = interface dim)
      DMatrixRMaj upper = factors.get(m + 1); // F_{m+1} (cols = interface dim)
      int d = lower.numRows;
      for (int a = 0; a < d; a++) {
        for (int b = a + 1; b < d; b++) {
          double[] v = new double[p];
          // A = e_a e_b^T - e_b e_a^T: (A F)_a. = F_b., (A F)_b. = -F_a. ; (F A)_.b = F_.a, (F A)_.a = -F_.b
          for (int c = 0; c < lower.numCols; c++) {
            v[offset[m] + a * lower.numCols + c] += lower.get(b, c);
            v[offset[m] + b * lower.numCols + c] -= lower.get(a, c);
          }
          for (int r = 0; r < upper.numRows; r++) {
            v[offset[m + 1] + r * upper.numCols + b] -= upper.get(r, a);
            v[offset[m + 1] + r * upper.numCols + a] += upper.get(r, b);
          }
          tangents.add(v);
        }
      }
    }
    DMatrixRMaj gram = new DMatrixRMaj(p, p);
    for (double[] v : tangents) {
      for (int i = 0; i < p; i++) {
        if (v[i] == 0) {
          continue;
        }
        for (int j = 0; j < p; j++) {
          gram.add(i, j, v[i] * v[j]);
        }
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
    if (!eig.decompose(gram)) {
      throw new IllegalStateException("eigendecomposition of the orbit tangent Gram failed");
    }
    double max = 0;
    for (int i = 0; i < p; i++) {
      max = Math.max(max, eig.getEigenvalue(i).getReal());
    }
    List<DMatrixRMaj> normal = new ArrayList<>();
    for (int i = 0; i < p; i++) {
      if (!(eig.getEigenvalue(i).getReal() > TANGENT_CUTOFF * max)) {
        normal.add(eig.getEigenVector(i));
      }
    }
    DMatrixRMaj z = new DMatrixRMaj(p, normal.size());
    for (int c = 0; c < normal.size(); c++) {
      DMatrixRMaj v = normal.get(c);
      double norm = Math.sqrt(CommonOps_DDRM.dot(v, v));
      for (int i = 0; i < p; i++) {
        z.set(i, c, v.get(i) / norm);
      }
    }
    return z;
  }

  private static double smallestEigenvalue(DMatrixRMaj sym) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, false, true);
    if (!eig.decompose(sym.copy())) {
      throw new IllegalStateException("eigendecomposition of the normal Hessian failed");
    }
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sym.numRows; i++) {
      min = Math.min(min, eig.getEigenvalue(i).getReal());
    }
    return min;
  }
}
