package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.ModelFixtures;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.Ufm;
import ncverify.impl.optim.LrSchedule;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static final long SEED = 20261125L;

  private static Ufm ridgeUfm(long seed) {
    int[] y = ModelFixtures.labels(24, 4, new SplittableRandom(seed));
    return Ufm.builder(8, y, 4).blas(new NaiveBlas()).loss(Loss.mse()).lambda(1e-2).initStd(0.3)
        .seed(seed).build();
  }

  @Test
  void gradientDescentWithSmallStepDecreasesRidgeUfmLossMonotonically() {
    Ufm ufm = ridgeUfm(1);
    TrainResult r = new Trainer(TrainConfig.gd(0.5, 400, 1, SEED)).train(ufm);
    List<TrajectoryPoint> traj = r.trajectory();
    assertThat(traj).hasSize(401);
    for (int i = 1; i < traj.size(); i++) {
      assertThat(traj.get(i).loss()).as("step %d", i).isLessThanOrEqualTo(traj.get(i - 1).loss());
    }
    assertThat(r.finalLoss()).isLessThan(0.5 * traj.get(0).loss());
    assertThat(r.finalLoss()).isEqualTo(ufm.objective());
  }

  @Test
  void twoClassToyMlpReachesZeroTrainError() {
    // XOR: class = [x1 x2 < 0], four noisy clusters, not linearly separable.
    SplittableRandom rng = new SplittableRandom(3);
    int n = 40;
    DMatrixRMaj x = new DMatrixRMaj(2, n);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      double sx = (i % 2 == 0) ? 1 : -1;
      double sy = ((i / 2) % 2 == 0) ? 1 : -1;
      x.set(0, i, sx + 0.2 * rng.nextGaussian());
      x.set(1, i, sy + 0.2 * rng.nextGaussian());
      y[i] = sx * sy < 0 ? 1 : 0;
    }
    Mlp mlp = Mlp.builder(x, y, 2).blas(new NaiveBlas()).nonlinearWidths(16).linearHiddenWidths(8)
        .bias(true).normalization(Normalization.MEAN).lambda(1e-4).seed(4).build();
    TrainResult r = new Trainer(TrainConfig.sgd(0.05, 0.9, 8, 1500, 100, SEED)).train(mlp);
    assertThat(r.trajectory().get(0).trainError()).isGreaterThan(0.0);
    assertThat(r.trainError()).isZero();
  }

  @Test
  void hugeLearningRateRaisesDivergenceNamingTheStep() {
    Ufm ufm = ridgeUfm(2);
    TrainConfig cfg = TrainConfig.gd(1e4, 100, 0, SEED).withLargeLr(true);
    assertThatThrownBy(() -> new Trainer(cfg).train(ufm))
        .isInstanceOfSatisfying(DivergenceException.class, e -> {
          assertThat(e.step()).isBetween(1, 100);
          assertThat(e.getMessage()).startsWith("diverged at step " + e.step() + ": ")
              .doesNotContain("\n");
        });
  }

  @Test
  void parameterNormLimitIsEnforced() {
    Ufm ufm = ridgeUfm(2);
    TrainConfig cfg = TrainConfig.gd(0.5, 10, 0, SEED).withMaxParamNorm(1e-3);
    assertThatThrownBy(() -> new Trainer(cfg).train(ufm))
        .isInstanceOf(DivergenceException.class)
        .hasMessageStartingWith("diverged at step 1: ||H|| = ")
        .hasMessageEndingWith("exceeds the limit 0.00100");
  }

  @Test
  void etaLambdaAboveOneNeedsLargeLearningRateMode() {
    int[] y = {0, 1, 0, 1};
    Ufm ufm = Ufm.builder(2, y, 2).blas(new NaiveBlas()).lambda(2.0).build();
    assertThatThrownBy(() -> new Trainer(TrainConfig.gd(0.6, 1, 0, SEED)).train(ufm))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("large-learning-rate mode");
    TrainResult r = new Trainer(TrainConfig.gd(0.6, 3, 1, SEED).withLargeLr(true)).train(ufm);
    Map<String, Double> p = r.trajectory().get(3).probes();
    assertThat(p).containsEntry("stability_lr", 0.6).containsEntry("stability_eta_lambda", 1.2);
    assertThat(p.get("stability_sharpness_limit")).isEqualTo(2 / 0.6 - 2.0);
    assertThat(p).containsKey("stability_loss_increases");
  }

  @Test
  void sameSeedsGiveBitIdenticalResultsAndProbesAreRecorded() {
    TrainConfig cfg = TrainConfig.sgd(0.05, 0.9, 5, 60, 10, SEED).withSchedule(new LrSchedule.Cosine(0.0));
    TrajectoryProbe probe = m -> Map.of("w1_norm", Math.sqrt(m.parameters().get(1).normSquared()));
    TrainResult a = new Trainer(cfg, probe).train(ridgeUfm(5));
    TrainResult b = new Trainer(cfg, probe).train(ridgeUfm(5));
    assertThat(a.trajectory()).isEqualTo(b.trajectory());
    assertThat(a.trajectory()).extracting(TrajectoryPoint::step).containsExactly(0, 10, 20, 30, 40, 50, 60);
    assertThat(a.trajectory().get(3).probes()).containsOnlyKeys("w1_norm");
    for (int q = 0; q < a.model().parameters().size(); q++) {
      Parameter pa = a.model().parameters().get(q);
      Parameter pb = b.model().parameters().get(q);
      assertThat(pa.value()).isEqualTo(pb.value());
    }
    TrainConfig other = new TrainConfig(SEED + 1, 60, 5, 0.05, 0.9, new LrSchedule.Cosine(0.0), 10, false,
        TrainConfig.DEFAULT_MAX_PARAM_NORM);
    TrainResult c = new Trainer(other, probe).train(ridgeUfm(5));
    assertThat(c.finalLoss()).isNotEqualTo(a.finalLoss());
  }

  /**
   * 40 samples are one batch, so the epoch's only batch loss is the MSE (1/(2N))||Z - Y||^2 of the
   * untrained network on all samples (the shuffle does not change it), computed here from the logits.
   */
  @Test
  void referenceMlpRunsOneEpochOnASmallSet() {
    int n = 40;
    EpochClock.EpochTiming t = ReferenceMlp.timeOneEpoch(new NaiveBlas(), n, 1L);
    assertThat(t.steps()).isEqualTo(1);
    int[] y = new int[n];
    DMatrixRMaj z = ReferenceMlp.build(new NaiveBlas(), ReferenceMlp.randomData(n, y, 1L), y, 1L).logits();
    double sq = 0;
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < ReferenceMlp.CLASSES; r++) {
        double d = z.get(r, i) - (y[i] == r ? 1 : 0);
        sq += d * d;
      }
    }
    assertThat(t.lastBatchLoss()).isCloseTo(sq / (2.0 * n), org.assertj.core.data.Offset.offset(1e-12 * (1 + sq)));
  }
}
