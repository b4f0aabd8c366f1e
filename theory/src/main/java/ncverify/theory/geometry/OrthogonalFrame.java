package ncverify.theory.geometry;

import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.HaarOrthogonal;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The orthogonal frame: K orthonormal vectors in R^d (d >= K), M^T M = I_K. It is the class-mean
 * geometry of the bias-free MSE models with balanced classes ([DLN] Thm 3.1 balanced case,
 * [DUFM] DNC2; docs/theory.md sections 1 {@code nc2_ortho_means}, 3 and 4). Constructed as a Haar
 * partial orthogonal d x K matrix from the seed: the seed sets the orientation only.
 */
public final class OrthogonalFrame {

  private final DMatrixRMaj m;

  private OrthogonalFrame(DMatrixRMaj m) {
    this.m = m;
  }

  /** K orthonormal vectors in R^d (K >= 1, d >= K), orientation drawn from {@code seed}. */
  public static OrthogonalFrame of(int k, int d, long seed) {
    if (k < 1) {
      throw InvalidInputException.of("an orthogonal frame needs K >= 1 vectors, got K = %d", k);
    }
    if (d < k) {
      throw InvalidInputException.of("an orthogonal frame of K = %d vectors needs d >= %d, got d = %d", k, k, d);
    }
    return new OrthogonalFrame(HaarOrthogonal.partial(d, k, seed));
  }

  /** The d x K matrix whose columns are the frame vectors (a fresh copy). */
  public DMatrixRMaj matrix() {
    return m.copy();
  }

  public int numVectors() {
    return m.numCols;
  }

  public int dimension() {
    return m.numRows;
  }

  /** The Gram matrix of every orthogonal frame: I_K. */
  public static DMatrixRMaj gram(int k) {
    return CommonOps_DDRM.identity(k);
  }
}
