package ncverify.properties.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class CeUfmSolverTest {

  /** Balanced classes: the stationary point is the ETF; the distance is optimizer error only. */
  private static final double ETF_TOL = 1e-6;
  /** Stationarity of W H at balance: ||W||^2 = ||H||^2 (critical points of the ridge-regularized UFM). */
  private static final double BALANCE_TOL = 1e-3;

  @Test
  void balancedClassesReachTheEtfWithBalancedNorms() {
    int k = 3;
    int[] labels = {0, 0, 1, 1, 2, 2};
    CeUfmSolver solver = new CeUfmSolver(500, 100_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best());
    CeUfmSolver.Solution s = solver.solve(5, labels, k, 1e-2, null, 0.1, 3);
    assertThat(s.converged()).isTrue();
    assertThat(s.relativeGradient()).isLessThanOrEqualTo(CeUfmSolver.DEFAULT_REL_TOL);
    DMatrixRMaj g = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransB(s.w(), s.w(), g);
    assertThat(Norms.ndist(g, SimplexEtf.gram(k))).isLessThan(ETF_TOL);
    double w2 = Math.pow(Norms.frobenius(s.w()), 2);
    double h2 = Math.pow(Norms.frobenius(s.h()), 2);
    assertThat(w2 / h2).isCloseTo(1.0, within(BALANCE_TOL));
  }

  @Test
  void warmStartFromASolutionNeedsNoSteps() {
    int[] labels = {0, 0, 0, 1};
    CeUfmSolver solver = new CeUfmSolver(500, 100_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best());
    CeUfmSolver.Solution s = solver.solve(2, labels, 2, 1e-1, null, 0.1, 3);
    CeUfmSolver.Solution again = solver.solve(2, labels, 2, 1e-1, s, 0.1, 99);
    assertThat(again.steps()).isZero();
    assertThat(again.objective()).isEqualTo(s.objective());
  }

  @Test
  void momentumGrowsAsLambdaShrinks() {
    assertThat(CeUfmSolver.momentum(1e-1)).isEqualTo(CeUfmSolver.MOMENTUM);
    assertThat(CeUfmSolver.momentum(1e-4)).isCloseTo(0.98, within(1e-12));
  }
}
