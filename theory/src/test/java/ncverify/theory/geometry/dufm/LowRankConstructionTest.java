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
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class LowRankConstructionTest {

  private static final LowRankConstruction CONSTRUCTION = LowRankConstruction.defaults();
  private static final double LAMBDA = ReferenceValues.DUFM_LAMBDA;
  /** A converged optimum: no +-1e-3 move of a log-scale lowers the loss by more than this. */
  private static final double CONVERGED = 1e-12;

  @Test
  void reportedLossIsTheDirectlyEvaluatedLoss() {
    Random rng = new Random(8);
    DufmParameters[] cases = {
        DufmParameters.uniform(10, 4, 1, LAMBDA), DufmParameters.uniform(6, 3, 3, 0.01),
        DufmParameters.of(8, 2, 2, 0.003, 0.006, 0.002), DufmParameters.uniform(11, 5, 1, 0.002)};
    for (DufmParameters p : cases) {
      for (int r : LowRankConstruction.candidateVertices(p)) {
        double[] x = new double[2 * p.depth() - 1];
        for (int i = 0; i < x.length; i++) {
          x[i] = rng.nextGaussian();
        }
        LowRankSolution s = LowRankConstruction.at(p, r, x);
        double independent =
            DufmTestSupport.perSampleLoss(s.point(), p.labels(), p.lambdas(), p.lambdaH());
        assertThat(s.loss()).isCloseTo(independent, Percentage.withPercentage(100 * CLOSED_FORM_REL));
      }
    }
  }

  @Test
  void samplesPerClassOnlyRescaleLambdaH() {
    double[] x = {0.3, -0.2, 0.1, 0.4, -0.5};
    DufmParameters p3 = DufmParameters.of(10, 3, 3, 0.004, 0.005, 0.006, 0.007);
    DufmParameters p1 = DufmParameters.of(10, 3, 1, 0.004, 0.005, 0.006, 3 * 0.007);
    assertThat(LowRankConstruction.at(p3, 5, x).loss())
        .isCloseTo(LowRankConstruction.at(p1, 5, x).loss(), offset(1e-14));
  }

  @Test
  void classMeansFollowTheConstruction() {
    DufmParameters p = DufmParameters.uniform(10, 4, 2, LAMBDA);
    double[] x = {0.2, -0.4, 0.3, -0.1, 0.5, 0.05, -0.3};
    LowRankSolution s = LowRankConstruction.at(p, 5, x);
    DeepUfmObjective.Activations a = DeepUfmObjective.of(p).forward(s.point());
    TriangularGraph g = new TriangularGraph(5);
    DMatrixRMaj b = g.incidence();
    // layer 2 (post = pre, non-negative): [c_2 B ; d_2 1^T]
    DMatrixRMaj m2 = DufmLinearAlgebra.classMeans(a.features().get(1), p.labels(), 10);
    for (int k = 0; k < 10; k++) {
      for (int v = 0; v < 5; v++) {
        assertThat(m2.get(v, k)).isCloseTo(Math.exp(0.3) * b.get(v, k), offset(1e-10));
      }
      assertThat(m2.get(5, k)).isCloseTo(Math.exp(-0.1), offset(1e-10));
    }
    // last pre-activation t (A - I) = t (J - B^T B), after the ReLU t A
    double t = Math.exp(-0.3);
    DMatrixRMaj pl = DufmLinearAlgebra.classMeans(a.preActivations().get(2), p.labels(), 10);
    DMatrixRMaj hl = DufmLinearAlgebra.classMeans(a.features().get(3), p.labels(), 10);
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        double btb = 0;
        for (int v = 0; v < 5; v++) {
          btb += b.get(v, i) * b.get(v, j);
        }
        assertThat(pl.get(i, j)).isCloseTo(t * (1 - btb), offset(1e-10));
        assertThat(hl.get(i, j)).isCloseTo(t * Math.max(0, 1 - btb), offset(1e-10));
      }
    }
    assertThat(s.ranks().layerRanks()).containsExactly(5, 5, 5, 5);
    // minimal-norm maps: W_l vanishes off the span of the class means of H_l (W_l M M^+ = W_l)
    for (int l = 1; l <= 3; l++) {
      DMatrixRMaj m = DufmLinearAlgebra.classMeans(a.features().get(l - 1), p.labels(), 10);
      DMatrixRMaj w = s.point().weight(l);
      DMatrixRMaj proj = new DMatrixRMaj(m.numRows, m.numRows);
      CommonOps_DDRM.mult(m, DufmLinearAlgebra.pinv(m), proj);
      DMatrixRMaj wp = new DMatrixRMaj(w.numRows, w.numCols);
      CommonOps_DDRM.mult(w, proj, wp);
      for (int i = 0; i < w.getNumElements(); i++) {
        assertThat(wp.data[i]).isCloseTo(w.data[i], offset(1e-10));
      }
    }
    // W_L is the ridge fit: the objective is stationary in W_L
    DMatrixRMaj dwl = DeepUfmObjective.of(p).gradient(s.point()).dWeights().get(3);
    assertThat(Math.sqrt(DufmTestSupport.frob2(dwl))).isLessThan(1e-12);
  }

  @Test
  void referenceNumbers() {
    LowRankSolution k10l4 = CONSTRUCTION.best(DufmParameters.uniform(10, 4, 1, LAMBDA)).orElseThrow();
    assertThat(k10l4.loss()).isCloseTo(ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L4, offset(REFERENCE_ABS));
    assertThat(k10l4.rank()).isEqualTo(5);
    assertThat(k10l4.description()).isEqualTo("T(5)");
    assertThat(CONSTRUCTION.best(DufmParameters.uniform(10, 3, 1, LAMBDA)).orElseThrow().loss())
        .isCloseTo(ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L3, offset(REFERENCE_ABS));
    assertThat(CONSTRUCTION.optimize(DufmParameters.uniform(10, 2, 1, LAMBDA), 5).loss())
        .isCloseTo(ReferenceValues.DUFM_LOW_RANK_LOSS_K10_L2, offset(1e-6));
    assertThat(CONSTRUCTION.best(DufmParameters.uniform(6, 4, 1, LAMBDA)).orElseThrow().loss())
        .isCloseTo(ReferenceValues.DUFM_LOW_RANK_LOSS_K6_L4, offset(REFERENCE_ABS));
    DufmParameters k6l3 = DufmParameters.uniform(6, 3, 1, LAMBDA);
    assertThat(CONSTRUCTION.best(k6l3).orElseThrow().loss()).isGreaterThan(DncLoss.of(k6l3));
  }

  @Test
  void optimizedScalesAreConverged() {
    DufmParameters p = DufmParameters.uniform(10, 4, 1, LAMBDA);
    LowRankSolution s = CONSTRUCTION.optimize(p, 5);
    double[] logs = new double[s.scales().length];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = Math.log(s.scales()[i]);
    }
    for (int i = 0; i < logs.length; i++) {
      for (double step : new double[] {-1e-3, 1e-3}) {
        double[] y = logs.clone();
        y[i] += step;
        assertThat(LowRankConstruction.at(p, 5, y).loss()).isGreaterThan(s.loss() - CONVERGED);
      }
    }
  }

  @Test
  void blockNextToDncSplitsTheLoss() {
    // T(4) inside K = 12 classes: (6/12) x [T(4) alone on 6 classes with lambdas x 12/6]
    // + (6/12) x L_DNC(K = 12)
    DufmParameters p = DufmParameters.uniform(12, 4, 1, LAMBDA);
    DufmParameters alone = DufmParameters.uniform(6, 4, 1, 2 * LAMBDA);
    double expected = 0.5 * CONSTRUCTION.optimize(alone, 4).loss() + 0.5 * DncLoss.of(p);
    LowRankSolution s = CONSTRUCTION.optimize(p, 4);
    assertThat(s.loss()).isCloseTo(expected, offset(1e-9));
    assertThat(s.description()).isEqualTo("T(4)+DNC(6)");
    assertThat(s.rank()).isEqualTo(4 + 6);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> CONSTRUCTION.optimize(DufmParameters.uniform(10, 1, 1, LAMBDA), 5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("L >= 2");
    assertThatThrownBy(() -> CONSTRUCTION.optimize(DufmParameters.uniform(6, 3, 1, LAMBDA), 5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than K = 6");
    assertThatThrownBy(() -> LowRankConstruction.at(DufmParameters.uniform(6, 3, 1, LAMBDA), 4,
        new double[3])).isInstanceOf(InvalidInputException.class);
    assertThat(CONSTRUCTION.best(DufmParameters.uniform(5, 4, 1, LAMBDA))).isEmpty();
  }
}
