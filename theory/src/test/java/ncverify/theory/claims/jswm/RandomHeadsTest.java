package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.NC1TR_PENULT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Verdict;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.junit.jupiter.api.Test;

/**
 * Every [JSWM] claim that {@link JswmQuantities#measure} can feed is judged on many random heads (varied K, n,
 * depth, noise, imbalance, lambda), together with the critical-point claim on the same heads with their
 * gradients: none may be VIOLATED. Also reports how tight the NC1 bound is.
 */
class RandomHeadsTest {

  private static final int CASES = 120;

  @Test
  void noJswmClaimIsViolatedOnRandomHeads() {
    long seed = Long.getLong("ncverify.seed", 20261125L);
    Random rnd = new Random(seed);
    List<Claim> claims = new ArrayList<>();
    for (Claim c : ClaimRegistry.standard().all()) {
      // the per-step Thm 4.4 identity and the critical-point identity need a training step / the trainer's
      // gradients; every other [JSWM] claim is fed by JswmQuantities.measure
      if (c.paper() == Paper.JSWM && !(c instanceof BalancednessStepClaim)
          && !(c instanceof CriticalBalancednessClaim)) {
        claims.add(c);
      }
    }
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    List<Double> nc1Ratios = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      int k = 2 + rnd.nextInt(3);
      int n = 2 + rnd.nextInt(3);
      int depth = 2 + rnd.nextInt(3);
      int[] widths = new int[depth - 1];
      for (int j = 0; j < widths.length; j++) {
        widths[j] = k + rnd.nextInt(4);
      }
      HeadFixtures.Case c = HeadFixtures.exact(rnd.nextLong(), k, n, k * n + 2 + rnd.nextInt(4), widths);
      double noise = Math.pow(10, -3 + 2.5 * rnd.nextDouble());
      c = HeadFixtures.perturbed(c, noise, rnd.nextLong());
      if (rnd.nextBoolean()) {
        c = HeadFixtures.unbalanced(c, noise * 5 * rnd.nextDouble(), rnd.nextLong());
      }
      double lambda = rnd.nextBoolean() ? 0.0 : 0.01;
      Measurement m = JswmQuantities.measure(c.head(), c.zIn(), c.labels(), c.k(), lambda, 0.1);
      Measurement crit = JswmQuantities.criticalPoint(c.head(),
          HeadFixtures.fullGradients(c.head(), c.zIn(), c.labels(), c.k(), lambda, 1.0), lambda);
      ClaimResult cr = new CriticalBalancednessClaim().evaluate(crit);
      assertThat(cr.verdict()).as("case %d (seed %d): %s", i, seed, cr).isNotEqualTo(Verdict.VIOLATED);
      for (Claim claim : claims) {
        ClaimResult r = claim.evaluate(m);
        assertThat(r.verdict()).as("case %d (seed %d): %s", i, seed, r).isNotEqualTo(Verdict.VIOLATED);
        counts.merge(r.verdict(), 1, Integer::sum);
      }
      ClaimResult nc1 = new Nc1BoundClaim().evaluate(m);
      if (nc1.verdict() == Verdict.HOLDS) {
        nc1Ratios.add(m.get(NC1TR_PENULT) / nc1.conclusion().orElseThrow().bound());
      }
    }
    nc1Ratios.sort(null);
    assertThat(counts.get(Verdict.HOLDS)).isGreaterThan(CASES);
    assertThat(nc1Ratios).isNotEmpty();
    System.out.printf(java.util.Locale.ROOT, "[JSWM] random heads: %s; NC1/bound median %.3g max %.3g over %d cases%n",
        counts, nc1Ratios.get(nc1Ratios.size() / 2), nc1Ratios.get(nc1Ratios.size() - 1), nc1Ratios.size());
  }
}
