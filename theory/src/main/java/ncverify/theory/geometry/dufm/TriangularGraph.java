package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The triangular graph T(r) of [DUFM] (docs/theory.md section 4): classes are the K = r(r-1)/2 edges of
 * the complete graph K_r (in lexicographic order), B (r x K) is its vertex-edge incidence matrix,
 * X = B^T B - J_K, and A = J_K - B^T B + I_K = I - X is the adjacency matrix of the Kneser graph
 * K(r, 2) (two edges adjacent iff disjoint).
 *
 * @param vertices r >= 4
 */
public record TriangularGraph(int vertices) {

  public TriangularGraph {
    if (vertices < 4) {
      throw InvalidInputException.of("triangular graph T(r) needs r >= 4, got %d", vertices);
    }
  }

  /** K = r(r-1)/2. */
  public int numClasses() {
    return vertices * (vertices - 1) / 2;
  }

  /** The r with r(r-1)/2 = k and r >= 4, or -1 if k is not such a triangular number. */
  public static int verticesFor(int k) {
    for (int r = 4; r * (r - 1) / 2 <= k; r++) {
      if (r * (r - 1) / 2 == k) {
        return r;
      }
    }
    return -1;
  }

  /** The edges {i, j}, i < j, in class order. */
  public List<int[]> edges() {
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < vertices; i++) {
      for (int j = i + 1; j < vertices; j++) {
        e.add(new int[] {i, j});
      }
    }
    return e;
  }

  /** B, r x K, B[v, k] = 1 iff vertex v is an end of edge k. */
  public DMatrixRMaj incidence() {
    List<int[]> e = edges();
    DMatrixRMaj b = new DMatrixRMaj(vertices, e.size());
    for (int k = 0; k < e.size(); k++) {
      b.set(e.get(k)[0], k, 1.0);
      b.set(e.get(k)[1], k, 1.0);
    }
    return b;
  }

  /** A, K x K, the Kneser graph K(r, 2): A[k, m] = 1 iff edges k and m are disjoint. */
  public DMatrixRMaj kneserAdjacency() {
    List<int[]> e = edges();
    int k = e.size();
    DMatrixRMaj a = new DMatrixRMaj(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        int[] x = e.get(i);
        int[] y = e.get(j);
        boolean disjoint = x[0] != y[0] && x[0] != y[1] && x[1] != y[0] && x[1] != y[1];
        a.set(i, j, disjoint ? 1.0 : 0.0);
      }
    }
    return a;
  }

  /**
   * P, K x K: the orthogonal projector onto span{B^T e_v} minus its 1-component, i.e.
   * B^T (B B^T)^{-1} B - J_K / K (rank r - 1).
   */
  public DMatrixRMaj centeredIncidenceProjector() {
    DMatrixRMaj b = incidence();
    DMatrixRMaj bbt = new DMatrixRMaj(vertices, vertices);
    CommonOps_DDRM.multTransB(b, b, bbt);
    if (!CommonOps_DDRM.invert(bbt)) {
      throw new IllegalStateException("B B^T is singular");
    }
    DMatrixRMaj tmp = new DMatrixRMaj(vertices, numClasses());
    CommonOps_DDRM.mult(bbt, b, tmp);
    DMatrixRMaj p = new DMatrixRMaj(numClasses(), numClasses());
    CommonOps_DDRM.multTransA(b, tmp, p);
    int k = numClasses();
    for (int i = 0; i < k * k; i++) {
      p.data[i] -= 1.0 / k;
    }
    return p;
  }
}
