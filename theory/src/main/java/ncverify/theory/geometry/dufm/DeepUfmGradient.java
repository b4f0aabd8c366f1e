package ncverify.theory.geometry.dufm;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * The gradient of the L-DUFM objective [DUFM] (docs/theory.md section 4) with respect to H_1 and
 * W_1..W_L, same shapes as the point. ReLU'(0) is taken as 0 (the convention of PyTorch).
 *
 * @param dH1 d objective / d H_1
 * @param dWeights d objective / d W_l, l = 1..L
 */
public record DeepUfmGradient(DMatrixRMaj dH1, List<DMatrixRMaj> dWeights) {

  public DeepUfmGradient {
    dH1 = dH1.copy();
    dWeights = dWeights.stream().map(DMatrixRMaj::copy).toList();
  }

  @Override
  public DMatrixRMaj dH1() {
    return dH1.copy();
  }

  @Override
  public List<DMatrixRMaj> dWeights() {
    return dWeights.stream().map(DMatrixRMaj::copy).toList();
  }

  /** Frobenius norm of the whole gradient (all blocks stacked). */
  public double norm() {
    double s = Math.pow(NormOps_DDRM.normF(dH1), 2);
    for (DMatrixRMaj g : dWeights) {
      s += Math.pow(NormOps_DDRM.normF(g), 2);
    }
    return Math.sqrt(s);
  }
}
