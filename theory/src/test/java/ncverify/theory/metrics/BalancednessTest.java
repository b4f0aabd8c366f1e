package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BalancednessTest extends MetricsTestSupport {

  static DMatrixRMaj diag(double... s) {
    DMatrixRMaj m = new DMatrixRMaj(s.length, s.length);
    for (int i = 0; i < s.length; i++) {
      m.set(i, i, s[i]);
    }
    return m;
  }

  @Test
  void exactlyBalancedPairsHaveZeroBalancedness() {
    for (int trial = 0; trial < 20; trial++) {
      int n0 = 3 + rnd.nextInt(6);
      int n1 = 1 + rnd.nextInt(n0);
      int n2 = n1 + rnd.nextInt(4);
      double[] s = new double[n1];
      for (int i = 0; i < n1; i++) {
        s[i] = 0.2 + 3 * rnd.nextDouble();
      }
      DMatrixRMaj u = randomStiefel(n2, n1, rnd);
      DMatrixRMaj v = randomOrthogonal(n1, rnd);
      DMatrixRMaj r = randomStiefel(n0, n1, rnd);
      // W2 = U S V^T (n2 x n1), W1 = V S R^T (n1 x n0): W2^T W2 = V S^2 V^T = W1 W1^T
      DMatrixRMaj w2 = mult(mult(u, diag(s)), transpose(v));
      DMatrixRMaj w1 = mult(mult(v, diag(s)), transpose(r));
      List<BalancednessPair> pairs = Balancedness.of(List.of(w1, w2));
      assertThat(pairs).hasSize(1);
      assertThat(pairs.get(0).abs()).isCloseTo(0.0, within(1e-9));
      assertThat(pairs.get(0).rel()).isCloseTo(0.0, within(ZERO_TOL));
      assertThat(pairs.get(0).op()).isCloseTo(0.0, within(1e-9));
    }
  }

  @Test
  void knownTwoByTwoExamples() {
    // W1 = I, W2 = diag(2,1): diff = diag(3,0): abs 3, rel 3/sqrt2, op 3
    BalancednessPair p = Balancedness.of(List.of(diag(1, 1), diag(2, 1))).get(0);
    assertThat(p.abs()).isCloseTo(3.0, within(1e-14));
    assertThat(p.rel()).isCloseTo(3.0 / Math.sqrt(2), within(1e-14));
    assertThat(p.op()).isCloseTo(3.0, within(1e-14));
    // W1 = [[1,1],[0,1]], W2 = I: W1 W1^T = [[2,1],[1,1]], diff = [[-1,-1],[-1,0]]
    // abs = sqrt3, rel = sqrt3/sqrt7, op = max |root of x^2 + x - 1| = golden ratio
    DMatrixRMaj w1 = new DMatrixRMaj(new double[][] {{1, 1}, {0, 1}});
    BalancednessPair q = Balancedness.of(List.of(w1, diag(1, 1))).get(0);
    assertThat(q.abs()).isCloseTo(Math.sqrt(3), within(1e-14));
    assertThat(q.rel()).isCloseTo(Math.sqrt(3.0 / 7), within(1e-14));
    assertThat(q.op()).isCloseTo((1 + Math.sqrt(5)) / 2, within(1e-14));
  }

  @Test
  void onePairPerConsecutiveLayers() {
    List<DMatrixRMaj> layers = List.of(gaussian(4, 6, rnd), gaussian(3, 4, rnd), gaussian(2, 3, rnd));
    assertThat(Balancedness.of(layers)).hasSize(2);
    assertThat(Balancedness.of(layers.subList(0, 1))).isEmpty();
    assertThat(Balancedness.of(List.of())).isEmpty();
  }

  @Test
  void badLayersAreRejected() {
    assertThatThrownBy(() -> Balancedness.of(List.of(gaussian(4, 6, rnd), gaussian(3, 5, rnd))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("layer 2 is 3x5 but layer 1 has 4 rows: shapes do not chain");
    assertThatThrownBy(() -> Balancedness.of(List.of(new DMatrixRMaj(2, 2), diag(1, 1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("layer 1 is zero");
    DMatrixRMaj nan = diag(1, Double.NaN);
    assertThatThrownBy(() -> Balancedness.of(List.of(diag(1, 1), nan)))
        .isInstanceOf(InvalidInputException.class).hasMessage("layer 2 contains NaN at row 1, column 1");
  }
}
