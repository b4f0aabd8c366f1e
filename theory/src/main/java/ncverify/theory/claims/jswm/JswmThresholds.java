package ncverify.theory.claims.jswm;

/**
 * Numerical thresholds of the [JSWM] claims that are ours, not the paper's: what "exact" means for the
 * exact-case statements (exact interpolation, exact balance), and the roundoff allowance of identities.
 * Every assumption that uses one says so in its name.
 */
public final class JswmThresholds {

  /** "Exact" assumptions: eps1 &lt;= EXACT_REL sqrt(N), eps2 &lt;= EXACT_REL r^2, fits &lt;= EXACT_REL. */
  public static final double EXACT_REL = 1e-10;
  /** Exact case of Thm 3.1: NC1tr(Z_{L-1}) must be at most this (it is 0 in exact arithmetic). */
  public static final double EXACT_NC1 = 1e-8;
  /** Identities (Thm 4.4 step, critical-point identity): residual &lt;= IDENTITY_REL x their scale. */
  public static final double IDENTITY_REL = 1e-9;

  private JswmThresholds() {
  }
}
