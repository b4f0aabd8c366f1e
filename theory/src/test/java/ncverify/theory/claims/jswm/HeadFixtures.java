package ncverify.theory.claims.jswm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Constructed [JSWM] heads for the tests: an exactly interpolating, exactly balanced head
 * (W_{L1+1} = Q_1 S^{1/L2} V^T, W_j = Q_j S^{1/L2} Q_{j-1}^T, W_L = U S^{1/L2} Q_{L2-1}^T for
 * A0 = Y Z^+ = U S V^T), small perturbations of it, and an unbalanced interpolating head.
 */
final class HeadFixtures {

  /** A constructed case: head, features entering it, labels, K, and the singular values of A0. */
  record Case(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k, double[] sA) {
  }

  private HeadFixtures() {
  }

  static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rnd) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.getNumElements(); i++) {
      m.set(i, scale * rnd.nextGaussian());
    }
    return m;
  }

  /** rows x cols with orthonormal columns (Gram-Schmidt of a Gaussian matrix). */
  static DMatrixRMaj orthonormalColumns(int rows, int cols, Random rnd) {
    DMatrixRMaj q = gaussian(rows, cols, 1.0, rnd);
    for (int j = 0; j < cols; j++) {
      for (int pass = 0; pass < 2; pass++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < rows; i++) {
            dot += q.get(i, j) * q.get(i, p);
          }
          for (int i = 0; i < rows; i++) {
            q.add(i, j, -dot * q.get(i, p));
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < rows; i++) {
        norm += q.get(i, j) * q.get(i, j);
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < rows; i++) {
        q.set(i, j, q.get(i, j) / norm);
      }
    }
    return q;
  }

  static int[] balancedLabels(int k, int n) {
    int[] labels = new int[k * n];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % k;
    }
    return labels;
  }

  static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, c);
    return c;
  }

  static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
    CommonOps_DDRM.multTransB(a, b, c);
    return c;
  }

  /**
   * Exactly interpolating, exactly balanced head of depth {@code widths.length + 1} on random features
   * Z (d x N, d &gt;= N so that A0 = Y Z^+ interpolates).
   */
  static Case exact(long seed, int k, int n, int d, int... widths) {
    Random rnd = new Random(seed);
    int[] labels = balancedLabels(k, n);
    DMatrixRMaj z = gaussian(d, k * n, 1.0, rnd);
    DMatrixRMaj y = new DMatrixRMaj(k, k * n);
    for (int i = 0; i < labels.length; i++) {
      y.set(labels[i], i, 1.0);
    }
    DMatrixRMaj zPinv = new DMatrixRMaj(k * n, d);
    CommonOps_DDRM.pinv(z, zPinv);
    DMatrixRMaj a0 = mult(y, zPinv);
    SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(k, d, true, true, true);
    svd.decompose(a0.copy());
    DMatrixRMaj u = svd.getU(null, false);
    DMatrixRMaj w = svd.getW(null);
    DMatrixRMaj v = svd.getV(null, false);
    SingularOps_DDRM.descendingOrder(u, false, w, v, false);
    int l2 = widths.length + 1;
    double[] s = new double[k];
    DMatrixRMaj root = new DMatrixRMaj(k, k);
    for (int i = 0; i < k; i++) {
      s[i] = w.get(i, i);
      root.set(i, i, Math.pow(s[i], 1.0 / l2));
    }
    DMatrixRMaj uk = CommonOps_DDRM.extract(u, 0, k, 0, k);
    DMatrixRMaj vk = CommonOps_DDRM.extract(v, 0, d, 0, k);
    List<DMatrixRMaj> q = new ArrayList<>();
    for (int width : widths) {
      q.add(orthonormalColumns(width, k, rnd));
    }
    List<DMatrixRMaj> head = new ArrayList<>();
    head.add(multTransB(mult(q.get(0), root), vk));
    for (int j = 1; j < widths.length; j++) {
      head.add(multTransB(mult(q.get(j), root), q.get(j - 1)));
    }
    head.add(multTransB(mult(uk, root), q.get(widths.length - 1)));
    return new Case(head, z, labels, k, s);
  }

  /**
   * The exact case with Gaussian noise of size {@code noise} on every head layer; the noise of the
   * first layer is projected onto col(Z) so that row(A) stays in col(Z).
   */
  static Case perturbed(Case c, double noise, long seed) {
    Random rnd = new Random(seed);
    List<DMatrixRMaj> head = new ArrayList<>();
    DMatrixRMaj pz = Dense.columnProjector(c.zIn());
    for (int j = 0; j < c.head().size(); j++) {
      DMatrixRMaj w = c.head().get(j);
      DMatrixRMaj e = gaussian(w.numRows, w.numCols, noise, rnd);
      if (j == 0) {
        e = mult(e, pz);
      }
      DMatrixRMaj out = w.copy();
      CommonOps_DDRM.addEquals(out, e);
      head.add(out);
    }
    return new Case(head, c.zIn(), c.labels(), c.k(), c.sA());
  }

  /**
   * Still exactly interpolating but unbalanced: W_{L-1} + P_perp B with P_perp onto ker W_L and B a
   * Gaussian matrix of size {@code scale} (W_L P_perp = 0, so A is unchanged).
   */
  static Case unbalanced(Case c, double scale, long seed) {
    Random rnd = new Random(seed);
    List<DMatrixRMaj> head = new ArrayList<>(c.head());
    int l2 = head.size();
    DMatrixRMaj prev = head.get(l2 - 2);
    DMatrixRMaj pPerp = Dense.kernelProjector(head.get(l2 - 1));
    DMatrixRMaj out = prev.copy();
    CommonOps_DDRM.addEquals(out, mult(pPerp, gaussian(prev.numRows, prev.numCols, scale, rnd)));
    head.set(l2 - 2, out);
    return new Case(head, c.zIn(), c.labels(), c.k(), c.sA());
  }

  /**
   * Head gradients G_l of (c/2)||Z_L - Y||^2 (unregularized), first head layer first: the tests' own
   * backprop through the linear head (the claims never compute gradients; the trainer supplies them).
   */
  static List<DMatrixRMaj> headGradients(List<DMatrixRMaj> head, List<DMatrixRMaj> z, DMatrixRMaj y,
      double lossScale) {
    int l2 = head.size();
    DMatrixRMaj back = new DMatrixRMaj(y.numRows, y.numCols);
    CommonOps_DDRM.subtract(z.get(l2), y, back);
    CommonOps_DDRM.scale(lossScale, back);
    DMatrixRMaj[] g = new DMatrixRMaj[l2];
    for (int j = l2 - 1; j >= 0; j--) {
      g[j] = multTransB(back, z.get(j));
      DMatrixRMaj prev = new DMatrixRMaj(head.get(j).numCols, back.numCols);
      CommonOps_DDRM.multTransA(head.get(j), back, prev);
      back = prev;
    }
    return List.of(g);
  }

  /** Full gradients R_l = G_l + lambda W_l of (c/2)||Z_L - Y||^2 + (lambda/2) sum ||W_l||^2. */
  static List<DMatrixRMaj> fullGradients(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k,
      double lambda, double lossScale) {
    List<DMatrixRMaj> g = headGradients(head, JswmQuantities.forward(head, zIn), JswmQuantities.oneHot(labels, k),
        lossScale);
    List<DMatrixRMaj> out = new ArrayList<>();
    for (int j = 0; j < head.size(); j++) {
      DMatrixRMaj r = new DMatrixRMaj(head.get(j).numRows, head.get(j).numCols);
      CommonOps_DDRM.add(g.get(j), lambda, head.get(j), r);
      out.add(r);
    }
    return out;
  }
}
