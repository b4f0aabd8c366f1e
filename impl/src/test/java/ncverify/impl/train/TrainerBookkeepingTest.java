package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.model.ModelFixtures;
import ncverify.impl.model.Ufm;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * The trajectory bookkeeping of {@link Trainer} (epoch counter, large-learning-rate diagnostics,
 * weight-decay sign guard, divergence), which mutation testing found unchecked.
 */
class TrainerBookkeepingTest {

  private static final double TOL = 1e-12;

  private static Ufm ufm(int n, double lambda) {
    int[] y = ModelFixtures.labels(n, 3, new SplittableRandom(2));
    return Ufm.builder(4, y, 3).blas(new NaiveBlas()).loss(Loss.mse()).lambda(lambda).initStd(0.3).seed(5)
        .build();
  }

  @Test
  void epochCountsSamplesSeenOverN() {
    // N = 10, batch 4: batches of 4, 4, 2 per epoch, so after step s the epoch is
    // floor(s/3) + 4 (s mod 3) / 10: 0.4, 0.8, 1.0, 1.4, 1.8, 2.0, 2.4.
    TrainResult r = new Trainer(TrainConfig.sgd(0.05, 0.0, 4, 7, 1, 3L)).train(ufm(10, 1e-2));
    List<TrajectoryPoint> t = r.trajectory();
    assertThat(t).hasSize(8);
    double[] expected = {0.0, 0.4, 0.8, 1.0, 1.4, 1.8, 2.0, 2.4};
    for (int s = 0; s < expected.length; s++) {
      assertThat(t.get(s).step()).isEqualTo(s);
      assertThat(t.get(s).epoch()).as("epoch at step %d", s).isCloseTo(expected[s], within(TOL));
    }
    // full batch: one epoch per step
    TrainResult g = new Trainer(TrainConfig.gd(0.05, 3, 1, 3L)).train(ufm(10, 1e-2));
    assertThat(g.trajectory().get(3).epoch()).isEqualTo(3.0);
  }

  @Test
  void weightDecaySignFlipNeedsTheLargeLearningRateMode() {
    // eta lambda = 2 * 0.5 = 1 flips the sign of (1 - eta lambda) W: rejected unless asked for.
    assertThatThrownBy(() -> new Trainer(TrainConfig.gd(2.0, 1, 1, 1L)).train(ufm(6, 0.5)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("eta lambda");
    TrainResult r = new Trainer(TrainConfig.gd(0.1, 2, 1, 1L).withLargeLr(true)).train(ufm(6, 0.5));
    TrajectoryPoint p = r.trajectory().get(2);
    assertThat(p.probes().get("stability_lr")).isEqualTo(0.1);
    assertThat(p.probes().get("stability_eta_lambda")).isCloseTo(0.05, within(TOL));
    assertThat(p.probes().get("stability_sharpness_limit")).isCloseTo(2.0 / 0.1 - 0.5, within(TOL));
    // losses of the recorded points: count the increases independently
    int increases = 0;
    for (int s = 1; s < r.trajectory().size(); s++) {
      if (r.trajectory().get(s).loss() > r.trajectory().get(s - 1).loss()) {
        increases++;
      }
    }
    assertThat(p.probes().get("stability_loss_increases")).isEqualTo((double) increases);
    // the trajectory without the mode carries no stability entries
    TrainResult plain = new Trainer(TrainConfig.gd(0.1, 2, 1, 1L)).train(ufm(6, 0.5));
    assertThat(plain.trajectory().get(2).probes()).isEmpty();
  }

  @Test
  void aHugeLearningRateDivergesWithTheStep() {
    assertThatThrownBy(() -> new Trainer(TrainConfig.gd(1e6, 50, 0, 1L).withLargeLr(true)).train(ufm(6, 1e-3)))
        .isInstanceOf(DivergenceException.class);
  }
}
