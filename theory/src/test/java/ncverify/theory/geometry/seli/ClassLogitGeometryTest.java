package ncverify.theory.geometry.seli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.Arrays2d;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.geometry.StepImbalance;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ClassLogitGeometryTest {

  private static final double TOL = 1e-12;
  private static final int[] SIZES = {7, 3, 3, 1};

  @Test
  void theSeliLimitMatchesTheSeliGeometryObjectByObject() {
    SeliGeometry g = SeliGeometry.of(SIZES);
    ClassLogitGeometry c = ClassLogitGeometry.seli(SIZES);
    assertThat(Arrays2d.ndist(Arrays2d.of(c.gramW()), Arrays2d.of(g.gramW()))).isLessThan(TOL);
    assertThat(Arrays2d.ndist(Arrays2d.of(c.classMeanGram()), Arrays2d.of(g.gramClassMeans()))).isLessThan(TOL);
    // G_H = Y^T G_M Y (N x N) against SeliGeometry's V L V^T, and its weighted K x K representative
    double[][] y = Arrays2d.oneHotSorted(SIZES);
    double[][] gh = Arrays2d.mult(Arrays2d.mult(Arrays2d.transpose(y), Arrays2d.of(c.classMeanGram())), y);
    assertThat(Arrays2d.ndist(gh, Arrays2d.of(g.gramH()))).isLessThan(TOL);
    assertThat(Arrays2d.frob(Arrays2d.of(c.weightedFeatureGram()))).isCloseTo(Arrays2d.frob(gh), org.assertj.core.api.Assertions.within(TOL));
    // logits: Z = S D^{1/2} represents Zhat = S Y
    assertThat(Arrays2d.frob(Arrays2d.of(c.weightedLogits()))).isCloseTo(Arrays2d.frob(Arrays2d.of(g.selMatrix().zhat())),
        org.assertj.core.api.Assertions.within(TOL));
    double[] s = c.spectrum();
    double[] expected = g.singularValues();
    for (int i = 0; i < s.length; i++) {
      assertThat(s[i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(TOL));
    }
  }

  @Test
  void stepSpectrumIsTheClosedForm() {
    StepImbalance step = new StepImbalance(6, 10, 1.0 / 3, 2);
    double[] s = ClassLogitGeometry.seli(step.classSizes()).spectrum();
    double[] closed = step.singularValues();
    for (int i = 0; i < s.length; i++) {
      assertThat(s[i]).isCloseTo(closed[i], org.assertj.core.api.Assertions.within(1e-10));
    }
  }

  @Test
  void minorityClassMeansAreLongerAtTheLimit() {
    double[][] gm = Arrays2d.of(ClassLogitGeometry.seli(SIZES).classMeanGram());
    assertThat(gm[3][3]).isGreaterThan(gm[1][1]);
    assertThat(gm[1][1]).isGreaterThan(gm[0][0]);
    assertThat(gm[1][1]).isEqualTo(gm[2][2], org.assertj.core.api.Assertions.within(TOL));
  }

  @Test
  void rejectsLogitsOfTheWrongShape() {
    assertThatThrownBy(() -> ClassLogitGeometry.of(SIZES, new DMatrixRMaj(3, 4)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 x 4");
  }
}
