package ncverify.theory.geometry.dufm;

import static ncverify.theory.geometry.dufm.DufmTestSupport.CLOSED_FORM_REL;
import static ncverify.theory.geometry.dufm.DufmTestSupport.REFERENCE_ABS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import ncverify.theory.InvalidInputException;
import ncverify.theory.ReferenceValues;
import org.assertj.core.data.Percentage;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DncSolutionTest {

  private static final double STATIONARY = 1e-10;
  /** A perturbation may not lower the loss by more than rounding. */
  private static final double ROUNDING = 1e-13;

  @Test
  void directlyEvaluatedLossEqualsClosedForm() {
    DufmParameters[] cases = {
        DufmParameters.uniform(10, 4, 1, 0.004),
        DufmParameters.uniform(2, 1, 3, 0.05),
        DufmParameters.uniform(6, 3, 5, 0.01),
        DufmParameters.of(4, 2, 2, 0.02, 0.005, 0.03),
        DufmParameters.of(5, 5, 1, 0.001, 0.01, 0.003, 0.02, 0.004, 0.002)};
    for (DufmParameters p : cases) {
      DncSolution s = DncSolution.of(p);
      double direct = DufmTestSupport.perSampleLoss(s.point(), p.labels(), p.lambdas(), p.lambdaH());
      assertThat(direct).isCloseTo(s.loss(), Percentage.withPercentage(100 * CLOSED_FORM_REL));
      assertThat(s.directLoss()).isCloseTo(s.loss(), Percentage.withPercentage(100 * CLOSED_FORM_REL));
      assertThat(s.loss()).isLessThan(0.5);
    }
  }

  @Test
  void referenceDncLosses() {
    assertThat(DncLoss.of(DufmParameters.uniform(10, 4, 1, 0.004))).isCloseTo(ReferenceValues.DUFM_DNC_LOSS_K10_L4, offset(REFERENCE_ABS));
    assertThat(DncLoss.of(DufmParameters.uniform(10, 3, 1, 0.004))).isCloseTo(ReferenceValues.DUFM_DNC_LOSS_K10_L3, offset(REFERENCE_ABS));
    assertThat(DncLoss.of(DufmParameters.uniform(10, 2, 1, 0.004))).isCloseTo(ReferenceValues.DUFM_DNC_LOSS_K10_L2, offset(REFERENCE_ABS));
    assertThat(DncLoss.of(DufmParameters.uniform(6, 4, 1, 0.004))).isCloseTo(ReferenceValues.DUFM_DNC_LOSS_K6_L4, offset(REFERENCE_ABS));
  }

  @Test
  void structureIsCollapsedOrthogonalAndBalanced() {
    DufmParameters p = DufmParameters.of(3, 3, 2, 0.01, 0.02, 0.03, 0.04);
    DncSolution s = DncSolution.of(p, 5);
    DMatrixRMaj h = s.point().h1();
    assertThat(h.numRows).isEqualTo(5);
    assertThat(h.get(0, 0)).isEqualTo(h.get(0, 1)).isPositive();
    assertThat(h.get(1, 0)).isZero();
    double[] w = s.weightScales();
    double termH = p.lambdaH() * 2 * 3 * s.featureScale() * s.featureScale() / 2;
    for (int l = 1; l <= 3; l++) {
      assertThat(p.lambda(l) * 3 * w[l - 1] * w[l - 1] / 2).isCloseTo(termH, offset(1e-14));
    }
    assertThat(s.featureScale() * w[0] * w[1] * w[2]).isCloseTo(s.outputScale(), offset(1e-14));
    assertThat(s.directLoss()).isCloseTo(s.loss(), Percentage.withPercentage(100 * CLOSED_FORM_REL));
  }

  @Test
  void collapsedSolutionIsZero() {
    double lambda = 1.01 * DeepUfmRegime.dncCollapseLambda(10, 4, 1);
    DncSolution s = DncSolution.of(DufmParameters.uniform(10, 4, 1, lambda));
    assertThat(s.collapsed()).isTrue();
    assertThat(s.loss()).isEqualTo(0.5);
    assertThat(s.directLoss()).isEqualTo(0.5);
  }

  @Test
  void gradientVanishesAtDnc() {
    DufmParameters[] cases = {
        DufmParameters.uniform(10, 4, 1, 0.004),
        DufmParameters.uniform(2, 3, 4, 0.02),
        DufmParameters.of(5, 2, 3, 0.02, 0.005, 0.03)};
    for (DufmParameters p : cases) {
      DncSolution s = DncSolution.of(p, p.numClasses() + 2);
      assertThat(DeepUfmObjective.of(p).gradient(s.point()).norm()).isLessThan(STATIONARY);
    }
  }

  @Test
  void twoClassesNoPerturbationGoesBelowDnc() {
    Random rng = new Random(2);
    for (int depth = 1; depth <= 5; depth++) {
      for (double lambda : new double[] {0.002, 0.02, 0.1}) {
        DufmParameters p = DufmParameters.uniform(2, depth, 2, lambda);
        DncSolution s = DncSolution.of(p, 3);
        DeepUfmObjective f = DeepUfmObjective.of(p);
        for (double eps : new double[] {1e-4, 1e-2, 0.3, 1.0}) {
          for (int trial = 0; trial < 20; trial++) {
            assertThat(f.value(DufmTestSupport.perturb(s.point(), eps, rng)))
                .isGreaterThanOrEqualTo(s.loss() - ROUNDING);
          }
        }
      }
    }
  }

  @Test
  void dncIsALocalMinimumWhereItIsNotGlobal() {
    Random rng = new Random(3);
    DufmParameters[] cases = {
        DufmParameters.uniform(10, 4, 1, 0.004), DufmParameters.uniform(6, 3, 1, 0.004),
        DufmParameters.uniform(10, 2, 2, 0.004)};
    for (DufmParameters p : cases) {
      DncSolution s = DncSolution.of(p);
      DeepUfmObjective f = DeepUfmObjective.of(p);
      for (double eps : new double[] {1e-5, 1e-4, 1e-3}) {
        for (int trial = 0; trial < 30; trial++) {
          assertThat(f.value(DufmTestSupport.perturb(s.point(), eps, rng)))
              .isGreaterThanOrEqualTo(s.loss() - ROUNDING);
        }
      }
    }
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> DncSolution.of(DufmParameters.uniform(4, 2, 1, 0.01), 3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("width 3");
    assertThatThrownBy(() -> DncSolution.of(4, 2, 1, new double[] {0.01, -0.01}, 0.01))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DncSolution.of(1, 2, 1, new double[] {0.01, 0.01}, 0.01))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DncSolution.of(3, 0, 1, new double[0], 0.01))
        .isInstanceOf(InvalidInputException.class);
  }
}
