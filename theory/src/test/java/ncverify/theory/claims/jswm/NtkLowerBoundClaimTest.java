package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

/** [JSWM] Prop 5.3 mechanism: NTK lower bounds and the large-learning-rate conditioning bound. */
class NtkLowerBoundClaimTest {

  private static final double TOL = 1e-10;

  @Test
  void balancedHeadsSatisfyTheL2Bound() {
    for (int depth = 2; depth <= 4; depth++) {
      int[] widths = new int[depth - 1];
      java.util.Arrays.fill(widths, 5);
      HeadFixtures.Case c = HeadFixtures.exact(400 + depth, 3, 3, 12, widths);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      assertThat(NtkLowerBoundClaim.balanced().evaluate(m).verdict()).as("L2 = %d", depth).isEqualTo(Verdict.HOLDS);
      assertThat(NtkLowerBoundClaim.general().evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
      double bound = depth * m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT) / (m.get(SK_WL) * m.get(SK_WL));
      assertThat(m.get(NTK_OP)).isGreaterThanOrEqualTo(bound * (1 - TOL));
    }
  }

  @Test
  void generalBoundHoldsOnUnbalancedHeadsWhereTheBalancedOneDoesNotApply() {
    for (long seed = 0; seed < 10; seed++) {
      HeadFixtures.Case c = HeadFixtures.unbalanced(
          HeadFixtures.perturbed(HeadFixtures.exact(500 + seed, 3, 3, 12, 6, 5), 0.1, seed), 0.5, seed + 3);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      assertThat(NtkLowerBoundClaim.general().evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
      assertThat(NtkLowerBoundClaim.balanced().evaluate(m).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
  }

  @Test
  void tooSmallNtkIsViolatedWithNegativeMargin() {
    HeadFixtures.Case c = HeadFixtures.exact(601L, 3, 3, 12, 5);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
    double bound = m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT) / (m.get(SK_WL) * m.get(SK_WL));
    ClaimResult r = NtkLowerBoundClaim.general().evaluate(m.toBuilder().put(NTK_OP, 0.5 * bound).build());
    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(-0.5 * bound, within(TOL * bound));
  }

  @Test
  void stableLearningRateConditionsTheLastLayer() {
    HeadFixtures.Case c = HeadFixtures.exact(701L, 3, 3, 12, 5, 5);
    Measurement probe = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, 1.0);
    double eta = 1.0 / probe.get(NTK_OP); // ||Theta|| + lambda <= 2/eta
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, eta);
    StabilityConditioningClaim claim = new StabilityConditioningClaim();
    ClaimResult r = claim.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    double kappa = m.get(KAPPA_WL);
    double bound = m.get(S1_WL) * m.get(S1_WL) * (2 - eta * 1e-3) / (eta * 3 * m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT));
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(bound - kappa * kappa, within(TOL * bound));
    // a learning rate beyond the stability edge: nothing is claimed
    Measurement unstable = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, 3 * eta);
    assertThat(claim.evaluate(unstable).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }
}
