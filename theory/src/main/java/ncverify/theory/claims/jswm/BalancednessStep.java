package ncverify.theory.claims.jswm;

import ncverify.theory.claims.Measurement;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * One GD step of a pair of consecutive layers, for the [JSWM] Thm 4.4 identity (docs/theory.md section 5):
 * with W &lt;- (1 - eta lambda) W - eta G (G the unregularized gradient) and
 * D = W_{l+1}^T W_{l+1} - W_l W_l^T, the identity is
 * D(t+1) = (1 - eta lambda)^2 D(t) + eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T)(t).
 * This class measures its residual ||D(t+1) - rhs|| and a scale ||D(t+1)|| + ||rhs terms|| (Frobenius)
 * from the matrices before and after the step; it does not take the step itself.
 *
 * @param residual ||D(t+1) - (1 - eta lambda)^2 D(t) - eta^2 (G_{l+1}^T G_{l+1} - G_l G_l^T)||
 * @param scale the size of the terms the identity subtracts: ||W_{l+1}^T W_{l+1}|| + ||W_l W_l^T|| after the
 *     step, plus (1 - eta lambda)^2 times the same before it, plus eta^2 (||G_{l+1}^T G_{l+1}|| + ||G_l G_l^T||);
 *     roundoff of each D is relative to its Grams, not to D, which vanishes for a balanced pair
 *     (reports/FINDINGS.md)
 * @param before ||D(t)|| (Frobenius), what a wrong decay factor moves the right-hand side by
 * @param etaLambda eta lambda of the step
 */
public record BalancednessStep(double residual, double scale, double before, double etaLambda) {

  /** Quantity: the residual of the identity. */
  public static final String RESIDUAL = "step_residual";
  /** Quantity: the scale of the identity. */
  public static final String SCALE = "step_scale";
  /** Quantity: 1 when both layers of the pair are linear (no nonlinearity between them), else 0. */
  public static final String PAIR_LINEAR = "pair_linear";
  /** Quantity: ||D(t)|| before the step. */
  public static final String BEFORE = "step_d_before";
  /** Quantity: eta lambda of the step. */
  public static final String ETA_LAMBDA = "step_eta_lambda";

  /**
   * Measures the identity.
   *
   * @param wl W_l(t)
   * @param wNext W_{l+1}(t)
   * @param gl G_l(t), unregularized gradient of W_l
   * @param gNext G_{l+1}(t)
   * @param wlAfter W_l(t+1)
   * @param wNextAfter W_{l+1}(t+1)
   * @param eta learning rate
   * @param lambda weight decay
   */
  public static BalancednessStep of(DMatrixRMaj wl, DMatrixRMaj wNext, DMatrixRMaj gl, DMatrixRMaj gNext,
      DMatrixRMaj wlAfter, DMatrixRMaj wNextAfter, double eta, double lambda) {
    DMatrixRMaj after = Dense.balanceGap(wlAfter, wNextAfter);
    DMatrixRMaj before = Dense.balanceGap(wl, wNext);
    DMatrixRMaj gTerm = Dense.balanceGap(gl, gNext);
    double decay = (1.0 - eta * lambda) * (1.0 - eta * lambda);
    DMatrixRMaj rhs = new DMatrixRMaj(before.numRows, before.numCols);
    CommonOps_DDRM.add(decay, before, eta * eta, gTerm, rhs);
    double residual = Dense.frob(Dense.minus(after, rhs));
    double scale = grams(wlAfter, wNextAfter) + decay * grams(wl, wNext) + eta * eta * grams(gl, gNext);
    return new BalancednessStep(residual, scale, Dense.frob(before), eta * lambda);
  }

  /** ||W_{l+1}^T W_{l+1}|| + ||W_l W_l^T||, the terms of D_l = W_{l+1}^T W_{l+1} - W_l W_l^T. */
  static double grams(DMatrixRMaj wl, DMatrixRMaj wNext) {
    return Dense.frob(Dense.multTransA(wNext, wNext)) + Dense.frob(Dense.multTransB(wl, wl));
  }

  /** The quantities of {@link BalancednessStepClaim}. */
  public Measurement measurement(boolean pairLinear) {
    return Measurement.builder().put(RESIDUAL, residual).put(SCALE, scale).put(BEFORE, before)
        .put(ETA_LAMBDA, etaLambda).flag(PAIR_LINEAR, pairLinear).build();
  }
}
