package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.ModelFixtures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

class SharpnessProbeTest {

  private static final double REL_TOL = 1e-6;

  /** Linear regression (1/2)||W X - Y||^2: Hessian I_K kron X X^T, top eigenvalue s_max(X)^2. */
  @Test
  void linearRegressionSharpnessIsTopSquaredSingularValueOfTheData() {
    SplittableRandom rng = new SplittableRandom(6);
    int n = 15;
    DMatrixRMaj x = ModelFixtures.gaussian(4, n, rng);
    int[] y = ModelFixtures.labels(n, 3, rng);
    Mlp lin = Mlp.builder(x, y, 3).blas(new NaiveBlas()).lambda(0.5).seed(1).build();
    double[] before = lin.parameters().get(0).value().clone();
    double s = new SharpnessProbe(200, 3L).topEigenvalue(lin);
    double smax = 0;
    double[] sv = SingularOps_DDRM.singularValues(x.copy());
    for (double v : sv) {
      smax = Math.max(smax, v);
    }
    assertThat(s).isCloseTo(smax * smax, within(REL_TOL * smax * smax));
    assertThat(lin.parameters().get(0).value()).containsExactly(before);
  }
}
