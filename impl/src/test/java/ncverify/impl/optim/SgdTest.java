package ncverify.impl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.loss.Loss;
import ncverify.impl.model.ChainModel;
import ncverify.impl.model.ModelFixtures;
import ncverify.impl.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SgdTest {

  private static final double TOL = 1e-15;

  @Test
  void plainStepIsDecayedWeightMinusGradient() {
    ChainModel m = ModelFixtures.random(ModelFixtures.Kind.DEEP_LINEAR_UFM, Loss.mse(), false,
        new SplittableRandom(1));
    m.lossAndGradient(null, 0, m.numSamples());
    double eta = 0.1;
    List<double[]> before = m.parameters().stream().map(p -> p.value().clone()).toList();
    Sgd.plain().step(m.parameters(), eta);
    for (int q = 0; q < before.size(); q++) {
      Parameter p = m.parameters().get(q);
      for (int i = 0; i < p.value().length; i++) {
        double expected = (1 - eta * p.decay()) * before.get(q)[i] - eta * p.grad()[i];
        assertThat(p.value()[i]).isCloseTo(expected, within(TOL));
      }
    }
  }

  @Test
  void momentumAccumulatesDecayedGradients() {
    ChainModel m = ModelFixtures.random(ModelFixtures.Kind.UFM, Loss.crossEntropy(), true,
        new SplittableRandom(2));
    Parameter w = m.parameters().get(1);
    double mu = 0.9;
    double eta = 0.05;
    Sgd sgd = new Sgd(mu);
    double w0 = w.value()[0];
    m.lossAndGradient(null, 0, m.numSamples());
    double g0 = w.grad()[0] + w.decay() * w0;
    sgd.step(m.parameters(), eta);
    double w1 = w.value()[0];
    assertThat(w1).isCloseTo(w0 - eta * g0, within(TOL));
    m.lossAndGradient(null, 0, m.numSamples());
    double g1 = w.grad()[0] + w.decay() * w1;
    sgd.step(m.parameters(), eta);
    assertThat(w.value()[0]).isCloseTo(w1 - eta * (mu * g0 + g1), within(TOL));
  }

  /**
   * docs/theory.md section 5 (Thm 4.4 mechanism), exact for a pair of linear layers under full-batch GD:
   * D(t+1) = (1 - eta lambda)^2 D(t) + eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T), D = W_{l+1}^T W_{l+1} - W_l W_l^T.
   */
  @Test
  void gradientDescentStepObeysTheBalancednessIdentity() {
    int[] y = ModelFixtures.labels(9, 3, new SplittableRandom(4));
    double lambda = 0.2;
    double eta = 0.3;
    ncverify.impl.model.DeepLinearUfm m = ncverify.impl.model.DeepLinearUfm.builder(4, 3, y, 3)
        .blas(new ncverify.theory.linalg.blas.NaiveBlas()).hiddenWidths(5, 6).lambdaW(lambda).lambdaH(0.1)
        .initStd(0.6).seed(9).build();
    m.lossAndGradient(null, 0, 9);
    for (int l = 1; l <= 2; l++) {
      DMatrixRMaj wl = m.weight(l);
      DMatrixRMaj wn = m.weight(l + 1);
      DMatrixRMaj gl = m.parameters().get(l).gradMatrix();
      DMatrixRMaj gn = m.parameters().get(l + 1).gradMatrix();
      DMatrixRMaj expected = gramDifference(wn, wl);
      CommonOps_DDRM.scale((1 - eta * lambda) * (1 - eta * lambda), expected);
      DMatrixRMaj gTerm = gramDifference(gn, gl);
      CommonOps_DDRM.addEquals(expected, eta * eta, gTerm);
      ncverify.impl.model.Parameter pl = m.parameters().get(l);
      ncverify.impl.model.Parameter pn = m.parameters().get(l + 1);
      double[] savedL = pl.value().clone();
      double[] savedN = pn.value().clone();
      Sgd.plain().step(List.of(pl, pn), eta);
      DMatrixRMaj after = gramDifference(m.weight(l + 1), m.weight(l));
      System.arraycopy(savedL, 0, pl.value(), 0, savedL.length);
      System.arraycopy(savedN, 0, pn.value(), 0, savedN.length);
      assertThat(after.data).containsExactly(expected.data, within(1e-12));
    }
  }

  /** W_{l+1}^T W_{l+1} - W_l W_l^T. */
  private static DMatrixRMaj gramDifference(DMatrixRMaj next, DMatrixRMaj cur) {
    DMatrixRMaj a = new DMatrixRMaj(next.numCols, next.numCols);
    CommonOps_DDRM.multTransA(next, next, a);
    DMatrixRMaj b = new DMatrixRMaj(cur.numRows, cur.numRows);
    CommonOps_DDRM.multTransB(cur, cur, b);
    CommonOps_DDRM.subtractEquals(a, b);
    return a;
  }

  @Test
  void schedules() {
    assertThat(new LrSchedule.Constant().lr(0.3, 17, 100)).isEqualTo(0.3);
    LrSchedule step = new LrSchedule.StepDecay(0.5, 10);
    assertThat(step.lr(1.0, 9, 100)).isEqualTo(1.0);
    assertThat(step.lr(1.0, 10, 100)).isEqualTo(0.5);
    assertThat(step.lr(1.0, 25, 100)).isEqualTo(0.25);
    LrSchedule cos = new LrSchedule.Cosine(0.1);
    assertThat(cos.lr(1.0, 0, 100)).isCloseTo(1.0, within(TOL));
    assertThat(cos.lr(1.0, 50, 100)).isCloseTo(0.55, within(1e-12));
    assertThat(cos.lr(1.0, 100, 100)).isCloseTo(0.1, within(1e-12));
  }
}
