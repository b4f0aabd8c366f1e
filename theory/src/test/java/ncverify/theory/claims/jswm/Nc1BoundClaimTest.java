package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

class Nc1BoundClaimTest {

  private static final double TOL = 1e-12;
  private final Nc1BoundClaim claim = new Nc1BoundClaim();
  private final Nc1ExactClaim exact = new Nc1ExactClaim();

  private static Measurement handMade(double nc1) {
    return Measurement.builder().put(K, 3).put(L2, 2).put(N, 12).put(N_MIN, 4).put(N_MAX, 4)
        .put(EPS1, 0.5).put(EPS2, 0.01).put(R, 2.0).put(Z_PENULT_OP, 3.0).put(Z_ANTEPENULT_WITHIN, 5.0)
        .put(NC1TR_PENULT, nc1).build();
  }

  @Test
  void boundIsTheFormulaOfTheorySection5() {
    // K r^2 [eps1^2 ||Z||^2/(sqrt n - eps1)^2 + eps2 ||Z(I-Pi)||^2] / (N (sqrt(K-1) - eps1/sqrt n)^2)
    // = 3*4*(0.25*9/1.5^2 + 0.01*25) / (12 (sqrt 2 - 0.25)^2) = 1.25 / (sqrt 2 - 0.25)^2
    double expected = 1.25 / ((Math.sqrt(2) - 0.25) * (Math.sqrt(2) - 0.25));
    assertThat(Nc1BoundClaim.bound(handMade(0.0))).isCloseTo(expected, within(TOL));
  }

  @Test
  void wrongMeasurementIsViolatedWithNegativeMargin() {
    double bound = Nc1BoundClaim.bound(handMade(0.0));
    ClaimResult below = claim.evaluate(handMade(0.5 * bound));
    assertThat(below.verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(below.conclusion().orElseThrow().margin()).isCloseTo(0.5 * bound, within(TOL));
    ClaimResult above = claim.evaluate(handMade(2 * bound));
    assertThat(above.verdict()).isEqualTo(Verdict.VIOLATED);
    assertThat(above.conclusion().orElseThrow().margin()).isCloseTo(-bound, within(TOL));
  }

  @Test
  void assumptionsFollowTheTheorem() {
    Measurement m = handMade(0.0);
    assertThat(claim.evaluate(m.toBuilder().put(EPS1, 2.0).build()).verdict())
        .as("eps1 = sqrt(n) is outside").isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(claim.evaluate(m.toBuilder().put(N_MAX, 5).build()).verdict())
        .as("imbalanced classes").isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(claim.evaluate(m.toBuilder().put(L2, 1).build()).verdict())
        .as("L2 = 1").isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(claim.evaluate(m.toBuilder().put(K, 1).build()).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
  }

  @Test
  void exactInterpolationAndBalanceGiveZeroNc1() {
    HeadFixtures.Case c = HeadFixtures.exact(21L, 4, 3, 16, 7);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
    assertThat(m.get(NC1TR_PENULT)).isLessThan(1e-20);
    assertThat(exact.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
    assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void unbalancedHeadDoesNotCollapseAndIsNotApplicableNotViolated() {
    HeadFixtures.Case c = HeadFixtures.unbalanced(HeadFixtures.exact(22L, 4, 3, 16, 7), 1.0, 23L);
    Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
    assertThat(m.get(EPS1)).as("still interpolating").isLessThan(1e-12);
    assertThat(m.get(EPS2)).as("but unbalanced").isGreaterThan(0.1);
    assertThat(m.get(NC1TR_PENULT)).as("no collapse").isGreaterThan(0.1);
    ClaimResult r = exact.evaluate(m);
    assertThat(r.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(r.conclusion()).isEmpty();
    assertThat(r.assumptions().stream().filter(a -> !a.holds()).map(a -> a.name()))
        .singleElement().asString().contains("balance");
    // the mechanism form stays true: its eps2 term grows with the imbalance
    assertThat(claim.evaluate(m).verdict()).isEqualTo(Verdict.HOLDS);
  }

  @Test
  void nearlyInterpolatingNearlyBalancedHeadsSatisfyTheBound() {
    int applicable = 0;
    for (long seed = 0; seed < 20; seed++) {
      HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(100 + seed, 3, 4, 16, 6, 5), 0.02, seed);
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), 0.0, 0.0);
      ClaimResult r = claim.evaluate(m);
      assertThat(r.verdict()).as("seed %d: %s", seed, r).isNotEqualTo(Verdict.VIOLATED);
      if (r.verdict() == Verdict.HOLDS) {
        applicable++;
        assertThat(m.get(NC1TR_PENULT)).isGreaterThan(0.0);
      }
    }
    assertThat(applicable).isEqualTo(20);
  }
}
