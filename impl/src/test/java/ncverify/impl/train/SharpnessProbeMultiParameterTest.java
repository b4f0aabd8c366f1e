package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.ModelFixtures;
import ncverify.impl.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * {@link SharpnessProbe} on a model with several parameter blocks (two linear layers with biases):
 * the probe must agree with the dominant eigenvalue of the explicit Hessian, assembled in the test
 * column by column from central differences of the model's gradient. (Mutation testing showed the
 * one-parameter test could not see the offsets that stitch the blocks together.)
 */
class SharpnessProbeMultiParameterTest {

  private static final double REL_TOL = 1e-4;

  private static double[] gradient(Mlp m, List<Parameter> ps, int total) {
    m.lossAndGradient(null, 0, m.numSamples());
    double[] g = new double[total];
    int o = 0;
    for (Parameter p : ps) {
      System.arraycopy(p.grad(), 0, g, o, p.grad().length);
      o += p.grad().length;
    }
    return g;
  }

  private static double[] entry(List<Parameter> ps, int index) {
    int o = 0;
    for (Parameter p : ps) {
      if (index < o + p.value().length) {
        return new double[] {ps.indexOf(p), index - o};
      }
      o += p.value().length;
    }
    throw new IllegalArgumentException();
  }

  @Test
  void agreesWithTheExplicitHessianOfATwoLayerModelWithBiases() {
    SplittableRandom rng = new SplittableRandom(21);
    int n = 8;
    DMatrixRMaj x = ModelFixtures.gaussian(3, n, rng);
    int[] y = ModelFixtures.labels(n, 2, rng);
    Mlp m = Mlp.builder(x, y, 2).blas(new NaiveBlas()).linearHiddenWidths(3).bias(true).seed(4).build();
    List<Parameter> ps = m.parameters();
    assertThat(ps.size()).isGreaterThanOrEqualTo(4);
    int total = 0;
    for (Parameter p : ps) {
      total += p.value().length;
    }
    double h = 1e-5;
    DMatrixRMaj hess = new DMatrixRMaj(total, total);
    for (int j = 0; j < total; j++) {
      double[] at = entry(ps, j);
      double[] w = ps.get((int) at[0]).value();
      int i = (int) at[1];
      double saved = w[i];
      w[i] = saved + h;
      double[] gp = gradient(m, ps, total);
      w[i] = saved - h;
      double[] gm = gradient(m, ps, total);
      w[i] = saved;
      for (int r = 0; r < total; r++) {
        hess.set(r, j, (gp[r] - gm[r]) / (2 * h));
      }
    }
    DMatrixRMaj sym = new DMatrixRMaj(total, total);
    for (int r = 0; r < total; r++) {
      for (int c = 0; c < total; c++) {
        sym.set(r, c, 0.5 * (hess.get(r, c) + hess.get(c, r)));
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(total, false, true);
    eig.decompose(sym);
    double dominant = 0;
    for (int i = 0; i < total; i++) {
      double ev = eig.getEigenvalue(i).real;
      if (Math.abs(ev) > Math.abs(dominant)) {
        dominant = ev;
      }
    }
    double probe = new SharpnessProbe(500, 5L).topEigenvalue(m);
    assertThat(probe).isCloseTo(dominant, within(REL_TOL * Math.abs(dominant)));
  }
}
