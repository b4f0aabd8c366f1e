package ncverify.properties.dln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.theory.linalg.blas.Backends;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.Parameter;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DeepLinearGdTest {

  /** Objective at the closed-form point vs the closed-form loss: round-off only. */
  private static final double VALUE_TOL = 1e-12;
  /** Gradient at the closed-form point: round-off times the factor norms. */
  private static final double STATIONARY_TOL = 1e-10;

  /** The closed-form realization (theory) is a stationary point of the impl objective at the optimal loss. */
  @Test
  void closedFormRealizationIsStationaryAtTheOptimalLoss() {
    int[] sizes = {6, 3, 1};
    int depth = 3;
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, depth, 0.02, 0.01);
    DeepLinearUfmOptimum.Realization real = opt.realize(4, 5);
    DeepLinearUfm model = DeepLinearUfm.builder(4, depth, DlnStudy.sortedLabels(sizes), 3)
        .blas(Backends.best()).lambdaW(0.02).lambdaH(0.01).build();
    List<Parameter> params = model.parameters();
    copy(real.h(), params.get(0));
    for (int m = 0; m < depth; m++) {
      copy(real.weights().get(m), params.get(m + 1));
    }
    assertThat(model.objective()).isCloseTo(opt.optimalLoss(), within(VALUE_TOL));
    assertThat(DeepLinearGd.gradNorm(model)).isLessThan(STATIONARY_TOL);
    DeepLinearGd.Run run = new DeepLinearGd(100, 1000, 1e-9).train(model, 1);
    assertThat(run.steps()).isZero();
    assertThat(run.converged()).isTrue();
  }

  @Test
  void gdFromRandomInitNeverGoesBelowTheClosedForm() {
    int[] sizes = {5, 5, 2};
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, 2, 0.01, 0.01);
    DeepLinearUfm model = DeepLinearUfm.builder(3, 2, DlnStudy.sortedLabels(sizes), 3).blas(Backends.best())
        .lambdaW(0.01).lambdaH(0.01).build();
    DlnStudy.initialize(model, 1.0, 12 * 0.01, 4);
    DeepLinearGd.Run run = new DeepLinearGd(500, 100_000, DlnStudy.GRAD_TOL).train(model, 1);
    assertThat(run.converged()).isTrue();
    assertThat(run.objective()).isGreaterThanOrEqualTo(opt.optimalLoss() - DlnStudy.lossTolerance(opt.optimalLoss()));
  }

  private static void copy(DMatrixRMaj src, Parameter dst) {
    assertThat(src.getNumElements()).isEqualTo(dst.value().length);
    System.arraycopy(src.data, 0, dst.value(), 0, src.data.length);
  }
}
