package ncverify.theory;

/**
 * Reference numbers that tests assert to many digits, in one place, each with the precision it is
 * quoted to. Every value is derived independently of the code under test by a script in
 * {@code docs/derivations/} (NumPy, from the formulas of docs/theory.md); {@link DerivationScriptsTest}
 * runs the scripts and checks that each value below is what its script computes, rounded to the quoted
 * digits. The property suite and the CLI tests use these constants through the theory test jar.
 */
public final class ReferenceValues {

  private ReferenceValues() {
  }

  // ---- [DUFM], docs/theory.md sections 4.2-4.5 (docs/derivations/dufm_reference.py) ----

  /** Every regularizer of the [DUFM] reference instances (n = 1). */
  public static final double DUFM_LAMBDA = 0.004;
  /** C*(2) = (3/4) (1/2)^{1/3}, the DNC collapse constant for L = 2 (6 decimals). */
  public static final double DUFM_C_STAR_L2 = 0.595275;
  /** C*(3) = (2/3) (2/3)^{1/2} (6 decimals). */
  public static final double DUFM_C_STAR_L3 = 0.544331;
  /** C*(4) = (5/8) (3/4)^{3/5} (6 decimals). */
  public static final double DUFM_C_STAR_L4 = 0.525916;
  /** L_DNC for K = 10, L = 4 (9 decimals). */
  public static final double DUFM_DNC_LOSS_K10_L4 = 0.099179875;
  /** L_DNC for K = 10, L = 3 (9 decimals). */
  public static final double DUFM_DNC_LOSS_K10_L3 = 0.079183324;
  /** L_DNC for K = 10, L = 2 (9 decimals). */
  public static final double DUFM_DNC_LOSS_K10_L2 = 0.059188987;
  /** L_DNC for K = 6, L = 4 (9 decimals). */
  public static final double DUFM_DNC_LOSS_K6_L4 = 0.059707736;
  /** L_DNC for K = 6, L = 3 (9 decimals). */
  public static final double DUFM_DNC_LOSS_K6_L3 = 0.047708458;
  /** The T(5) construction for K = 10, L = 4 (9 decimals; rank 5). */
  public static final double DUFM_LOW_RANK_LOSS_K10_L4 = 0.080911332;
  /** The T(5) construction for K = 10, L = 3 (9 decimals). */
  public static final double DUFM_LOW_RANK_LOSS_K10_L3 = 0.072893892;
  /** The T(5) construction for K = 10, L = 2 (6 decimals; above L_DNC). */
  public static final double DUFM_LOW_RANK_LOSS_K10_L2 = 0.062432;
  /** The T(4) construction for K = 6, L = 4 (9 decimals; rank 4). */
  public static final double DUFM_LOW_RANK_LOSS_K6_L4 = 0.057525025;
  /** The T(4) construction for K = 6, L = 3 (9 decimals; above L_DNC). */
  public static final double DUFM_LOW_RANK_LOSS_K6_L3 = 0.050367579;
  /** The pinned L = 2 counterexample to claim (3): lambda (reports/FINDINGS.md, dufm.l2-construction). */
  public static final double DUFM_L2_FINDING_LAMBDA = 0.0377;
  /** L_DNC of the L = 2 counterexample, K = 10 (5 decimals). */
  public static final double DUFM_L2_FINDING_DNC_LOSS = 0.48079;
  /** The T(5) construction of the L = 2 counterexample (5 decimals), below L_DNC. */
  public static final double DUFM_L2_FINDING_LOW_RANK_LOSS = 0.47112;
  /** K = 10, L = 4: DNC collapses at lambda = 2 C*(4)/50 (4 decimals). */
  public static final double DUFM_WINDOW_K10_L4_LOWER = 0.0210;
  /** K = 10, L = 4: the construction stays non-trivial up to this lambda (4 decimals). */
  public static final double DUFM_WINDOW_K10_L4_UPPER = 0.0264;

  // ---- [DLN], docs/theory.md section 3.4 (docs/derivations/dln_reference.py) ----

  /** Collapse threshold (M-1)^{(M-1)/M}/M for M = 3 (6 decimals; 0.5 for M = 2). */
  public static final double DLN_COLLAPSE_THRESHOLD_M3 = 0.529134;
  /** Root-existence threshold max_x M x^{M-1}/(1 + x^M)^2 for M = 2 (6 decimals). */
  public static final double DLN_ROOT_THRESHOLD_M2 = 0.649519;
  /** Root-existence threshold for M = 3 (6 decimals). */
  public static final double DLN_ROOT_THRESHOLD_M3 = 0.839947;

  // ---- [SELI], docs/theory.md section 2.4 (docs/derivations/seli_reference.py) ----

  /** The ridge path of the [SELI] rate table. Use {@link #seliRateLambdas()} for a copy. */
  private static final double[] SELI_RATE_LAMBDAS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5};
  /**
   * ndist(W W^T, (Zhat Zhat^T)^{1/2}) at the optimum of the CE UFM along {@link #SELI_RATE_LAMBDAS} for
   * K = 4, R = 10, rho = 1/2, n_min = 5 (3 decimals). Use {@link #seliRateDistances()} for a copy.
   */
  private static final double[] SELI_RATE_DISTANCES = {0.116, 0.083, 0.065, 0.054, 0.046};

  /** A copy of the [SELI] rate table's distances (3 decimals). */
  public static double[] seliRateDistances() {
    return SELI_RATE_DISTANCES.clone();
  }

  /** A copy of the rate table's ridge path. */
  public static double[] seliRateLambdas() {
    return SELI_RATE_LAMBDAS.clone();
  }
}
