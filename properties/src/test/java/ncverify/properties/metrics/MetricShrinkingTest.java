package ncverify.properties.metrics;

import static ncverify.properties.engine.PropertyContext.assume;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.Matrices;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyResult;
import ncverify.properties.engine.PropertyRunner;
import ncverify.theory.InvalidInputException;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.Nc1;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Matrices on the choice sequence shrink to small sparse counterexamples. The deliberately wrong
 * statement "NC1 is invariant under every linear map of feature space, H -&gt; A H" (true for invertible
 * A when Sigma_B has full rank, docs/theory.md section 1; false for a rank-deficient A, which mixes or
 * drops directions) is refuted, and its counterexample shrinks to one row with one non-zero entry: the
 * projection on a single coordinate, where a d x d random A would be all the shrinker could report if
 * A were filled from a seed. The same holds for the invariance property of
 * {@link MetricInvarianceProperties} on its own generator: with a planted non-invariant metric its
 * counterexample shrinks to the smallest K and d, two samples per class, zero class means and one
 * reflection.
 */
class MetricShrinkingTest {

  private static final int K = 4;
  private static final int D = 5;
  private static final int PER_CLASS = 4;
  /** Relative agreement of two NC1 values that should be equal. */
  private static final double TOL = 1e-8;

  /** Fixed features: K class means in R^D (full-rank Sigma_B needs D >= K - 1) plus noise. */
  private static LabeledFeatures features() {
    SplittableRandom r = new SplittableRandom(7);
    int n = K * PER_CLASS;
    DMatrixRMaj h = new DMatrixRMaj(D, n);
    int[] y = new int[n];
    double[][] means = new double[K][D];
    for (double[] mu : means) {
      for (int a = 0; a < D; a++) {
        mu[a] = 3 * r.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) {
      y[i] = i % K;
      for (int a = 0; a < D; a++) {
        h.set(a, i, means[y[i]][a] + r.nextGaussian());
      }
    }
    return LabeledFeatures.of(h, y);
  }

  @Test
  void wrongInvarianceShrinksToASingleNonZeroEntry() {
    LabeledFeatures f = features();
    double nc1 = Nc1.of(f);
    DMatrixRMaj[] shrunk = new DMatrixRMaj[1];
    PropertyResult r = PropertyRunner.check("nc1 under any linear map",
        PropertyConfig.defaults().withSeed(1).withReplay(null).withDatabase(null).withTries(200).withLog(l -> { }),
        Matrices.entrywise(1, D + 1, D, D, Gen.doubles(-3, 3)), a -> {
          DMatrixRMaj ah = new DMatrixRMaj(a.numRows, f.numSamples());
          CommonOps_DDRM.mult(a, f.features(), ah);
          double mapped;
          try {
            mapped = Nc1.of(LabeledFeatures.of(ah, f.labels()));
          } catch (InvalidInputException allMeansCoincide) {
            assume(false); // NC1 undefined, e.g. A = 0
            return;
          }
          shrunk[0] = a;
          assertThat(mapped).isCloseTo(nc1, org.assertj.core.data.Offset.offset(TOL * Math.max(1, nc1)));
        });
    assertThat(r.passed()).isFalse();
    DMatrixRMaj a = shrunk[0];
    assertThat(a.numRows).isEqualTo(1);
    assertThat(a.numCols).isEqualTo(D);
    assertThat(Matrices.zeros(a)).isEqualTo(D - 1);
    assertThat(CommonOps_DDRM.elementMaxAbs(a)).isEqualTo(1.0);
  }

  /**
   * The rotation-invariance property of {@link MetricInvarianceProperties}, on its own generator, with a
   * planted bug: every metric is measured after the first feature coordinate is doubled (as a wrong
   * stride or a stray per-coordinate weight would do), which breaks rotation invariance but not scaling.
   * The property catches it, and since all its matrices are on the choice sequence, the counterexample
   * shrinks to the smallest K and d with noise, labels and most entries gone.
   */
  @Test
  void invarianceCounterexampleShrinksToSmallSparseData() {
    MetricInvarianceProperties props = new MetricInvarianceProperties();
    PropertyConfig config =
        PropertyConfig.defaults().withSeed(3).withReplay(null).withDatabase(null).withTries(150).withLog(l -> { });
    PropertyResult r = PropertyRunner.check("invariance with a coordinate weighted twice", config,
        props.transformed(), t -> MetricInvarianceProperties.checkInvariance(t, (f, w, gm) -> {
            DMatrixRMaj h = f.features().copy();
            for (int i = 0; i < h.numCols; i++) {
              h.set(0, i, 2 * h.get(0, i));
            }
            return MetricInvarianceProperties.measure(new LabeledFeatures(h, f.labels(), f.numClasses()), w, gm);
          }));
    assertThat(r.passed()).isFalse();
    MetricInvarianceProperties.Transformed[] shrunk = new MetricInvarianceProperties.Transformed[1];
    PropertyRunner.check("replay", config.withReplay(r.shrunkChoices()), props.transformed(), t -> shrunk[0] = t);
    MetricInvarianceProperties.Data d = shrunk[0].data();
    int entries = d.means().getNumElements() + d.directions().getNumElements() + d.classifier().getNumElements();
    assertThat(d.d()).as("smallest d for K = %d", d.k()).isEqualTo(Math.max(2, d.k() - 1));
    assertThat(d.sizes()).allMatch(n -> n == 2);
    assertThat(d.labels()).isSorted();
    assertThat(d.noise()).isEqualTo(1e-3);
    assertThat(Matrices.zeros(d.means())).isEqualTo(d.means().getNumElements());
    assertThat(d.nonZeros()).as("non-zero entries of %d", entries).isLessThanOrEqualTo(entries / 3);
    assertThat(shrunk[0].reflections()).isEqualTo(1);
  }
}
