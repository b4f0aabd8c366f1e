package ncverify.theory.geometry.internal;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Stateless matrix helpers for the geometries: Frobenius normalization A/||A||, the (pseudo-inverse)
 * square root of a symmetric positive semidefinite matrix through its eigendecomposition (eigenvalues
 * at most 1e-10 x the largest count as zero, docs/theory.md section 0), and conversion to double[][].
 */
public final class GeometryMatrices {

  /** Relative cutoff below which an eigenvalue or singular value counts as zero (docs/theory.md section 0). */
  public static final double PINV_CUTOFF = 1e-10;

  private GeometryMatrices() {}

  /** A / ||A||_F as a new matrix; a zero matrix is rejected (its direction is undefined). */
  public static DMatrixRMaj normalized(DMatrixRMaj a) {
    double norm = NormOps_DDRM.normF(a);
    if (!(norm > 0)) {
      throw InvalidInputException.of("cannot normalize a zero %d x %d matrix", a.numRows, a.numCols);
    }
    DMatrixRMaj out = a.copy();
    CommonOps_DDRM.divide(out, norm);
    return out;
  }

  /** A^{1/2} of a symmetric PSD matrix (negative round-off eigenvalues are clipped to 0). */
  public static DMatrixRMaj sqrtPsd(DMatrixRMaj a) {
    return spectralPower(a, false);
  }

  /** (A^+)^{1/2} of a symmetric PSD matrix: eigenvalues <= cutoff x max map to 0. */
  public static DMatrixRMaj pinvSqrtPsd(DMatrixRMaj a) {
    return spectralPower(a, true);
  }

  private static DMatrixRMaj spectralPower(DMatrixRMaj a, boolean inverse) {
    int n = a.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(a.copy())) {
      throw new IllegalStateException("symmetric eigendecomposition failed");
    }
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, eig.getEigenvalue(i).real);
    }
    DMatrixRMaj out = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      double lambda = eig.getEigenvalue(i).real;
      if (lambda <= PINV_CUTOFF * max) {
        continue;
      }
      double f = inverse ? 1.0 / Math.sqrt(lambda) : Math.sqrt(lambda);
      DMatrixRMaj v = eig.getEigenVector(i);
      double vn2 = NormOps_DDRM.normF(v);
      f /= vn2 * vn2;
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          out.add(r, c, f * v.get(r) * v.get(c));
        }
      }
    }
    return out;
  }

  /** Row-major copy as double[rows][cols]. */
  public static double[][] toArray(DMatrixRMaj a) {
    double[][] out = new double[a.numRows][a.numCols];
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        out[i][j] = a.get(i, j);
      }
    }
    return out;
  }
}
