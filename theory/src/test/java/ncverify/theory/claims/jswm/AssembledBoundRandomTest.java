package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import ncverify.theory.claims.Claim;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The assembled [JSWM] Thm 3.1 NC2/NC3 bounds (docs/derivations/jswm-nc2-nc3.md) on more than 1,000 random
 * cases before they were registered: perturbed balanced heads (with imbalance, unbalanced kernel parts and
 * leaks outside col Z) and snapshots of GD + weight-decay trained heads, L2 = 2..4. No case may violate
 * either bound; the 2x-too-strong versions must be caught; the bound without the leak term must fail on
 * some leaking case (the leak is a real input, not decoration). Reports the tightness distribution.
 */
class AssembledBoundRandomTest {

  private static final int PERTURBED = 800;
  private static final int GD_RUNS = 60;
  private static final int[] SNAPSHOTS = {300, 1000, 2000, 4000, 6000};

  @Test
  void assembledBoundsHoldOnAThousandRandomHeadsAndTheirWrongVersionsAreCaught() {
    long seed = Long.getLong("ncverify.seed", 20261125L);
    Random rnd = new Random(seed);
    List<HeadCases.Case> cases = new ArrayList<>();
    for (int i = 0; i < PERTURBED; i++) {
      cases.add(HeadCases.perturbed(rnd));
    }
    for (int i = 0; i < GD_RUNS; i++) {
      cases.addAll(HeadCases.gdTrained(rnd, SNAPSHOTS));
    }
    assertThat(cases.size()).isGreaterThanOrEqualTo(1000);
    Claim nc2 = new Nc2AssembledClaim();
    Claim nc3 = new Nc3AssembledClaim();
    java.util.Map<String, Integer> fails = new java.util.TreeMap<>();
    int applicable = 0;
    int applicableGd = 0;
    int wrongNc2 = 0;
    int wrongNc3 = 0;
    int noLeakViolations = 0;
    List<Double> excess2 = new ArrayList<>();
    List<Double> ratio2 = new ArrayList<>();
    List<Double> deficit3 = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      HeadCases.Case c = cases.get(i);
      Measurement m = c.measure();
      ClaimResult r2 = nc2.evaluate(m);
      ClaimResult r3 = nc3.evaluate(m);
      assertThat(r2.verdict()).as("case %d (%s, seed %d): %s", i, c.kind(), seed, r2).isNotEqualTo(Verdict.VIOLATED);
      assertThat(r3.verdict()).as("case %d (%s, seed %d): %s", i, c.kind(), seed, r3).isNotEqualTo(Verdict.VIOLATED);
      assertThat(r3.verdict()).isEqualTo(r2.verdict());
      if (r2.verdict() != Verdict.HOLDS) {
        for (var a : r2.assumptions()) {
          if (!a.holds()) {
            fails.merge(c.kind().replaceAll("@.*", "") + ": " + a.name().replaceAll(" =.*", ""), 1, Integer::sum);
          }
        }
        continue;
      }
      applicable++;
      applicableGd += c.kind().startsWith("gd") ? 1 : 0;
      wrongNc2 += nc2.strengthened(2).evaluate(m).verdict() == Verdict.VIOLATED ? 1 : 0;
      wrongNc3 += nc3.strengthened(2).evaluate(m).verdict() == Verdict.VIOLATED ? 1 : 0;
      AssembledBound b = AssembledClaim.bound(m);
      excess2.add((m.get(KAPPA_MBAR_PENULT) - 1) / (b.fNc2() - 1));
      ratio2.add(m.get(KAPPA_MBAR_PENULT) / b.fNc2());
      deficit3.add((1 - m.get(MIN_COS_PENULT)) / (1 - b.fNc3()));
      AssembledBound noLeak = AssembledBound.of(m.getInt(L2), m.get(N_MIN), m.get(N_MAX), m.get(EPS1), m.get(EPS2),
          m.get(R), m.get(Z_IN_OP), m.get(KAPPA_Z_IN), 0.0);
      if (m.get(KAPPA_MBAR_PENULT) > noLeak.fNc2() * (1 + 1e-9)) {
        noLeakViolations++;
      }
    }
    System.out.printf(Locale.ROOT, "[JSWM] assembled NC2/NC3 on %d random heads (seed %d): %d applicable (%d GD"
        + " snapshots); kappa(Mbar)/F_NC2 %s; (kappa - 1)/(F_NC2 - 1) %s; (1 - cos)/(1 - F_NC3) %s; 2x-too-strong"
        + " caught NC2 %d, NC3 %d; without the leak term %d violations%n", cases.size(), seed, applicable,
        applicableGd, stats(ratio2), stats(excess2), stats(deficit3), wrongNc2, wrongNc3, noLeakViolations);
    System.out.println("  not applicable (kind: failed assumption = count): " + fails);
    assertThat(applicable).isGreaterThan(cases.size() / 3);
    assertThat(applicableGd).isGreaterThan(50);
    assertThat(wrongNc2).isPositive();
    assertThat(wrongNc3).isPositive();
    assertThat(noLeakViolations).as("dropping the leak term must give real violations").isPositive();
  }

  static String stats(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
    if (a.length == 0) {
      return "n=0";
    }
    return String.format(Locale.ROOT, "median %.3g, p90 %.3g, max %.4g", a[a.length / 2], a[(int) (0.9 * (a.length - 1))],
        a[a.length - 1]);
  }
}
