package ncverify.impl.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import ncverify.impl.model.Evaluation;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.impl.optim.Sgd;
import ncverify.theory.InvalidInputException;

/**
 * Trains a {@link Model} on its objective: full-batch GD (batch size 0 or >= N) or mini-batch SGD
 * whose epochs are seeded Fisher-Yates shuffles (last batch of an epoch may be smaller), with
 * momentum and weight decay through {@link Sgd} (W <- (1 - eta lambda) W - eta G when momentum is 0,
 * docs/theory.md section 5), and the configured learning-rate schedule.
 *
 * <p>After every step the batch loss must be finite and every parameter norm finite and below
 * {@link TrainConfig#maxParamNorm()}, else a {@link DivergenceException} names the step. Same model
 * seed and config seed give bit-identical results (for a deterministic {@code Blas}).
 *
 * <p>Large-learning-rate mode adds to every trajectory point: {@code stability_lr} (eta),
 * {@code stability_eta_lambda} (eta max_P lambda_P; the decay factor 1 - eta lambda flips sign above 1
 * and expands above 2), {@code stability_sharpness_limit} (2/eta - max lambda: full-batch GD is
 * linearly stable only if the top eigenvalue of the data-term Hessian, ||Theta||_op for MSE,
 * stays below it, [JSWM] Prop 5.3 mechanism) and {@code stability_loss_increases} (recorded
 * points so far whose objective exceeded the previous one); add a {@link SharpnessProbe} to compare
 * the measured sharpness with that limit. Outside that mode eta lambda >= 1 is refused as a
 * configuration error.
 */
public final class Trainer {

  private final TrainConfig config;
  private final List<TrajectoryProbe> probes;

  public Trainer(TrainConfig config, TrajectoryProbe... probes) {
    this(config, List.of(probes));
  }

  public Trainer(TrainConfig config, List<TrajectoryProbe> probes) {
    this.config = config;
    this.probes = List.copyOf(probes);
  }

  public TrainResult train(Model model) {
    int n = model.numSamples();
    List<Parameter> params = model.parameters();
    double maxDecay = 0;
    for (Parameter p : params) {
      maxDecay = Math.max(maxDecay, p.decay());
    }
    if (!config.largeLr() && config.lr() * maxDecay >= 1) {
      throw InvalidInputException.of("eta lambda = %s >= 1 flips the sign of weight decay; "
          + "enable the large-learning-rate mode to run it", config.lr() * maxDecay);
    }
    boolean full = config.batchSize() == 0 || config.batchSize() >= n;
    int batch = full ? n : config.batchSize();
    Sgd opt = new Sgd(config.momentum());
    SplittableRandom rng = new SplittableRandom(config.seed());
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    int pos = n;
    List<TrajectoryPoint> traj = new ArrayList<>();
    double[] lastLoss = {Double.NaN};
    int[] increases = {0};
    double lr = config.lr();
    Evaluation ev = record(model, 0, 0, lr, maxDecay, traj, lastLoss, increases);
    int steps = config.steps();
    for (int t = 0; t < steps; t++) {
      int step = t + 1;
      double loss;
      if (full) {
        loss = model.lossAndGradient(null, 0, n);
      } else {
        if (pos >= n) {
          shuffle(perm, rng);
          pos = 0;
        }
        int b = Math.min(batch, n - pos);
        loss = model.lossAndGradient(perm, pos, b);
        pos += b;
      }
      if (!Double.isFinite(loss)) {
        throw new DivergenceException(step, "loss is " + loss);
      }
      lr = config.schedule().lr(config.lr(), t, steps);
      opt.step(params, lr);
      for (Parameter p : params) {
        double norm = Math.sqrt(p.normSquared());
        if (!Double.isFinite(norm) || norm > config.maxParamNorm()) {
          throw new DivergenceException(step, String.format(Locale.ROOT, "||%s|| = %.3g exceeds the limit %.3g",
              p.name(), norm, config.maxParamNorm()));
        }
      }
      boolean last = step == steps;
      if (last || (config.recordEvery() > 0 && step % config.recordEvery() == 0)) {
        ev = record(model, step, epochs(step, full, batch, n), lr, maxDecay, traj, lastLoss, increases);
      }
    }
    return new TrainResult(ev.objective(), ev.dataLoss(), ev.trainError(), Collections.unmodifiableList(traj),
        steps, model, config);
  }

  private static double epochs(int step, boolean full, int batch, int n) {
    if (full) {
      return step;
    }
    int perEpoch = (n + batch - 1) / batch;
    return step / perEpoch + (double) ((step % perEpoch) * batch) / n;
  }

  private Evaluation record(Model model, int step, double epoch, double lr, double maxDecay,
                      List<TrajectoryPoint> traj, double[] lastLoss, int[] increases) {
    Evaluation ev = model.evaluate();
    if (!Double.isFinite(ev.objective())) {
      throw new DivergenceException(Math.max(step, 1), "full objective is " + ev.objective());
    }
    if (ev.objective() > lastLoss[0]) {
      increases[0]++;
    }
    lastLoss[0] = ev.objective();
    Map<String, Double> values = new LinkedHashMap<>();
    for (TrajectoryProbe probe : probes) {
      values.putAll(probe.measure(model));
    }
    if (config.largeLr()) {
      values.put("stability_lr", lr);
      values.put("stability_eta_lambda", lr * maxDecay);
      values.put("stability_sharpness_limit", 2.0 / lr - maxDecay);
      values.put("stability_loss_increases", (double) increases[0]);
    }
    traj.add(new TrajectoryPoint(step, epoch, lr, ev.objective(), ev.trainError(),
        Collections.unmodifiableMap(values)));
    return ev;
  }

  /** Fisher-Yates shuffle of {@code perm} in place, drawing from {@code rng}. */
  static void shuffle(int[] perm, SplittableRandom rng) {
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
  }
}
