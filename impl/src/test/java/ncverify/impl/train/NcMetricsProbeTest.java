package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.DeepUfm;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.Ufm;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class NcMetricsProbeTest {

  private static final double TOL = 1e-9;
  private static final int K = 3;
  private static final int PER_CLASS = 4;

  private static int[] labels() {
    int[] y = new int[K * PER_CLASS];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % K;
    }
    return y;
  }

  private static Parameter param(Model m, String name) {
    return m.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** Sets a d x d (or K x d) parameter to c times the identity pattern (1 where row == col). */
  private static void setScaledIdentity(Parameter p, double c) {
    double[] v = p.value();
    Arrays.fill(v, 0.0);
    for (int r = 0; r < Math.min(p.rows(), p.cols()); r++) {
      v[r * p.cols() + r] = c;
    }
  }

  /** H = Y (one-hot columns): collapsed, orthogonal equal-norm means; W = centered means Mc^T. */
  @Test
  void collapsedUfmHasZeroNc1Nc2OrthoAndNc3AndUnitKappa() {
    int[] y = labels();
    Ufm ufm = Ufm.builder(K, y, K).blas(new NaiveBlas()).loss(Loss.mse()).seed(1).build();
    double[] h = param(ufm, "H").value();
    Arrays.fill(h, 0.0);
    for (int i = 0; i < y.length; i++) {
      h[y[i] * y.length + i] = 1.0;
    }
    double[] w = param(ufm, "W1").value();
    for (int r = 0; r < K; r++) {
      for (int c = 0; c < K; c++) {
        w[r * K + c] = (r == c ? 1.0 : 0.0) - 1.0 / K;
      }
    }
    Map<String, Double> m = new NcMetricsProbe().measure(ufm);
    assertThat(m.get("nc1")).isCloseTo(0.0, within(TOL));
    assertThat(m.get("nc2_ortho_means")).isCloseTo(0.0, within(TOL));
    assertThat(m.get("nc3")).isCloseTo(0.0, within(TOL));
    // centered one-hot means form a simplex ETF
    assertThat(m.get("nc2_etf_means")).isCloseTo(0.0, within(TOL));
    // Y Y^T = PER_CLASS I: every singular value is sqrt(PER_CLASS)
    assertThat(m.get("kappa_features_in")).isCloseTo(1.0, within(TOL));
    assertThat(m).doesNotContainKeys("balancedness_rel", "balancedness_op");
  }

  @Test
  void allZeroFeaturesSkipTheUndefinedMetricsWithoutNaN() {
    Ufm ufm = Ufm.builder(4, labels(), K).blas(new NaiveBlas()).seed(2).build();
    Arrays.fill(param(ufm, "H").value(), 0.0);
    Map<String, Double> m = new NcMetricsProbe().measure(ufm);
    assertThat(m).doesNotContainKeys("nc1", "nc2_etf_means", "nc2_ortho_means", "nc3", "kappa_features_in");
    assertThat(m.values()).allMatch(Double::isFinite);
  }

  /**
   * W1 = I, W2 = c I, W3 = I (d = K): pair 1 gives W2^T W2 - W1 W1^T = (c^2 - 1) I, rel c^2 - 1;
   * pair 2 gives I - c^2 I, rel (c^2 - 1)/c^2; both op norms c^2 - 1.
   */
  @Test
  void balancednessIsTheWorstHeadPair() {
    double c = 2.0;
    DeepLinearUfm m = DeepLinearUfm.builder(K, 3, labels(), K).blas(new NaiveBlas()).seed(3).build();
    setScaledIdentity(param(m, "W1"), 1.0);
    setScaledIdentity(param(m, "W2"), c);
    setScaledIdentity(param(m, "W3"), 1.0);
    Map<String, Double> r = new NcMetricsProbe().measure(m);
    assertThat(r.get("balancedness_rel")).isCloseTo(c * c - 1, within(TOL));
    assertThat(r.get("balancedness_op")).isCloseTo(c * c - 1, within(TOL));
    assertThat(NcMetricsProbe.firstHeadLayer(m)).isEqualTo(1);
  }

  @Test
  void headStartsAfterTheLastNonlinearLayer() {
    int[] y = labels();
    DMatrixRMaj x = new DMatrixRMaj(5, y.length);
    for (int i = 0; i < x.data.length; i++) {
      x.data[i] = Math.sin(1.0 + i);
    }
    Mlp mlp = Mlp.builder(x, y, K).blas(new NaiveBlas()).nonlinearWidths(6, 6).linearHiddenWidths(4)
        .seed(4).build();
    assertThat(NcMetricsProbe.firstHeadLayer(mlp)).isEqualTo(3);
    Map<String, Double> r = new NcMetricsProbe().measure(mlp);
    assertThat(r).containsKeys("nc1", "nc3", "balancedness_rel", "balancedness_op");
    // kappa is measured on Z_2 (entering the head), not on the penultimate Z_3
    double direct = ncverify.theory.metrics.Conditioning.condPlus(mlp.featuresEntering(3));
    assertThat(r.get("kappa_features_in")).isCloseTo(direct, within(TOL * direct));
    DeepUfm dufm = DeepUfm.builder(4, 3, y, K).blas(new NaiveBlas()).seed(5).build();
    assertThat(NcMetricsProbe.firstHeadLayer(dufm)).isEqualTo(3);
    assertThat(new NcMetricsProbe().measure(dufm)).doesNotContainKey("balancedness_rel");
  }

  /** The Gram route gives the same kappa as the direct SVD (well-conditioned matrix). */
  @Test
  void gramKappaAgreesWithDirectSvd() {
    int n = NcMetricsProbe.DIRECT_SVD_MAX_SAMPLES + 10;
    DMatrixRMaj z = new DMatrixRMaj(3, n);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(6);
    for (int i = 0; i < z.data.length; i++) {
      z.data[i] = rnd.nextGaussian() * (1 + i / n);
    }
    double direct = ncverify.theory.metrics.Conditioning.condPlus(z);
    assertThat(NcMetricsProbe.kappa(z)).isCloseTo(direct, within(1e-8 * direct));
  }

  @Test
  void trainingWithTheProbeRecordsTheKeysAtEveryPoint() {
    DeepUfm dufm = DeepUfm.builder(6, 2, labels(), K).blas(new NaiveBlas()).lambda(1e-3).seed(7).build();
    TrainResult r = new Trainer(TrainConfig.gd(0.5, 20, 10, 1), new NcMetricsProbe()).train(dufm);
    assertThat(r.trajectory()).hasSize(3);
    for (TrajectoryPoint p : r.trajectory()) {
      assertThat(p.probes()).containsKeys("nc1", "nc2_etf_means", "nc2_ortho_means", "nc3", "kappa_features_in");
      assertThat(p.probes().values()).allMatch(Double::isFinite);
    }
  }
}
