package ncverify.theory.linalg;

import ncverify.theory.InvalidInputException;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Matrix products {@code C = op(A) op(B)} of EJML matrices for the metrics, claims and geometries: a
 * product of at least {@value #LARGE} multiply-adds goes through the project's one fast backend
 * ({@link Backends#best()}: the native BLAS, or the multi-threaded pure-Java fallback), a smaller one
 * through EJML (where a JNI call would cost more than the product). Both compute the same sum, in a
 * different order: results agree to roundoff.
 */
public final class Products {

  /** Products with at least this many multiply-adds (m n k) use the fast backend. */
  public static final long LARGE = 1L << 18;

  private Products() {}

  /** A B. */
  public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    return product(false, false, a, b);
  }

  /** A^T B. */
  public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
    return product(true, false, a, b);
  }

  /** A B^T. */
  public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
    return product(false, true, a, b);
  }

  /** op(A) op(B), op = transpose when the flag is set. */
  public static DMatrixRMaj product(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b) {
    int m = transA ? a.numCols : a.numRows;
    int k = transA ? a.numRows : a.numCols;
    int kb = transB ? b.numCols : b.numRows;
    int n = transB ? b.numRows : b.numCols;
    if (k != kb) {
      throw InvalidInputException.of("product of %dx%d%s and %dx%d%s: inner dimensions %d and %d differ",
          a.numRows, a.numCols, transA ? "^T" : "", b.numRows, b.numCols, transB ? "^T" : "", k, kb);
    }
    DMatrixRMaj c = new DMatrixRMaj(m, n);
    if ((long) m * n * k < LARGE) {
      if (transA && transB) {
        CommonOps_DDRM.multTransAB(a, b, c);
      } else if (transA) {
        CommonOps_DDRM.multTransA(a, b, c);
      } else if (transB) {
        CommonOps_DDRM.multTransB(a, b, c);
      } else {
        CommonOps_DDRM.mult(a, b, c);
      }
      return c;
    }
    Blas blas = Backends.best();
    blas.dgemm(transA, transB, m, n, k, 1.0, a.data, 0, Math.max(1, a.numCols), b.data, 0,
        Math.max(1, b.numCols), 0.0, c.data, 0, Math.max(1, n));
    return c;
  }
}
