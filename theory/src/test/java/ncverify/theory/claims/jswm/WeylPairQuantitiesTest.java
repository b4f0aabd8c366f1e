package ncverify.theory.claims.jswm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import ncverify.theory.claims.Measurement;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The Weyl-pair quantities of {@link JswmQuantities} (spectrum_sq_diff, spectrum_pair_d_op), checked
 * against an independent formula: the squared singular values of W_{l+1} padded with zeros to n_l are
 * the eigenvalues of W_{l+1}^T W_{l+1}, those of W_l are the eigenvalues of W_l W_l^T (both n_l x n_l),
 * and D_l = W_{l+1}^T W_{l+1} - W_l W_l^T. Mutation testing found these two entries unchecked.
 */
class WeylPairQuantitiesTest {

  private static final double TOL = 1e-10;

  private static double[] eigDescending(DMatrixRMaj sym) {
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, false, true);
    eig.decompose(sym.copy());
    double[] ev = new double[sym.numRows];
    for (int i = 0; i < ev.length; i++) {
      ev[i] = eig.getEigenvalue(i).real;
    }
    Arrays.sort(ev);
    for (int i = 0; i < ev.length / 2; i++) {
      double t = ev[i];
      ev[i] = ev[ev.length - 1 - i];
      ev[ev.length - 1 - i] = t;
    }
    return ev;
  }

  @Test
  void twoLayerHeadMatchesTheEigenvalueFormula() {
    // L2 = 2 gives exactly one pair (W_1, W_2); the perturbation makes the pair unbalanced.
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(5L, 3, 4, 20, 6), 0.3, 9L);
    List<DMatrixRMaj> head = c.head();
    Measurement m = JswmQuantities.measure(head, c.zIn(), c.labels(), c.k(), 1e-3, 0.1);
    DMatrixRMaj w1 = head.get(0);
    DMatrixRMaj w2 = head.get(1);
    DMatrixRMaj a = new DMatrixRMaj(w2.numCols, w2.numCols);
    CommonOps_DDRM.multTransA(w2, w2, a);
    DMatrixRMaj b = new DMatrixRMaj(w1.numRows, w1.numRows);
    CommonOps_DDRM.multTransB(w1, w1, b);
    double[] ea = eigDescending(a);
    double[] eb = eigDescending(b);
    double diff = 0;
    for (int i = 0; i < ea.length; i++) {
      diff = Math.max(diff, Math.abs(Math.max(ea[i], 0) - Math.max(eb[i], 0)));
    }
    DMatrixRMaj d = a.copy();
    CommonOps_DDRM.subtractEquals(d, b);
    double[] ed = eigDescending(d);
    double dOp = Math.max(Math.abs(ed[0]), Math.abs(ed[ed.length - 1]));
    assertThat(diff).isGreaterThan(1e-3); // the pair is visibly unbalanced
    assertThat(m.get(JswmQuantities.SPECTRUM_SQ_DIFF)).isCloseTo(diff, within(TOL * (1 + diff)));
    assertThat(m.get(JswmQuantities.SPECTRUM_PAIR_D_OP)).isCloseTo(dOp, within(TOL * (1 + dOp)));
    // Weyl: |lambda_i(A) - lambda_i(B)| <= ||A - B||_op
    assertThat(diff).isLessThanOrEqualTo(dOp + TOL);
    assertThat(m.get(JswmQuantities.EPS2)).isCloseTo(dOp, within(TOL * (1 + dOp)));
  }

  @Test
  void callerOutputsMustMatchTheHead() {
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(5L, 3, 4, 20, 6), 0.3, 9L);
    List<DMatrixRMaj> head = c.head();
    DMatrixRMaj out = c.zIn();
    for (DMatrixRMaj w : head) {
      out = HeadFixtures.mult(w, out);
    }
    Measurement plain = JswmQuantities.measure(head, c.zIn(), c.labels(), c.k(), 1e-3, 0.1, 1.0);
    Measurement withOutputs = JswmQuantities.measure(head, c.zIn(), out, c.labels(), c.k(), 1e-3, 0.1, 1.0);
    assertThat(withOutputs.get(JswmQuantities.EPS1)).isEqualTo(plain.get(JswmQuantities.EPS1));
    // a relative disagreement of 1e-3 >> OUTPUT_CONSISTENCY_REL is rejected
    DMatrixRMaj off = out.copy();
    CommonOps_DDRM.scale(1.001, off);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> JswmQuantities.measure(head, c.zIn(), off, c.labels(), c.k(), 1e-3, 0.1, 1.0))
        .isInstanceOf(ncverify.theory.InvalidInputException.class).hasMessageContaining("outputs differ");
    DMatrixRMaj nan = out.copy();
    nan.set(0, 0, Double.NaN);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> JswmQuantities.measure(head, c.zIn(), nan, c.labels(), c.k(), 1e-3, 0.1, 1.0))
        .isInstanceOf(ncverify.theory.InvalidInputException.class);
    DMatrixRMaj wrong = new DMatrixRMaj(out.numRows, out.numCols - 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> JswmQuantities.measure(head, c.zIn(), wrong, c.labels(), c.k(), 1e-3, 0.1, 1.0))
        .isInstanceOf(ncverify.theory.InvalidInputException.class).hasMessageContaining("outputs are");
  }

  @Test
  void threeLayerHeadReportsThePairClosestToWeylEquality() {
    // With two pairs, spectrum_sq_diff / spectrum_pair_d_op come from the pair with the smallest slack
    // ||D_l||_op - max_i |s_i(W_{l+1})^2 - s_i(W_l)^2| (>= 0 by Weyl); eps2 is the largest ||D_l||_op.
    HeadFixtures.Case c = HeadFixtures.perturbed(HeadFixtures.exact(7L, 3, 4, 20, 6, 5), 0.3, 11L);
    List<DMatrixRMaj> head = c.head();
    Measurement m = JswmQuantities.measure(head, c.zIn(), c.labels(), c.k(), 1e-3, 0.1);
    double bestSlack = Double.POSITIVE_INFINITY;
    double bestDiff = 0;
    double bestD = 0;
    double maxD = 0;
    for (int j = 0; j + 1 < head.size(); j++) {
      DMatrixRMaj wl = head.get(j);
      DMatrixRMaj wn = head.get(j + 1);
      DMatrixRMaj a = new DMatrixRMaj(wn.numCols, wn.numCols);
      CommonOps_DDRM.multTransA(wn, wn, a);
      DMatrixRMaj b = new DMatrixRMaj(wl.numRows, wl.numRows);
      CommonOps_DDRM.multTransB(wl, wl, b);
      double[] ea = eigDescending(a);
      double[] eb = eigDescending(b);
      double diff = 0;
      for (int i = 0; i < ea.length; i++) {
        diff = Math.max(diff, Math.abs(Math.max(ea[i], 0) - Math.max(eb[i], 0)));
      }
      DMatrixRMaj d = a.copy();
      CommonOps_DDRM.subtractEquals(d, b);
      double[] ed = eigDescending(d);
      double dOp = Math.max(Math.abs(ed[0]), Math.abs(ed[ed.length - 1]));
      maxD = Math.max(maxD, dOp);
      if (dOp - diff < bestSlack) {
        bestSlack = dOp - diff;
        bestDiff = diff;
        bestD = dOp;
      }
    }
    assertThat(m.get(JswmQuantities.SPECTRUM_SQ_DIFF)).isCloseTo(bestDiff, within(TOL * (1 + bestDiff)));
    assertThat(m.get(JswmQuantities.SPECTRUM_PAIR_D_OP)).isCloseTo(bestD, within(TOL * (1 + bestD)));
    assertThat(m.get(JswmQuantities.EPS2)).isCloseTo(maxD, within(TOL * (1 + maxD)));
  }

  @Test
  void badInputsAreRejected() {
    HeadFixtures.Case c = HeadFixtures.exact(5L, 3, 4, 20, 6);
    List<DMatrixRMaj> head = c.head();
    DMatrixRMaj z = c.zIn();
    int[] y = c.labels();
    // the boundary values are accepted: lambda = eta = 0
    JswmQuantities.measure(head, z, y, 3, 0.0, 0.0, 1.0);
    org.assertj.core.api.ThrowableAssert.ThrowingCallable[] bad = {
        () -> JswmQuantities.measure(List.of(head.get(1)), HeadFixtures.mult(head.get(0), z), y, 3, 1e-3, 0.1, 1.0),
        () -> JswmQuantities.measure(head, z, y, 1, 1e-3, 0.1, 1.0),
        () -> JswmQuantities.measure(head, z, y, 3, -1e-9, 0.1, 1.0),
        () -> JswmQuantities.measure(head, z, y, 3, 1e-3, -1e-9, 1.0),
        () -> JswmQuantities.measure(head, z, y, 3, 1e-3, 0.1, 0.0),
        () -> JswmQuantities.measure(head, z, y, 3, Double.POSITIVE_INFINITY, 0.1, 1.0),
        () -> JswmQuantities.measure(head, z, y, 3, 1e-3, Double.POSITIVE_INFINITY, 1.0),
        () -> JswmQuantities.measure(head, z, y, 3, 1e-3, 0.1, Double.POSITIVE_INFINITY),
        () -> JswmQuantities.measure(head, z, java.util.Arrays.copyOf(y, y.length - 1), 3, 1e-3, 0.1, 1.0),
        () -> JswmQuantities.measure(List.of(head.get(1), head.get(0)), z, y, 3, 1e-3, 0.1, 1.0),
        () -> JswmQuantities.measure(head, z, y, 4, 1e-3, 0.1, 1.0),
    };
    for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : bad) {
      org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOf(ncverify.theory.InvalidInputException.class);
    }
    int[] outside = y.clone();
    outside[2] = 3;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JswmQuantities.measure(head, z, outside, 3, 1e-3, 0.1, 1.0))
        .isInstanceOf(ncverify.theory.InvalidInputException.class).hasMessageContaining("label 3 at index 2");
    DMatrixRMaj nanZ = z.copy();
    nanZ.set(0, 0, Double.NaN);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JswmQuantities.measure(head, nanZ, y, 3, 1e-3, 0.1, 1.0))
        .isInstanceOf(ncverify.theory.InvalidInputException.class);
    DMatrixRMaj nanW = head.get(0).copy();
    nanW.set(0, 0, Double.NaN);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> JswmQuantities.measure(List.of(nanW, head.get(1)), z, y, 3, 1e-3, 0.1, 1.0))
        .isInstanceOf(ncverify.theory.InvalidInputException.class);
  }
}
