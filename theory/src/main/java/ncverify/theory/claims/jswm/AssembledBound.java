package ncverify.theory.claims.jswm;

import ncverify.theory.InvalidInputException;

/**
 * The assembled [JSWM] Thm 3.1 NC2/NC3 bounds (mechanism form; docs/theory.md section 5, derivation in
 * docs/derivations/jswm-nc2-nc3.md) as functions of measured training outcomes only: L2, n_min, n_max,
 * eps1 = ||Z_L - Y||_F, eps2 (largest head imbalance), r (largest head ||W_l||_op),
 * s1Z = ||Z_{L1}||_op, kZ = kappa(Z_{L1}) and leak = ||A (I - P_Z)||_op. With h(k) = (k^2 + 1)/(2k):
 *
 * <pre>
 *   f = eps1/sqrt(n_min);  c2 = L2 (L2 - 1)/2
 *   a_lo = (sqrt(n_min) - eps1)/s1Z                                         (&lt;= s_K(A))
 *   a_hi = min(r^L2, sqrt((kZ (sqrt(n_max) + eps1)/s1Z)^2 + leak^2))        (&gt;= s_1(A))
 *   kA = a_hi/a_lo;  Delta = c2 r^(2(L2-1)) eps2;  delta = Delta/a_lo^2
 *   w_hi = min(r, (a_hi^2 + Delta)^(1/(2 L2)))                              (&gt;= s_1(W_L))
 *   kW = max(1, min(((kA^2 + delta)/(1 - delta))^(1/(2 L2)), w_hi/(a_lo^2 - Delta)^(1/(2 L2))))
 *   p = sqrt(eps2) r^(L2-2) s1Z/sqrt(n_min)                                 (&gt;= ||P_perp Mbar_{L-1}||_op)
 *   F_NC2 = kW sqrt((1 + f)^2 + (w_hi p)^2)/(1 - f)                          (&gt;= kappa(Mbar_{L-1}))
 *   F_NC3 = 1/sqrt((h(kW) + kW f/sqrt(1 - f^2))^2 + (w_hi p/(1 - f))^2)     (&lt;= min_c cos(mu_c, w_c))
 * </pre>
 *
 * Finite iff L2 &gt;= 2, eps1 &lt; sqrt(n_min) and delta &lt; 1 ({@link #finite()}); otherwise the
 * bounds are infinite (NC2) and 0 (NC3). Exact case (eps1 = eps2 = 0): F_NC2 = kW, F_NC3 = 2 kW/(1 + kW^2).
 *
 * @param l2 head depth L2
 * @param f eps1/sqrt(n_min)
 * @param aLo lower bound on s_K(A)
 * @param aHi upper bound on s_1(A)
 * @param kA aHi/aLo, an upper bound on kappa(A)
 * @param bigDelta c2 r^(2(L2-1)) eps2, the product-Gram drift bound
 * @param delta bigDelta/aLo^2
 * @param wHi upper bound on s_1(W_L)
 * @param kW upper bound on kappa(W_L) (NaN when not finite)
 * @param p upper bound on ||P_perp Mbar_{L-1}||_op
 * @param fNc2 upper bound on kappa(Mbar_{L-1}) (+Infinity when not finite)
 * @param fNc3 lower bound on min_c cos(mu_c, w_c) (0 when not finite)
 */
public record AssembledBound(int l2, double f, double aLo, double aHi, double kA, double bigDelta, double delta,
    double wHi, double kW, double p, double fNc2, double fNc3) {

  /**
   * Evaluates the bounds.
   *
   * @param l2 head depth L2 (&gt;= 1; the bounds are finite only for L2 &gt;= 2)
   * @param nMin smallest class size (&gt;= 1)
   * @param nMax largest class size (&gt;= nMin)
   * @param eps1 ||Z_L - Y||_F
   * @param eps2 max over head pairs ||W_{l+1}^T W_{l+1} - W_l W_l^T||_op
   * @param r max over head layers ||W_l||_op
   * @param s1Z ||Z_{L1}||_op (&gt; 0)
   * @param kZ kappa(Z_{L1}) (&gt;= 1)
   * @param leak ||A (I - P_Z)||_op
   */
  public static AssembledBound of(int l2, double nMin, double nMax, double eps1, double eps2, double r, double s1Z,
      double kZ, double leak) {
    if (l2 < 1 || !(nMin >= 1) || !(nMax >= nMin) || !(eps1 >= 0) || !(eps2 >= 0) || !(r >= 0) || !(s1Z > 0)
        || !(kZ >= 1) || !(leak >= 0)) {
      throw InvalidInputException.of("assembled [JSWM] bound: invalid inputs L2=%d n_min=%s n_max=%s eps1=%s eps2=%s"
          + " r=%s ||Z||_op=%s kappa(Z)=%s leak=%s", l2, nMin, nMax, eps1, eps2, r, s1Z, kZ, leak);
    }
    double sqrtMin = Math.sqrt(nMin);
    double f = eps1 / sqrtMin;
    double c2 = l2 * (l2 - 1) / 2.0;
    double aLo = (sqrtMin - eps1) / s1Z;
    double viaFeatures = kZ * (Math.sqrt(nMax) + eps1) / s1Z;
    double aHi = Math.min(Math.pow(r, l2), Math.sqrt(viaFeatures * viaFeatures + leak * leak));
    double kA = aHi / aLo;
    double bigDelta = c2 * Math.pow(r, 2.0 * (l2 - 1)) * eps2;
    double delta = bigDelta / (aLo * aLo);
    double root = 1.0 / (2.0 * l2);
    double wHi = Math.min(r, Math.pow(aHi * aHi + bigDelta, root));
    double p = Math.sqrt(eps2) * Math.pow(r, l2 - 2) * s1Z / sqrtMin;
    boolean finite = l2 >= 2 && eps1 < sqrtMin && delta < 1.0;
    if (!finite) {
      return new AssembledBound(l2, f, aLo, aHi, kA, bigDelta, delta, wHi, Double.NaN, p, Double.POSITIVE_INFINITY,
          0.0);
    }
    double viaRatio = Math.pow((kA * kA + delta) / (1.0 - delta), root);
    double viaNorm = wHi / Math.pow(aLo * aLo - bigDelta, root);
    double kW = Math.max(1.0, Math.min(viaRatio, viaNorm));
    double wp = wHi * p;
    double fNc2 = kW * Math.sqrt((1 + f) * (1 + f) + wp * wp) / (1 - f);
    double align = h(kW) + kW * f / Math.sqrt(1 - f * f);
    double off = wp / (1 - f);
    double fNc3 = 1.0 / Math.sqrt(align * align + off * off);
    return new AssembledBound(l2, f, aLo, aHi, kA, bigDelta, delta, wHi, kW, p, fNc2, fNc3);
  }

  /** h(k) = (k^2 + 1)/(2k), the Kantorovich factor: (e^T G e)(e^T G^{-1} e) &lt;= h(sqrt(cond G))^2. */
  public static double h(double k) {
    return (k * k + 1) / (2 * k);
  }

  /** Whether the bounds are finite: L2 &gt;= 2, eps1 &lt; sqrt(n_min) and delta &lt; 1. */
  public boolean finite() {
    return Double.isFinite(fNc2);
  }
}
