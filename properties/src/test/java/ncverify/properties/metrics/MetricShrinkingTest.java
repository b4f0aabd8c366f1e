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
 * A were filled from a seed.
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
}
