package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.KAPPA_MBAR_PENULT;

import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;

/**
 * [JSWM] Thm 3.1 NC2 (mechanism form, assembled; docs/theory.md section 5, derivation in
 * docs/derivations/jswm-nc2-nc3.md): a network that nearly fits the labels (eps1 &lt; sqrt(n_min)) with a
 * nearly balanced linear head of L2 &gt;= 2 layers has well-conditioned penultimate class means,
 * kappa(Mbar_{L-1}) = s_1/s_K &lt;= F_NC2 ({@link AssembledBound}), with F_NC2 computed from measured
 * training outcomes only. The conclusion is stated on the excess over the floor kappa &gt;= 1,
 * kappa(Mbar_{L-1}) - 1 &lt;= F_NC2 - 1 (the same inequality), so that its tightness and its
 * 2x-too-strong version measure the slack of the bound and not the floor.
 */
public final class Nc2AssembledClaim extends AssembledClaim {

  public Nc2AssembledClaim() {
    super("jswm.thm3.1.nc2", "Thm 3.1 NC2 (mechanism form, assembled)",
        "Low fit error plus a nearly balanced linear head (L2 >= 2) condition the penultimate class means:"
            + " kappa(Mbar_{L-1}) <= F_NC2 = kW sqrt((1 + f)^2 + (w_hi p)^2)/(1 - f), from eps1, eps2, r,"
            + " ||Z_L1||_op, kappa(Z_L1), ||A(I - P_Z)||_op and the class sizes (docs/theory.md section 5);"
            + " judged as kappa - 1 <= F_NC2 - 1.",
        KAPPA_MBAR_PENULT);
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return atMost("kappa(Mbar_{L-1}) - 1 <= F_NC2 - 1", m.get(KAPPA_MBAR_PENULT) - 1.0, bound(m).fNc2() - 1.0);
  }
}
