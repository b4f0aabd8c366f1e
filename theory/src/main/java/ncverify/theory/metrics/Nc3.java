package ncverify.theory.metrics;

import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * NC3, self-duality of classifier and centered class means (docs/theory.md section 1, key {@code nc3}):
 *
 * <pre>
 *   ndist(W^T, Mc) = || W^T/||W|| - Mc/||Mc|| ||,   W in R^{K x d}, Mc in R^{d x K}.
 * </pre>
 */
public final class Nc3 {

  private Nc3() {}

  /** ndist(W^T, Mc). */
  public static double of(DMatrixRMaj w, ClassMeans means) {
    Shapes.requireClassifier(w, means.numClasses(), means.dim());
    return Norms.ndist(CommonOps_DDRM.transpose(w, null), means.mcRef(), "W^T", "Mc");
  }
}
