package ncverify.theory.geometry.internal;

import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Seeded Haar-distributed partial orthogonal matrices Q (rows x cols, rows >= cols, Q^T Q = I):
 * the Q factor of the QR decomposition of a standard Gaussian matrix, with the signs of the columns
 * fixed so that diag(R) > 0 (Mezzadri's correction; without it the distribution is not Haar).
 * Same seed, same matrix. Uses {@link SplittableRandom}: {@code java.util.Random} with consecutive
 * seeds gives visibly correlated first Gaussians (and so biased Q entries over seeds 0, 1, 2, ...).
 */
public final class HaarOrthogonal {

  private HaarOrthogonal() {}

  /** A rows x cols matrix with orthonormal columns, Haar-distributed, drawn from {@code seed}. */
  public static DMatrixRMaj partial(int rows, int cols, long seed) {
    if (cols < 1 || rows < cols) {
      throw InvalidInputException.of(
          "a partial orthogonal matrix needs rows >= cols >= 1, got %d x %d", rows, cols);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    DMatrixRMaj g = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < g.data.length; i++) {
      g.data[i] = rng.nextGaussian();
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(rows, cols);
    if (!qr.decompose(g.copy())) {
      throw new IllegalStateException("QR decomposition failed");
    }
    DMatrixRMaj q = qr.getQ(null, true);
    DMatrixRMaj r = qr.getR(null, true);
    for (int j = 0; j < cols; j++) {
      if (r.get(j, j) < 0) {
        for (int i = 0; i < rows; i++) {
          q.set(i, j, -q.get(i, j));
        }
      }
    }
    return q;
  }

  /** A square n x n Haar orthogonal matrix drawn from {@code seed}. */
  public static DMatrixRMaj square(int n, long seed) {
    return partial(n, n, seed);
  }

  /** Returns Q^T Q - I's largest absolute entry; used by callers' sanity checks. */
  public static double orthogonalityDefect(DMatrixRMaj q) {
    DMatrixRMaj qtq = new DMatrixRMaj(q.numCols, q.numCols);
    CommonOps_DDRM.multTransA(q, q, qtq);
    for (int i = 0; i < q.numCols; i++) {
      qtq.add(i, i, -1.0);
    }
    return CommonOps_DDRM.elementMaxAbs(qtq);
  }
}
