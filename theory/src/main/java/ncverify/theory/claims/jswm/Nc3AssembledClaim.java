package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.MIN_COS_PENULT;

import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;

/**
 * [JSWM] Thm 3.1 NC3 (mechanism form, assembled; docs/theory.md section 5, derivation in
 * docs/derivations/jswm-nc2-nc3.md): under the assumptions of {@link Nc2AssembledClaim} every penultimate
 * class mean aligns with its classifier row, min_c cos(mu_c, w_c) &gt;= F_NC3 ({@link AssembledBound};
 * Kantorovich plus the fit and kernel perturbations), F_NC3 computed from measured training outcomes
 * only. The conclusion is stated on the deficit below the ceiling cos &lt;= 1,
 * 1 - min_c cos(mu_c, w_c) &lt;= 1 - F_NC3 (the same inequality), so that its tightness and its
 * 2x-too-strong version measure the slack of the bound and not the ceiling.
 */
public final class Nc3AssembledClaim extends AssembledClaim {

  public Nc3AssembledClaim() {
    super("jswm.thm3.1.nc3", "Thm 3.1 NC3 (mechanism form, assembled)",
        "Low fit error plus a nearly balanced linear head (L2 >= 2) align each penultimate class mean with"
            + " its classifier row: min_c cos(mu_c, w_c) >= F_NC3 = 1/sqrt((h(kW) + kW f/sqrt(1 - f^2))^2"
            + " + (w_hi p/(1 - f))^2), h(k) = (k^2 + 1)/(2k), from the same measured inputs as the NC2 claim"
            + " (docs/theory.md section 5); judged as 1 - min cos <= 1 - F_NC3.",
        MIN_COS_PENULT);
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return atMost("1 - min_c cos(mu_c, w_c) <= 1 - F_NC3", 1.0 - m.get(MIN_COS_PENULT), 1.0 - bound(m).fNc3());
  }
}
