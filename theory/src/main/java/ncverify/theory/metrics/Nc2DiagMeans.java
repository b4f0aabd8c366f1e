package ncverify.theory.metrics;

import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;

/**
 * Orthogonality of the class means, whatever their norms (docs/theory.md section 1, key
 * {@code nc2_diag_means}; the imbalanced MSE geometry of [DLN]):
 *
 * <pre>
 *   ndist(Mbar^T Mbar, diag(Mbar^T Mbar)).
 * </pre>
 */
public final class Nc2DiagMeans {

  private Nc2DiagMeans() {}

  /** Of the uncentered class means Mbar. */
  public static double of(ClassMeans means) {
    DMatrixRMaj g = Nc2EtfMeans.gramOfColumns(means.mbarRef());
    DMatrixRMaj diag = new DMatrixRMaj(g.numRows, g.numCols);
    for (int i = 0; i < g.numRows; i++) {
      diag.set(i, i, g.get(i, i));
    }
    return Norms.ndist(g, diag, "Mbar^T Mbar", "diag(Mbar^T Mbar)");
  }
}
