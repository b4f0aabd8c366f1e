package ncverify.theory.geometry.dufm;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Small dense helpers for this package: pseudo-inverse, numerical rank, class means. */
final class DufmLinearAlgebra {

  /** docs/theory.md section 0: singular values <= 1e-10 x the largest count as zero. */
  static final double PINV_CUTOFF = 1e-10;

  /** docs/theory.md section 4: low rank counts singular values above 1e-3 x the largest. */
  static final double RANK_CUTOFF = 1e-3;

  private DufmLinearAlgebra() {
  }

  /** Moore-Penrose pseudo-inverse via SVD with the relative cutoff {@link #PINV_CUTOFF}. */
  static DMatrixRMaj pinv(DMatrixRMaj a) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(a.numRows, a.numCols, true, true, true);
    if (!svd.decompose(a.copy())) {
      throw new IllegalStateException("SVD failed");
    }
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj v = svd.getV(null, false);
    double[] s = svd.getSingularValues();
    int m = svd.numberOfSingularValues();
    double max = 0;
    for (int i = 0; i < m; i++) {
      max = Math.max(max, s[i]);
    }
    DMatrixRMaj out = new DMatrixRMaj(a.numCols, a.numRows);
    if (max == 0) {
      return out;
    }
    for (int i = 0; i < m; i++) {
      if (s[i] <= PINV_CUTOFF * max) {
        continue;
      }
      double inv = 1.0 / s[i];
      for (int r = 0; r < a.numCols; r++) {
        double vr = v.get(r, i) * inv;
        if (vr == 0) {
          continue;
        }
        for (int c = 0; c < a.numRows; c++) {
          out.add(r, c, vr * u.get(c, i));
        }
      }
    }
    return out;
  }

  /** Number of singular values above {@link #RANK_CUTOFF} x the largest (0 for the zero matrix). */
  static int numericalRank(DMatrixRMaj a) {
    double[] s = SingularOps_DDRM.singularValues(a.copy());
    double max = 0;
    for (double x : s) {
      max = Math.max(max, x);
    }
    if (max == 0) {
      return 0;
    }
    int r = 0;
    for (double x : s) {
      if (x > RANK_CUTOFF * max) {
        r++;
      }
    }
    return r;
  }

  /** Class means d x K of the columns of h grouped by label (a class without samples gets 0). */
  static DMatrixRMaj classMeans(DMatrixRMaj h, int[] labels, int numClasses) {
    DMatrixRMaj m = new DMatrixRMaj(h.numRows, numClasses);
    int[] count = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      count[labels[i]]++;
      for (int r = 0; r < h.numRows; r++) {
        m.add(r, labels[i], h.get(r, i));
      }
    }
    for (int k = 0; k < numClasses; k++) {
      if (count[k] > 0) {
        for (int r = 0; r < h.numRows; r++) {
          m.set(r, k, m.get(r, k) / count[k]);
        }
      }
    }
    return m;
  }

  /** Block diagonal [a 0; 0 b] (either block may have zero size). */
  static DMatrixRMaj blockDiag(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj out = new DMatrixRMaj(a.numRows + b.numRows, a.numCols + b.numCols);
    CommonOps_DDRM.insert(a, out, 0, 0);
    if (b.numRows > 0 && b.numCols > 0) {
      CommonOps_DDRM.insert(b, out, a.numRows, a.numCols);
    }
    return out;
  }

  /** Columns of the class-mean matrix m repeated per label: column i is m[:, labels[i]]. */
  static DMatrixRMaj expand(DMatrixRMaj m, int[] labels) {
    DMatrixRMaj out = new DMatrixRMaj(m.numRows, labels.length);
    for (int i = 0; i < labels.length; i++) {
      for (int r = 0; r < m.numRows; r++) {
        out.set(r, i, m.get(r, labels[i]));
      }
    }
    return out;
  }
}
