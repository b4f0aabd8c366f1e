package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

/** [JSWM] Prop 5.3: the L2 factor under exact balance only, the loss scale, and the stability assumption. */
class StabilityConditioningClaimTest {

  private static final double TOL = 1e-10;
  private final StabilityConditioningClaim claim = new StabilityConditioningClaim();

  @Test
  void exactlyBalancedStableHeadGetsTheL2Factor() {
    HeadFixtures.Case c = HeadFixtures.exact(701L, 3, 3, 12, 5, 5);
    Measurement probe = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, 1.0);
    double eta = 1.0 / probe.get(NTK_OP); // ||Theta|| + lambda <= 2/eta
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, eta);
    assertThat(StabilityConditioningClaim.exactlyBalanced(m)).isTrue();
    ClaimResult r = claim.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    double kappa = m.get(KAPPA_WL);
    double bound = m.get(S1_WL) * m.get(S1_WL) * (2 - eta * 1e-3) / (eta * 3 * m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT));
    assertThat(r.conclusion().orElseThrow().bound()).isCloseTo(bound, within(TOL * bound));
    assertThat(r.conclusion().orElseThrow().margin()).isCloseTo(bound - kappa * kappa, within(TOL * bound));
    // a learning rate beyond the stability edge: nothing is claimed
    Measurement unstable = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, 3 * eta);
    assertThat(claim.evaluate(unstable).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }

  @Test
  void unbalancedHeadGetsFactorOneAndTheLossScaleEntersBothSides() {
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(702L, 3, 3, 12, 5, 5), 0.05, 3L);
    double scale = 0.25;
    Measurement probe = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, 1.0, scale);
    double eta = 1.5 / (scale * probe.get(NTK_OP) + 1e-3);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 1e-3, eta, scale);
    assertThat(StabilityConditioningClaim.exactlyBalanced(m)).isFalse();
    ClaimResult r = claim.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
    double bound = m.get(S1_WL) * m.get(S1_WL) * (2 - eta * 1e-3)
        / (eta * scale * m.get(SIGMA_K_OUT) * m.get(SIGMA_K_OUT));
    assertThat(r.conclusion().orElseThrow().bound()).isCloseTo(bound, within(TOL * bound));
    // stability is judged with the loss scale: c ||Theta|| + lambda <= 2/eta
    assertThat(r.assumptions().get(2).value()).isCloseTo(scale * m.get(NTK_OP) + 1e-3, within(TOL));
  }
}
