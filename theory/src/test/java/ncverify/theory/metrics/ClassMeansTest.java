package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ClassMeansTest extends MetricsTestSupport {

  @Test
  void handExample() {
    // d = 2; class 0: (1,0), (3,0); class 1: (0,6). n = (2,1), N = 3
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 0, 3}, {0, 6, 0}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 1, 0}, 2);
    ClassMeans sample = ClassMeans.of(f);
    assertThat(sample.counts()).containsExactly(2, 1);
    assertThat(sample.mbar().data).containsExactly(2, 0, 0, 6);
    // sample mean (4/3, 2); class-means mean (1, 3)
    assertThat(sample.globalMeanVector().data[0]).isCloseTo(4.0 / 3, within(1e-15));
    assertThat(sample.globalMeanVector().data[1]).isCloseTo(2.0, within(1e-15));
    ClassMeans byClass = ClassMeans.of(f, GlobalMean.CLASS_MEANS);
    assertThat(byClass.globalMeanVector().data).containsExactly(1, 3);
    assertThat(byClass.mc().data).containsExactly(1, -1, -3, 3);
  }

  @Test
  void centeredMeansSatisfyTheirWeightedZeroSum() {
    for (int trial = 0; trial < 10; trial++) {
      LabeledFeatures f = randomFeatures(2 + rnd.nextInt(6), 1 + rnd.nextInt(10), rnd);
      ClassMeans s = ClassMeans.of(f, GlobalMean.SAMPLE);
      ClassMeans c = ClassMeans.of(f, GlobalMean.CLASS_MEANS);
      int[] n = s.counts();
      for (int a = 0; a < f.dim(); a++) {
        double weighted = 0;
        double plain = 0;
        for (int k = 0; k < f.numClasses(); k++) {
          weighted += n[k] * s.mc().get(a, k);
          plain += c.mc().get(a, k);
        }
        assertThat(weighted).isCloseTo(0.0, within(ZERO_TOL));
        assertThat(plain).isCloseTo(0.0, within(ZERO_TOL));
      }
    }
  }

  @Test
  void accessorsReturnCopies() {
    ClassMeans m = ClassMeans.of(randomFeatures(3, 2, rnd));
    double before = m.mbar().get(0, 0);
    m.mbar().set(0, 0, 1e9);
    m.mc().set(0, 0, 1e9);
    assertThat(m.mbar().get(0, 0)).isEqualTo(before);
  }

  @Test
  void valueSemantics() {
    DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 0, 3}, {0, 6, 0}});
    LabeledFeatures f = new LabeledFeatures(h, new int[] {0, 1, 0}, 2);
    ClassMeans a = ClassMeans.of(f);
    ClassMeans b = ClassMeans.of(new LabeledFeatures(h.copy(), new int[] {0, 1, 0}, 2));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ClassMeans.of(f, GlobalMean.CLASS_MEANS));
    DMatrixRMaj other = h.copy();
    other.set(1, 1, 7);
    assertThat(a).isNotEqualTo(ClassMeans.of(new LabeledFeatures(other, new int[] {0, 1, 0}, 2)));
    assertThat(a).isNotEqualTo(ClassMeans.of(new LabeledFeatures(h, new int[] {0, 1, 1}, 2)));
    assertThat(a).isNotEqualTo("not class means");
    assertThat(a.toString()).isEqualTo("ClassMeans[d=2, K=2, globalMean=SAMPLE]");
    assertThat(a.numClasses()).isEqualTo(2);
    assertThat(a.dim()).isEqualTo(2);
  }
}
