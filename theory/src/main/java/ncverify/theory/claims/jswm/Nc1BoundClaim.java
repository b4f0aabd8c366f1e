package ncverify.theory.claims.jswm;

import static ncverify.theory.claims.jswm.JswmQuantities.*;

import java.util.List;
import ncverify.theory.claims.AbstractClaim;
import ncverify.theory.claims.AssumptionCheck;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Measurement;
import ncverify.theory.claims.Paper;
import ncverify.theory.claims.Relation;

/**
 * [JSWM] Thm 3.1 NC1 (mechanism form), docs/theory.md section 5: for balanced classes (n each),
 * eps1 &lt; sqrt(n), K &gt;= 2, L2 &gt;= 2,
 * NC1tr(Z_{L-1}) &lt;= K r^2 [eps1^2 ||Z_{L-1}||_op^2/(sqrt(n) - eps1)^2 + eps2 ||Z_{L-2}(I - Pi)||^2]
 * / (N (sqrt(K-1) - eps1/sqrt(n))^2).
 */
public final class Nc1BoundClaim extends AbstractClaim {

  public Nc1BoundClaim() {
    super("jswm.thm3.1.nc1", Paper.JSWM, "Thm 3.1 NC1 (mechanism form)",
        "Low training error plus a balanced linear head force within-class collapse of the penultimate"
            + " layer: NC1tr(Z_{L-1}) <= K r^2 [eps1^2 ||Z_{L-1}||_op^2/(sqrt(n) - eps1)^2 + eps2"
            + " ||Z_{L-2}(I - Pi)||^2] / (N (sqrt(K-1) - eps1/sqrt(n))^2), for balanced classes,"
            + " eps1 < sqrt(n), K >= 2, L2 >= 2.",
        List.of(K, L2, N, N_MIN, N_MAX, EPS1, EPS2, R, Z_PENULT_OP, Z_ANTEPENULT_WITHIN, NC1TR_PENULT));
  }

  @Override
  public List<AssumptionCheck> assumptions(Measurement m) {
    return List.of(
        AssumptionCheck.of("balanced classes: n_max - n_min == 0", m.get(N_MAX) - m.get(N_MIN), Relation.EQUAL, 0),
        AssumptionCheck.of("eps1 < sqrt(n)", m.get(EPS1), Relation.LESS, Math.sqrt(m.get(N_MIN))),
        AssumptionCheck.of("K >= 2", m.get(K), Relation.AT_LEAST, 2),
        AssumptionCheck.of("L2 >= 2", m.get(L2), Relation.AT_LEAST, 2));
  }

  @Override
  public ConclusionCheck conclusion(Measurement m) {
    return atMost("NC1tr(Z_{L-1}) <= Thm 3.1 mechanism bound", m.get(NC1TR_PENULT), bound(m));
  }

  /** The right-hand side of the inequality. */
  public static double bound(Measurement m) {
    double k = m.get(K);
    double sqrtN = Math.sqrt(m.get(N_MIN));
    double eps1 = m.get(EPS1);
    double r = m.get(R);
    double zOp = m.get(Z_PENULT_OP);
    double within = m.get(Z_ANTEPENULT_WITHIN);
    double fitTerm = eps1 * eps1 * zOp * zOp / ((sqrtN - eps1) * (sqrtN - eps1));
    double balanceTerm = m.get(EPS2) * within * within;
    double den = Math.sqrt(k - 1) - eps1 / sqrtN;
    return k * r * r * (fitTerm + balanceTerm) / (m.get(N) * den * den);
  }
}
