package ncverify.impl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import ncverify.impl.loss.Normalization;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * {@link ChainModel#objectiveGradient}: the gradient of the full regularized objective (data term plus
 * (lambda/2) ||W_l||^2), checked against central differences of {@link Model#objective()}.
 */
class ObjectiveGradientTest {

  @Test
  void matchesCentralDifferencesOfTheRegularizedObjective() {
    SplittableRandom rng = new SplittableRandom(11L);
    int n = 12;
    int k = 3;
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % k;
    }
    for (Normalization norm : Normalization.values()) {
      Mlp m = Mlp.builder(ModelFixtures.gaussian(4, n, rng), y, k).blas(new ncverify.theory.linalg.blas.NaiveBlas())
          .nonlinearWidths(5).linearHiddenWidths(4).normalization(norm).lambda(0.07).seed(3).build();
      for (int l = 1; l <= m.depth(); l++) {
        double[] analytic = m.objectiveGradient(l).data;
        final int layer = l;
        Parameter wl = m.parameters().stream().filter(p -> p.name().equals("W" + layer)).findFirst().orElseThrow();
        double[] fd = FiniteDifferences.gradient(wl, m::objective, 1e-4);
        assertThat(FiniteDifferences.relativeError(analytic, fd)).as("%s layer %d", norm, l).isLessThan(1e-7);
      }
    }
    Mlp m = Mlp.builder(ModelFixtures.gaussian(4, n, rng), y, k).nonlinearWidths(5).seed(3).build();
    assertThatThrownBy(() -> m.objectiveGradient(0)).isInstanceOf(InvalidInputException.class);
  }
}
