package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * Common part of the assembled [JSWM] Thm 3.1 NC2 and NC3 claims (docs/theory.md section 5,
 * docs/derivations/jswm-nc2-nc3.md): the inputs of {@link AssembledBound} (measured training outcomes
 * only: L2, class sizes, eps1, eps2, r, ||Z_{L1}||_op, kappa(Z_{L1}), ||A (I - P_Z)||_op) and its
 * finiteness conditions as the assumptions. Balanced classes are not needed.
 */
abstract class AssembledClaim extends AbstractClaim {

  /** The inputs of the bound, in the order {@link #bound} reads them. */
  static final List<String> INPUTS = List.of(L2, N_MIN, N_MAX, EPS1, EPS2, R, Z_IN_OP, KAPPA_Z_IN, LEAK_OP);

  AssembledClaim(String id, String theorem, String statement, String conclusionQuantity) {
    super(id, Paper.JSWM, theorem, statement, with(conclusionQuantity));
  }

  private static List<String> with(String q) {
    List<String> all = new ArrayList<>(INPUTS);
    all.add(q);
    return all;
  }

  /** The assembled bound on this measurement. */
  static AssembledBound bound(Measurement m) {
    return AssembledBound.of(m.getInt(L2), m.get(N_MIN), m.get(N_MAX), m.get(EPS1), m.get(EPS2), m.get(R),
        m.get(Z_IN_OP), m.get(KAPPA_Z_IN), m.get(LEAK_OP));
  }

  /** L2 &gt;= 2, eps1 &lt; sqrt(n_min), delta = c2 r^(2(L2-1)) eps2/a_lo^2 &lt; 1: the bound is finite. */
  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    List<AssumptionCheck> out = new ArrayList<>();
    out.add(AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
    out.add(AssumptionCheck.of("eps1 < sqrt(n_min)", m.get(EPS1), Relation.LESS, Math.sqrt(m.get(N_MIN))));
    if (m.get(L2) >= 1 && m.get(EPS1) < Math.sqrt(m.get(N_MIN))) {
      out.add(AssumptionCheck.of("delta = L2(L2-1)/2 r^(2(L2-1)) eps2/a_lo^2 < 1", bound(m).delta(), Relation.LESS,
          1.0));
    }
    return out;
  }
}
