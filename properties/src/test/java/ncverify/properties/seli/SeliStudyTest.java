package ncverify.properties.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.properties.gen.UfmGens;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

class SeliStudyTest {

  private static final double TOL = 1e-12;
  /** Distance of a certified stationary point to an exactly reachable geometry: optimizer error only. */
  private static final double AT_SELI = 1e-6;

  @Test
  void slopeIsExactOnDistancesLinearInLogInverseLambda() {
    List<Double> lambdas = List.of(1e-1, 1e-2, 1e-3);
    double[] dist = new double[3];
    for (int i = 0; i < 3; i++) {
      dist[i] = 0.5 - 0.02 * Math.log(1 / lambdas.get(i));
    }
    assertThat(SeliStudy.slope(lambdas, dist)).isCloseTo(-0.02, within(TOL));
  }

  @Test
  void twoClassesAreAtSeliForAnyImbalance() {
    // K = 2: Zhat has rank 1, so SELI is the antipodal pair whatever n_0/n_1 (same as the ETF)
    SeliCase c = new SeliCase(new UfmGens.Sizes(UfmGens.Profile.RANDOM, List.of(7, 2)), 2, List.of(1e-1, 1e-2));
    var out = new SeliStudy().run(c, 3);
    for (double d : (double[]) out.observations().get("dist_gram_w")) {
      assertThat(d).isLessThan(AT_SELI);
    }
    assertThat(out.results().get(0).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(out.results().get(1).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }
}
