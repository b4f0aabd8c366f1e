package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class KernelLemmaClaimTest {

  private static final double TOL = 1e-12;
  private final KernelLemmaClaim claim = new KernelLemmaClaim();

  /** W_L = [I_2 0], W_{L-1} = diag(1, 1, c) (3x3): leak^2 = lambda_max_+ = c^2 exactly (tight). */
  @Test
  void tightOnADiagonalHead() {
    double c = 0.7;
    DMatrixRMaj wPrev = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, c}});
    DMatrixRMaj wL = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}});
    DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 2, -1, -2}});
    int[] labels = {0, 1, 0, 1};
    Measurement m = JswmQuantities.measure(List.of(wPrev, wL), z, labels, 2, 0.0, 0.0);
    assertThat(m.get(KERNEL_LEAK_SQ)).isCloseTo(c * c, within(TOL));
    assertThat(m.get(LAMBDA_MAX_PLUS)).isCloseTo(c * c, within(TOL));
    assertThat(m.get(EPS2)).isCloseTo(c * c, within(TOL));
    ClaimResult r = claim.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(r.conclusion().orElseThrow().parts()).hasSize(2);
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(0.0, within(TOL));
  }

  @Test
  void holdsOnRandomUnbalancedHeads() {
    for (long seed = 0; seed < 10; seed++) {
      HeadFixtures.Case c = HeadFixtures.unbalanced(
          HeadFixtures.perturbed(HeadFixtures.exact(seed, 3, 3, 12, 8), 0.1, seed + 50), 0.5, seed + 99);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      ClaimResult r = claim.evaluate(m);
      assertThat(r.verdict()).as("%s", r).isEqualTo(Verdict.HOLDS);
      assertThat(m.get(KERNEL_LEAK_SQ)).isGreaterThan(1e-3);
    }
  }

  @Test
  void aWrongLinkIsReportedAsTheBindingPart() {
    Measurement m = Measurement.builder().put(L2, 2).put(KERNEL_LEAK_SQ, 0.1).put(LAMBDA_MAX_PLUS, 0.3)
        .put(EPS2, 0.2).build();
    ClaimResult r = claim.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(r.conclusion().orElseThrow().measured()).isEqualTo(0.3);
    assertThat(r.conclusion().orElseThrow().bound()).isEqualTo(0.2);
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(-0.1, within(TOL));
  }
}
