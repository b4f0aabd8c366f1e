package ncverify.theory.geometry;

import ncverify.theory.geometry.internal.ClassSizes;
import ncverify.theory.geometry.internal.GeometryMatrices;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The simplex-encoded-labels (SEL) matrix of [SELI] Definition 2 (docs/theory.md section 2):
 * Zhat = S Y in R^{K x N}, S = I_K - 11^T/K, Y the one-hot label matrix with labels sorted by class
 * (n_0 samples of class 0 first, ...). Column i of Zhat is e_{y_i} - 1/K. Zhat Zhat^T = S D S,
 * D = diag(n_k), and rank Zhat = K - 1 (its rows sum to zero). Holds the thin SVD
 * Zhat = U diag(L) V^T with U K x K, V N x K and L descending (the last one is 0 up to round-off).
 */
public final class SelMatrix {

  private final int[] classSizes;
  private final int n;
  private final DMatrixRMaj zhat;
  private final DMatrixRMaj u;
  private final double[] singularValues;
  private final DMatrixRMaj v;

  private SelMatrix(int[] classSizes) {
    this.classSizes = classSizes.clone();
    this.n = ClassSizes.validate(classSizes);
    int k = classSizes.length;
    int[] labels = ClassSizes.sortedLabels(classSizes);
    zhat = new DMatrixRMaj(k, n);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        zhat.set(c, i, (c == labels[i] ? 1.0 : 0.0) - 1.0 / k);
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(k, n, true, true, true);
    if (!svd.decompose(zhat.copy())) {
      throw new IllegalStateException("SVD of the SEL matrix failed");
    }
    DMatrixRMaj uu = svd.getU(null, false);
    DMatrixRMaj w = svd.getW(null);
    DMatrixRMaj vv = svd.getV(null, false);
    SingularOps_DDRM.descendingOrder(uu, false, w, vv, false);
    u = uu;
    v = vv;
    singularValues = new double[k];
    for (int i = 0; i < k; i++) {
      singularValues[i] = w.get(i, i);
    }
  }

  /** The SEL matrix for the given class sizes (K >= 2, every n_k >= 1). */
  public static SelMatrix of(int[] classSizes) {
    return new SelMatrix(classSizes);
  }

  public int numClasses() {
    return classSizes.length;
  }

  public int numSamples() {
    return n;
  }

  public int[] classSizes() {
    return classSizes.clone();
  }

  /** Labels sorted by class, the column order of Zhat. */
  public int[] labels() {
    return ClassSizes.sortedLabels(classSizes);
  }

  /** Zhat (K x N), a fresh copy. */
  public DMatrixRMaj zhat() {
    return zhat.copy();
  }

  /** Left singular vectors U (K x K), columns ordered like {@link #singularValues()}. */
  public DMatrixRMaj u() {
    return u.copy();
  }

  /** Right singular vectors V (N x K), columns ordered like {@link #singularValues()}. */
  public DMatrixRMaj v() {
    return v.copy();
  }

  /** The K singular values of Zhat, descending (the last is 0 up to round-off). */
  public double[] singularValues() {
    return singularValues.clone();
  }

  /** Numerical rank: singular values above 1e-10 x the largest (docs/theory.md section 0); K - 1. */
  public int rank() {
    int r = 0;
    for (double s : singularValues) {
      if (s > GeometryMatrices.PINV_CUTOFF * singularValues[0]) {
        r++;
      }
    }
    return r;
  }

  /** Zhat Zhat^T = S D S (K x K). */
  public DMatrixRMaj zhatZhatT() {
    DMatrixRMaj out = new DMatrixRMaj(numClasses(), numClasses());
    CommonOps_DDRM.multTransB(zhat, zhat, out);
    return out;
  }
}
