package ncverify.reports.campaign.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.ReferenceValues;
import org.junit.jupiter.api.Test;

/** The SELI figure's curves, computed by the CE UFM solver (docs/theory.md section 2). */
class SeliDistanceFigureTest {

  /** docs/theory.md gives the reference distances to 3 decimals (+-5e-4); the rest is optimizer error. */
  private static final double REFERENCE_TOL = 1e-3;
  private static final double[] DECADES = {1e-1, 1e-2, 1e-3};

  @Test
  void distanceDecreasesWithLambdaForRatioFive() {
    SeliDistanceFigure.Curve c = SeliDistanceFigure.curve(5, DECADES, 1);
    System.out.println("SELI figure R = 5: " + c.distances());
    assertThat(c.converged()).as("every lambda certified stationary").isTrue();
    for (int i = 1; i < DECADES.length; i++) {
      assertThat(c.distances().get(i)).as("ndist(W W^T, G_W) at lambda %s", DECADES[i])
          .isLessThan(c.distances().get(i - 1));
    }
    assertThat(c.distances().get(0)).as("imbalanced: away from SELI at lambda 0.1").isGreaterThan(0.01);
    for (int i = 0; i < DECADES.length; i++) {
      assertThat(c.etfDistances().get(i)).as("farther from the ETF than from SELI at %s", DECADES[i])
          .isGreaterThan(c.distances().get(i));
      if (DECADES[i] <= 1e-2) {
        // the second-order rate of docs/theory.md section 2 (relative error O(1/ln(1/lambda)))
        assertThat(c.distances().get(i)).isLessThanOrEqualTo((1 + 1 / Math.log(1 / DECADES[i])) * c.predicted().get(i));
      }
    }
  }

  @Test
  void lambdaTicksAreLabelledAtDecadesOnly() {
    assertThat(SeliDistanceFigure.lambdaLabel(-1)).isEqualTo("0.1");
    assertThat(SeliDistanceFigure.lambdaLabel(-3)).isEqualTo("0.001");
    assertThat(SeliDistanceFigure.lambdaLabel(-5)).isEqualTo("1e-5");
    assertThat(SeliDistanceFigure.lambdaLabel(-2.5)).isEmpty();
  }

  @Test
  void ratioTenReproducesTheoryReferenceTable() {
    // docs/theory.md section 2: K=4, R=10, rho=1/2, n_min=5, d=16: ndist(G_W) ~ 0.116, 0.083, 0.065 at 1e-1..1e-3
    double[] reference = java.util.Arrays.copyOf(ReferenceValues.seliRateDistances(), 3);
    SeliDistanceFigure.Curve c = SeliDistanceFigure.curve(10, DECADES, 1);
    System.out.println("SELI figure R = 10: " + c.distances());
    for (int i = 0; i < reference.length; i++) {
      assertThat(c.distances().get(i)).as("ndist at lambda %s", DECADES[i]).isCloseTo(reference[i],
          within(REFERENCE_TOL));
    }
  }
}
