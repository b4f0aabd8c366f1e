package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Image templates: norms separation / sqrt 2, the spatial correlation of a 3 x 3 box filter of white
 * noise (horizontal neighbours share 6 of their 9 cells: correlation 2/3 away from the border),
 * samples = template + noise of the given std, seeded.
 */
class ImageTemplatesTest {

  @Test
  void templatesHaveTheNormAndTheBoxFilterCorrelation() {
    ImageShape s = new ImageShape(2, 20, 20);
    DMatrixRMaj t = new ImageTemplates(s, 3.0, 0.5, ClassSizes.balanced(40, 1), 3).templates();
    double cross = 0;
    double same = 0;
    for (int k = 0; k < 40; k++) {
      double sq = 0;
      for (int r = 0; r < s.size(); r++) {
        sq += t.get(r, k) * t.get(r, k);
      }
      assertThat(Math.sqrt(sq)).isCloseTo(3.0 / Math.sqrt(2), within(1e-12));
      for (int c = 0; c < 2; c++) {
        for (int y = 1; y < 19; y++) {
          for (int x = 1; x < 18; x++) {
            double a = t.get((c * 20 + y) * 20 + x, k);
            cross += a * t.get((c * 20 + y) * 20 + x + 1, k);
            same += a * a;
          }
        }
      }
    }
    // 40 templates x 612 interior pairs: the sampling error of the ratio is about 0.02
    assertThat(cross / same).isCloseTo(2.0 / 3.0, within(0.06));
  }

  @Test
  void samplesAreTheirTemplatePlusNoiseOfTheGivenStd() {
    ImageShape s = new ImageShape(1, 12, 12);
    ImageTemplates g = new ImageTemplates(s, 2.0, 0.7, ClassSizes.step(4, 3, 0.5, 20), 11);
    Dataset d = g.generate();
    DMatrixRMaj t = g.templates();
    assertThat(d.classSizes()).isEqualTo(ClassSizes.step(4, 3, 0.5, 20));
    double sq = 0;
    for (int i = 0; i < d.size(); i++) {
      for (int r = 0; r < s.size(); r++) {
        double e = d.x().get(r, i) - t.get(r, d.label(i));
        sq += e * e;
      }
    }
    // 11,520 noise draws: the std estimate is within 3% at four standard errors
    assertThat(Math.sqrt(sq / (d.size() * s.size()))).isCloseTo(0.7, within(0.7 * 0.03));
    Dataset again = new ImageTemplates(s, 2.0, 0.7, ClassSizes.step(4, 3, 0.5, 20), 11).generate();
    assertThat(again.x().data).containsExactly(d.x().data);
    assertThat(new ImageTemplates(s, 2.0, 0.7, ClassSizes.step(4, 3, 0.5, 20), 12).generate().x().data)
        .isNotEqualTo(d.x().data);
  }

  @Test
  void badSettingsAreRefused() {
    ClassSizes sizes = ClassSizes.balanced(2, 3);
    assertThatThrownBy(() -> new ImageTemplates(new ImageShape(1, 4, 4), -1, 1, sizes, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("separation");
    assertThatThrownBy(() -> new ImageTemplates(new ImageShape(1, 4, 4), 1, Double.NaN, sizes, 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("noise");
    assertThatThrownBy(() -> new ImageShape(0, 4, 4)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("0 x 4 x 4");
  }
}
