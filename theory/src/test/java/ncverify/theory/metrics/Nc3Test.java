package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class Nc3Test extends MetricsTestSupport {

  @Test
  void classifierEqualToCenteredMeansIsSelfDual() {
    for (int trial = 0; trial < 20; trial++) {
      int k = 2 + rnd.nextInt(8);
      int d = 1 + rnd.nextInt(20);
      LabeledFeatures f = randomFeatures(k, d, rnd);
      ClassMeans means = ClassMeans.of(f);
      DMatrixRMaj w = scale(0.3 + rnd.nextDouble(), transpose(means.mc()));
      assertThat(Nc3.of(w, means)).isCloseTo(0.0, within(ZERO_TOL));
      DMatrixRMaj wu = scale(2.5, transpose(means.mbar()));
      assertThat(Nc3Uncentered.of(wu, means)).isCloseTo(0.0, within(ZERO_TOL));
      assertThat(Nc3Cosine.of(wu, means)).isCloseTo(1.0, within(ZERO_TOL));
    }
  }

  @Test
  void centeredMeansGiveUnitCosineForWEqualsMcTranspose() {
    // balanced ETF means have mu_G = 0, so Mc = Mbar and cos(mu_k, w_k) = 1
    for (int k = 2; k <= 8; k++) {
      DMatrixRMaj etf = simplexEtf(k, k + 2, rnd);
      ClassMeans means = ClassMeans.of(Nc2Test.atMeans(etf, 3));
      DMatrixRMaj w = transpose(means.mc());
      assertThat(Nc3.of(w, means)).isCloseTo(0.0, within(ZERO_TOL));
      assertThat(Nc3Cosine.of(w, means)).isCloseTo(1.0, within(ZERO_TOL));
    }
  }

  @Test
  void knownDistanceAndCosine() {
    // means e1, e2 (d = 2, balanced), W = I: W^T = Mbar, Mc = [[1/2,-1/2],[-1/2,1/2]]
    DMatrixRMaj eye = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
    ClassMeans means = ClassMeans.of(Nc2Test.atMeans(eye, 1));
    assertThat(Nc3Uncentered.of(eye, means)).isCloseTo(0.0, within(1e-15));
    assertThat(Nc3Cosine.of(eye, means)).isCloseTo(1.0, within(1e-15));
    // W^T/||W|| = I/sqrt2 ; Mc/||Mc|| = [[1,-1],[-1,1]]/2
    double diag = 1 / Math.sqrt(2) - 0.5;
    assertThat(Nc3.of(eye, means)).isCloseTo(Math.sqrt(2 * diag * diag + 2 * 0.25), within(1e-15));
    // W rows rotated by 90 degrees: cosines 0
    DMatrixRMaj rot = new DMatrixRMaj(new double[][] {{0, 1}, {-1, 0}});
    assertThat(Nc3Cosine.of(rot, means)).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void wrongShapeOrZeroRowsAreRejected() {
    ClassMeans means = ClassMeans.of(randomFeatures(3, 4, rnd));
    assertThatThrownBy(() -> Nc3.of(new DMatrixRMaj(4, 3), means)).isInstanceOf(InvalidInputException.class)
        .hasMessage("W is 4x3 but must be K x d = 3x4");
    assertThatThrownBy(() -> Nc3.of(new DMatrixRMaj(3, 4), means)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("W^T is zero");
    DMatrixRMaj w = gaussian(3, 4, rnd);
    for (int a = 0; a < 4; a++) {
      w.set(1, a, 0);
    }
    assertThatThrownBy(() -> Nc3Cosine.of(w, means)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 1 of W is zero");
  }
}
