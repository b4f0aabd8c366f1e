package ncverify.properties.dln;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.gen.UfmGens;
import ncverify.properties.study.StudyOutcome;
import org.junit.jupiter.api.Test;

class DlnStudyTest {

  private static final int SAMPLES = 3000;
  /** Round-off of b/n_min recomputed from the generated lambdas. */
  private static final double RATIO_TOL = 1e-9;

  /** (M-1)^{(M-1)/M}/M, written here from docs/theory.md section 3 (0.5 for M = 2). */
  private static double collapse(int m) {
    return Math.pow(m - 1.0, (m - 1.0) / m) / m;
  }

  /** max phi = phi(((M-1)/(M+1))^{1/M}), phi(x) = M x^{M-1}/(1 + x^M)^2 (0.649519 for M = 2). */
  private static double rootExistence(int m) {
    double xm = (m - 1.0) / (m + 1.0);
    double x = Math.pow(xm, 1.0 / m);
    return m * Math.pow(x, m - 1) / ((1 + xm) * (1 + xm));
  }

  @Test
  void regimesPlaceTheSmallestClassWhereTheirNameSays() {
    ChoiceSource s = new ChoiceSource(Mode.RANDOM, 5);
    DlnStudy study = new DlnStudy();
    Set<DlnCase.Regime> regimes = EnumSet.noneOf(DlnCase.Regime.class);
    Set<Integer> depths = new HashSet<>();
    for (int i = 0; i < SAMPLES; i++) {
      DlnCase c = study.cases().generate(s);
      regimes.add(c.regime());
      depths.add(c.depth());
      int m = c.depth();
      int n = c.n();
      int nMin = c.sizes().sizes().stream().mapToInt(Integer::intValue).min().orElseThrow();
      double b = m * n * Math.pow(n * Math.pow(c.lambdaW(), m) * c.lambdaH(), 1.0 / m);
      double ratio = b / nMin;
      double tc = collapse(m);
      assertThat(c.d()).isGreaterThanOrEqualTo(c.k());
      assertThat(c.lambdaW() / c.lambdaH()).isBetween(0.1 - RATIO_TOL, 10 + RATIO_TOL);
      switch (c.regime()) {
        case BELOW -> assertThat(ratio / tc).isBetween(0.3 - RATIO_TOL, 0.95 + RATIO_TOL);
        case NEAR_THRESHOLD -> assertThat(Math.abs(ratio / tc - 1)).isBetween(0.02 - RATIO_TOL, 0.06 + RATIO_TOL);
        case WINDOW -> {
          assertThat(m).isGreaterThanOrEqualTo(2);
          assertThat(ratio).isGreaterThan(tc).isLessThan(rootExistence(m));
        }
        case ABOVE -> assertThat(ratio / rootExistence(m)).isBetween(1.05 - RATIO_TOL, 3 + RATIO_TOL);
        case FREE -> assertThat(c.lambdaH()).isBetween(1e-3, 1e-1);
      }
    }
    assertThat(regimes).containsExactlyInAnyOrder(DlnCase.Regime.values());
    assertThat(depths).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void sameCaseAndSeedGiveTheSameOutcome() {
    DlnCase c = new DlnCase(new UfmGens.Sizes(UfmGens.Profile.RANDOM, List.of(4, 2, 1)), 2, 3, 0.02, 0.01,
        DlnCase.Regime.FREE);
    DlnStudy study = new DlnStudy();
    StudyOutcome a = study.run(c, 17);
    StudyOutcome b = study.run(c, 17);
    assertThat(a.observations().get("best_loss")).isEqualTo(b.observations().get("best_loss"));
    assertThat((double[]) a.observations().get("class_mean_norms_trained"))
        .containsExactly((double[]) b.observations().get("class_mean_norms_trained"));
    assertThat(a.results().toString()).isEqualTo(b.results().toString());
  }
}
