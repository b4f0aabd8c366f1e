package ncverify.theory.metrics;

import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * NC3 against the uncentered class means (docs/theory.md section 1, key {@code nc3_uncentered}; the
 * bias-free geometries of [DLN], [DUFM]):
 *
 * <pre>
 *   ndist(W^T, Mbar) = || W^T/||W|| - Mbar/||Mbar|| ||.
 * </pre>
 */
public final class Nc3Uncentered {

  private Nc3Uncentered() {}

  /** ndist(W^T, Mbar). */
  public static double of(DMatrixRMaj w, ClassMeans means) {
    Shapes.requireClassifier(w, means.numClasses(), means.dim());
    return Norms.ndist(CommonOps_DDRM.transpose(w, null), means.mbarRef(), "W^T", "Mbar");
  }
}
