package ncverify.theory.geometry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class GeometryMatricesTest {

  private static final double TOL = 1e-12;

  @Test
  void sqrtSquaresBackAndPinvSqrtInvertsOnTheRange() {
    // A = diag(4, 9, 0) rotated: sqrt has eigenvalues 2, 3, 0; pinv sqrt 1/2, 1/3, 0
    DMatrixRMaj q = HaarOrthogonal.square(3, 5);
    DMatrixRMaj d = CommonOps_DDRM.diag(4, 9, 0);
    DMatrixRMaj tmp = new DMatrixRMaj(3, 3);
    DMatrixRMaj a = new DMatrixRMaj(3, 3);
    CommonOps_DDRM.mult(q, d, tmp);
    CommonOps_DDRM.multTransB(tmp, q, a);
    DMatrixRMaj s = GeometryMatrices.sqrtPsd(a);
    DMatrixRMaj s2 = new DMatrixRMaj(3, 3);
    CommonOps_DDRM.mult(s, s, s2);
    assertThat(NormOps_DDRM.normF(diff(s2, a))).isLessThan(TOL * 10);
    assertThat(CommonOps_DDRM.trace(s)).isCloseTo(5.0, within(TOL));
    DMatrixRMaj p = GeometryMatrices.pinvSqrtPsd(a);
    assertThat(CommonOps_DDRM.trace(p)).isCloseTo(1.0 / 2 + 1.0 / 3, within(TOL));
    DMatrixRMaj ps = new DMatrixRMaj(3, 3);
    CommonOps_DDRM.mult(p, s, ps);
    // P S = projector onto the range: trace 2, idempotent
    assertThat(CommonOps_DDRM.trace(ps)).isCloseTo(2.0, within(TOL));
  }

  @Test
  void normalizedHasUnitFrobeniusNormAndZeroThrows() {
    DMatrixRMaj a = CommonOps_DDRM.diag(3, 4);
    assertThat(NormOps_DDRM.normF(GeometryMatrices.normalized(a))).isCloseTo(1.0, within(TOL));
    assertThatThrownBy(() -> GeometryMatrices.normalized(new DMatrixRMaj(2, 2)))
        .isInstanceOf(InvalidInputException.class);
  }

  private static DMatrixRMaj diff(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
    CommonOps_DDRM.subtract(a, b, out);
    return out;
  }
}
