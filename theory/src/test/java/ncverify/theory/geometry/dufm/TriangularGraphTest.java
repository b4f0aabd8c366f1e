package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class TriangularGraphTest {

  private static final double TOL = 1e-12;

  @Test
  void countsAndInverse() {
    assertThat(new TriangularGraph(4).numClasses()).isEqualTo(6);
    assertThat(new TriangularGraph(5).numClasses()).isEqualTo(10);
    assertThat(TriangularGraph.verticesFor(6)).isEqualTo(4);
    assertThat(TriangularGraph.verticesFor(15)).isEqualTo(6);
    assertThat(TriangularGraph.verticesFor(7)).isEqualTo(-1);
    assertThat(TriangularGraph.verticesFor(3)).isEqualTo(-1);
  }

  @Test
  void kneserAdjacencyIsJMinusBtBPlusI() {
    for (int r = 4; r <= 7; r++) {
      TriangularGraph g = new TriangularGraph(r);
      int k = g.numClasses();
      DMatrixRMaj b = g.incidence();
      DMatrixRMaj btb = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(b, b, btb);
      DMatrixRMaj a = g.kneserAdjacency();
      int disjointEdges = (r - 2) * (r - 3) / 2;
      for (int i = 0; i < k; i++) {
        double rowSum = 0;
        for (int j = 0; j < k; j++) {
          assertThat(a.get(i, j)).isEqualTo(1 - btb.get(i, j) + (i == j ? 1 : 0));
          rowSum += a.get(i, j);
        }
        assertThat(rowSum).isEqualTo(disjointEdges);
      }
    }
  }

  @Test
  void kneserMinusIdentityHasRankRExceptForFourVertices() {
    // eigenvalues of J - B^T B: -(r-2) (r-1 times), (r-1)(r-4)/2 (on 1), 0 otherwise
    for (int r = 4; r <= 7; r++) {
      TriangularGraph g = new TriangularGraph(r);
      DMatrixRMaj x = g.kneserAdjacency();
      for (int i = 0; i < x.numRows; i++) {
        x.add(i, i, -1);
      }
      assertThat(DufmLinearAlgebra.numericalRank(x)).isEqualTo(r == 4 ? 3 : r);
    }
  }

  @Test
  void centeredProjectorIsAProjectorOfRankRMinusOne() {
    for (int r = 4; r <= 6; r++) {
      TriangularGraph g = new TriangularGraph(r);
      int k = g.numClasses();
      DMatrixRMaj p = g.centeredIncidenceProjector();
      DMatrixRMaj pp = new DMatrixRMaj(k, k);
      CommonOps_DDRM.mult(p, p, pp);
      double trace = 0;
      for (int i = 0; i < k; i++) {
        trace += p.get(i, i);
        double rowSum = 0;
        for (int j = 0; j < k; j++) {
          assertThat(pp.get(i, j)).isCloseTo(p.get(i, j), offset(TOL));
          assertThat(p.get(i, j)).isCloseTo(p.get(j, i), offset(TOL));
          rowSum += p.get(i, j);
        }
        assertThat(rowSum).isCloseTo(0, offset(TOL));
      }
      assertThat(trace).isCloseTo(r - 1, offset(TOL));
      // P maps each incidence row B^T e_v to itself minus its mean
      DMatrixRMaj b = g.incidence();
      for (int v = 0; v < r; v++) {
        for (int i = 0; i < k; i++) {
          double pb = 0;
          for (int j = 0; j < k; j++) {
            pb += p.get(i, j) * b.get(v, j);
          }
          assertThat(pb).isCloseTo(b.get(v, i) - 2.0 / r, offset(TOL));
        }
      }
    }
  }

  @Test
  void rejectsFewerThanFourVertices() {
    assertThatThrownBy(() -> new TriangularGraph(3)).isInstanceOf(InvalidInputException.class);
  }
}
