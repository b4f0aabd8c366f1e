package ncverify.theory.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import ncverify.theory.InvalidInputException;
import ncverify.theory.ReferenceValues;
import org.junit.jupiter.api.Test;

class DeepLinearScalarProblemTest {

  private static final double TOL = 1e-12;
  private static final double THRESHOLD_TOL = 1e-6;

  @Test
  void thresholdsMatchTheoryConstants() {
    assertThat(DeepLinearScalarProblem.collapseThreshold(1)).isCloseTo(1.0, within(TOL));
    assertThat(DeepLinearScalarProblem.collapseThreshold(2)).isCloseTo(0.5, within(TOL));
    assertThat(DeepLinearScalarProblem.collapseThreshold(3)).isCloseTo(ReferenceValues.DLN_COLLAPSE_THRESHOLD_M3, within(THRESHOLD_TOL));
    assertThat(DeepLinearScalarProblem.rootExistenceThreshold(1)).isCloseTo(1.0, within(TOL));
    assertThat(DeepLinearScalarProblem.rootExistenceThreshold(2)).isCloseTo(ReferenceValues.DLN_ROOT_THRESHOLD_M2, within(THRESHOLD_TOL));
    assertThat(DeepLinearScalarProblem.rootExistenceThreshold(3)).isCloseTo(ReferenceValues.DLN_ROOT_THRESHOLD_M3, within(THRESHOLD_TOL));
  }

  @Test
  void collapseThresholdIsWhereStationaryValueTiesZero() {
    for (int m = 2; m <= 6; m++) {
      double t = DeepLinearScalarProblem.collapseThreshold(m);
      // at the tie the minimizer of x^{M-1}/(1+x^M) is x^M = M - 1, and f(x) = f(0) there
      double x = Math.pow(m - 1.0, 1.0 / m);
      DeepLinearScalarProblem p = new DeepLinearScalarProblem(m, t);
      assertThat(p.gainOverZero(x)).isCloseTo(0.0, within(TOL));
      assertThat(new DeepLinearScalarProblem(m, t * (1 - 1e-6)).minimizer()).isPositive();
      assertThat(new DeepLinearScalarProblem(m, t * (1 + 1e-6)).minimizer()).isZero();
    }
  }

  @Test
  void largestRootSolvesStationarityAndIsTheLargest() {
    for (int m = 1; m <= 5; m++) {
      for (double c : new double[] {1e-6, 1e-3, 0.05, 0.3, 0.6 * DeepLinearScalarProblem.rootExistenceThreshold(m)}) {
        DeepLinearScalarProblem p = new DeepLinearScalarProblem(m, c);
        OptionalDouble root = p.largestStationaryPoint();
        assertThat(root).isPresent();
        double x = root.getAsDouble();
        double xm = Math.pow(x, m);
        // c (1 + x^M)^2 = M x^{M-1}
        assertThat(c * (1 + xm) * (1 + xm) / (m * Math.pow(x, m - 1))).isCloseTo(1.0, within(1e-13));
        // f' > 0 beyond the root: no larger root
        for (double f = 1.001; f < 1e3; f *= 1.7) {
          assertThat(c - DeepLinearScalarProblem.phi(m, x * f)).isPositive();
        }
      }
    }
  }

  @Test
  void depthOneRootHasClosedForm() {
    for (double c : new double[] {1e-4, 0.01, 0.25, 0.81}) {
      double x = new DeepLinearScalarProblem(1, c).largestStationaryPoint().getAsDouble();
      assertThat(x).isCloseTo(1 / Math.sqrt(c) - 1, within(1e-13 * (1 + x)));
    }
    // c just below 1: the root is tiny and must still be accurate relative to itself
    double eps = Math.scalb(1.0, -20);
    double tiny = new DeepLinearScalarProblem(1, 1 - eps).largestStationaryPoint().getAsDouble();
    double expected = Math.expm1(-0.5 * Math.log1p(-eps));
    assertThat(tiny).isCloseTo(expected, within(1e-13 * expected));
    assertThat(new DeepLinearScalarProblem(1, 1.0).largestStationaryPoint()).isEmpty();
    assertThat(new DeepLinearScalarProblem(1, 1.5).minimizer()).isZero();
  }

  @Test
  void windowBetweenThresholdsHasRootButCollapses() {
    for (int m = 2; m <= 4; m++) {
      double lo = DeepLinearScalarProblem.collapseThreshold(m);
      double hi = DeepLinearScalarProblem.rootExistenceThreshold(m);
      double c = 0.5 * (lo + hi);
      DeepLinearScalarProblem p = new DeepLinearScalarProblem(m, c);
      OptionalDouble root = p.largestStationaryPoint();
      assertThat(root).as("a positive stationary point exists in the window").isPresent();
      assertThat(p.value(root.getAsDouble())).isGreaterThan(1.0);
      assertThat(p.minimizer()).isZero();
      assertThat(p.minValue()).isEqualTo(1.0);
    }
  }

  @Test
  void minValueAgreesWithGridAndGoldenSection() {
    for (int m = 1; m <= 4; m++) {
      for (double c : new double[] {1e-4, 0.02, 0.2, 0.45, 0.52, 0.55, 0.7, 0.9, 2.0}) {
        DeepLinearScalarProblem p = new DeepLinearScalarProblem(m, c);
        double brute = GoldenSection.gridThenGolden(p::value, 0, 2.0 / c + 10, 200_001).value();
        assertThat(p.minValue()).as("M=%d c=%s", m, c).isCloseTo(brute, within(1e-8 * brute));
      }
    }
  }

  @Test
  void badInputThrows() {
    assertThatThrownBy(() -> new DeepLinearScalarProblem(0, 0.1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepLinearScalarProblem(2, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepLinearScalarProblem(2, Double.NaN)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DeepLinearScalarProblem.collapseThreshold(0)).isInstanceOf(InvalidInputException.class);
  }
}
