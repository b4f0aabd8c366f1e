package ncverify.theory.geometry;

import java.util.LinkedHashMap;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.internal.GeometryMatrices;
import ncverify.theory.geometry.internal.HaarOrthogonal;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The SELI geometry of [SELI] Definition 3 / Theorem 1 (docs/theory.md section 2): the limit, as the
 * ridge lambda -> 0, of the solutions of the cross-entropy UFM min CE(W H) + (lambda/2)(||W||^2 +
 * ||H||^2) with d >= K. With Zhat = U L V^T the thin SVD of the SEL matrix ({@link SelMatrix}):
 * <ul>
 *   <li>logits W H ~ Zhat,</li>
 *   <li>classifier Gram G_W = W W^T ~ (Zhat Zhat^T)^{1/2} = (S D S)^{1/2} = U L U^T,</li>
 *   <li>feature Gram G_H = H^T H ~ (Zhat^T Zhat)^{1/2} = V L V^T,</li>
 *   <li>class-mean Gram G_M = (S D S)^{+1/2} with G_H[i, j] = G_M[y_i, y_j] (derived, not stated
 *       in the paper: V L V^T = Y^T S U L^{-1} U^T S Y = Y^T (S D S)^{+1/2} Y),</li>
 * </ul>
 * each "~" meaning equal after normalization to unit Frobenius norm; the getters return the
 * normalized matrices. Balanced classes give G_W = G_M = (I - 11^T/K)/sqrt(K-1), the simplex ETF.
 * {@link #realize(int, long)} gives an explicit factorization attaining the unnormalized identities.
 */
public final class SeliGeometry {

  private final SelMatrix sel;
  private final DMatrixRMaj gramW;
  private final DMatrixRMaj gramClassMeans;

  private SeliGeometry(SelMatrix sel) {
    this.sel = sel;
    DMatrixRMaj u = sel.u();
    double[] l = sel.singularValues();
    int k = sel.numClasses();
    DMatrixRMaj ul = u.copy();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        ul.set(i, j, u.get(i, j) * l[j]);
      }
    }
    DMatrixRMaj g = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransB(ul, u, g);
    symmetrize(g);
    this.gramW = GeometryMatrices.normalized(g);
    DMatrixRMaj gm = GeometryMatrices.pinvSqrtPsd(sel.zhatZhatT());
    symmetrize(gm);
    this.gramClassMeans = GeometryMatrices.normalized(gm);
  }

  /** The SELI geometry for the given class sizes (K >= 2, every n_k >= 1; labels sorted by class). */
  public static SeliGeometry of(int[] classSizes) {
    return new SeliGeometry(SelMatrix.of(classSizes));
  }

  /** The SEL matrix this geometry is built from. */
  public SelMatrix selMatrix() {
    return sel;
  }

  /** Singular values of Zhat, descending. */
  public double[] singularValues() {
    return sel.singularValues();
  }

  /** Normalized classifier Gram G_W = (Zhat Zhat^T)^{1/2} / ||.|| (K x K). */
  public DMatrixRMaj gramW() {
    return gramW.copy();
  }

  /** Normalized class-mean Gram G_M = (S D S)^{+1/2} / ||.|| (K x K). */
  public DMatrixRMaj gramClassMeans() {
    return gramClassMeans.copy();
  }

  /** Normalized feature Gram G_H = (Zhat^T Zhat)^{1/2} / ||.|| (N x N; costs O(N^2 K)). */
  public DMatrixRMaj gramH() {
    DMatrixRMaj v = sel.v();
    double[] l = sel.singularValues();
    DMatrixRMaj vl = v.copy();
    for (int i = 0; i < v.numRows; i++) {
      for (int j = 0; j < v.numCols; j++) {
        vl.set(i, j, v.get(i, j) * l[j]);
      }
    }
    DMatrixRMaj g = new DMatrixRMaj(v.numRows, v.numRows);
    CommonOps_DDRM.multTransB(vl, v, g);
    symmetrize(g);
    return GeometryMatrices.normalized(g);
  }

  /** Normalized logits Zhat / ||Zhat|| (K x N). */
  public DMatrixRMaj logits() {
    return GeometryMatrices.normalized(sel.zhat());
  }

  /**
   * An explicit SELI point: W = U L^{1/2} Q^T (K x d) and H = Q L^{1/2} V^T (d x N) with Q a d x K
   * Haar partial orthogonal matrix from {@code seed}; then W H = Zhat, W W^T = (Zhat Zhat^T)^{1/2},
   * H^T H = (Zhat^T Zhat)^{1/2} exactly (unnormalized). Needs d >= K.
   */
  public Realization realize(int d, long seed) {
    int k = sel.numClasses();
    if (d < k) {
      throw InvalidInputException.of("realizing SELI with K = %d classes needs d >= %d, got d = %d", k, k, d);
    }
    DMatrixRMaj q = HaarOrthogonal.partial(d, k, seed);
    double[] l = sel.singularValues();
    DMatrixRMaj uSqrtL = sel.u();
    DMatrixRMaj vSqrtL = sel.v();
    for (int j = 0; j < k; j++) {
      double s = Math.sqrt(Math.max(l[j], 0.0));
      for (int i = 0; i < k; i++) {
        uSqrtL.set(i, j, uSqrtL.get(i, j) * s);
      }
      for (int i = 0; i < vSqrtL.numRows; i++) {
        vSqrtL.set(i, j, vSqrtL.get(i, j) * s);
      }
    }
    DMatrixRMaj w = new DMatrixRMaj(k, d);
    CommonOps_DDRM.multTransB(uSqrtL, q, w);
    DMatrixRMaj h = new DMatrixRMaj(d, sel.numSamples());
    CommonOps_DDRM.multTransB(q, vSqrtL, h);
    return new Realization(w, h);
  }

  /** JSON-ready view: singular_values (descending), gram_w and gram_class_means (normalized). */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("class_sizes", sel.classSizes());
    map.put("singular_values", sel.singularValues());
    map.put("gram_w", GeometryMatrices.toArray(gramW));
    map.put("gram_class_means", GeometryMatrices.toArray(gramClassMeans));
    return map;
  }

  /**
   * An explicit factorization of the SELI geometry: classifier W (K x d) and features H (d x N),
   * columns of H in the sorted label order of {@link SelMatrix#labels()}.
   */
  public record Realization(DMatrixRMaj w, DMatrixRMaj h) {
    public Realization {
      w = w.copy();
      h = h.copy();
    }

    @Override
    public DMatrixRMaj w() {
      return w.copy();
    }

    @Override
    public DMatrixRMaj h() {
      return h.copy();
    }
  }

  private static void symmetrize(DMatrixRMaj g) {
    for (int i = 0; i < g.numRows; i++) {
      for (int j = i + 1; j < g.numCols; j++) {
        double m = 0.5 * (g.get(i, j) + g.get(j, i));
        g.set(i, j, m);
        g.set(j, i, m);
      }
    }
  }
}
