package ncverify.theory.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The curvature of a smooth objective normal to a set of flat (symmetry-orbit) directions at a point
 * near a minimum (docs/theory.md sections 3.7 and 4.8): with Z an orthonormal basis of the complement
 * of the tangent span T,
 * <pre>  mu = lambda_min(Z^T (grad^2 F) Z),</pre>
 * the Hessian from central differences of the analytic gradient (step {@link #STEP_REL} x the
 * largest parameter, symmetrized). Near a minimum whose flat directions are exactly T, the distance
 * to the set of minima is at most ||grad F|| / mu to first order: the geometry claims of [DLN] and
 * [DUFM2] turn a certified gradient norm into a tolerance this way.
 */
public final class NormalCurvature {

  /** Relative finite-difference step of the Hessian. */
  public static final double STEP_REL = 1e-5;
  /** Orbit directions: eigenvalues of T T^T above this fraction of the largest span T. */
  public static final double TANGENT_CUTOFF = 1e-12;

  private NormalCurvature() {
  }

  /**
   * mu at {@code theta}: the smallest eigenvalue of the Hessian of the objective with the given gradient
   * on the complement of the span of {@code tangents} (negative at a saddle).
   *
   * @throws InvalidInputException when the tangents span every direction
   */
  public static double of(UnaryOperator<double[]> gradient, double[] theta, List<double[]> tangents) {
    int p = theta.length;
    DMatrixRMaj z = complement(tangents, p);
    if (z.numCols == 0) {
      throw new InvalidInputException("no direction normal to the symmetry orbit");
    }
    DMatrixRMaj hess = hessian(gradient, theta);
    DMatrixRMaj hz = new DMatrixRMaj(p, z.numCols);
    CommonOps_DDRM.mult(hess, z, hz);
    DMatrixRMaj reduced = new DMatrixRMaj(z.numCols, z.numCols);
    CommonOps_DDRM.multTransA(z, hz, reduced);
    return smallestEigenvalue(reduced);
  }

  /** Symmetrized central-difference Hessian of the analytic gradient. */
  public static DMatrixRMaj hessian(UnaryOperator<double[]> gradient, double[] theta) {
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
      double[] gp = gradient.apply(x);
      x[i] = theta[i] - h;
      double[] gm = gradient.apply(x);
      x[i] = theta[i];
      for (int j = 0; j < p; j++) {
        hess.set(i, j, (gp[j] - gm[j]) / (2 * h));
      }
    }
    DMatrixRMaj t = CommonOps_DDRM.transpose(hess, null);
    CommonOps_DDRM.add(0.5, hess, 0.5, t, hess);
    return hess;
  }

  /**
   * Orthonormal basis (columns) of the complement of span(tangents): the eigenvectors of the tangent
   * Gram sum_v v v^T with eigenvalue at most {@link #TANGENT_CUTOFF} x the largest.
   */
  public static DMatrixRMaj complement(List<double[]> tangents, int p) {
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

  /**
   * Adds the lower half A F_lower of a rotation tangent (A F_lower, -F_upper A) at one interface,
   * A = e_a e_b^T - e_b e_a^T mixing the interface rows a and b of the lower factor, which sits at
   * offset {@code offset} of the flat row-major layout; only its columns {@code cols} (null: all) move.
   */
  public static void addLowerRotation(double[] v, DMatrixRMaj lower, int offset, int[] cols, int a, int b) {
    int n = lower.numCols;
    for (int c = 0; c < n; c++) {
      if (cols == null || contains(cols, c)) {
        v[offset + a * n + c] += lower.get(b, c);
        v[offset + b * n + c] -= lower.get(a, c);
      }
    }
  }

  /**
   * Adds the upper half -F_upper A of a rotation tangent: the interface columns a and b of the upper
   * factor (at {@code offset}) mix; only its rows {@code rows} (null: all) move.
   */
  public static void addUpperRotation(double[] v, DMatrixRMaj upper, int offset, int[] rows, int a, int b) {
    int n = upper.numCols;
    for (int r = 0; r < upper.numRows; r++) {
      if (rows == null || contains(rows, r)) {
        v[offset + r * n + b] -= upper.get(r, a);
        v[offset + r * n + a] += upper.get(r, b);
      }
    }
  }

  private static boolean contains(int[] set, int x) {
    for (int y : set) {
      if (y == x) {
        return true;
      }
    }
    return false;
  }

  static double smallestEigenvalue(DMatrixRMaj sym) {
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
