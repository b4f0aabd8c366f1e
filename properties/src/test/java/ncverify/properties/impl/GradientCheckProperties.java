package ncverify.properties.impl;

import static ncverify.properties.engine.PropertyContext.assume;
import static ncverify.properties.engine.PropertyContext.collect;
import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import ncverify.impl.model.FiniteDifferences;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Activation;
import ncverify.impl.model.ChainModel;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.DeepUfm;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.Ufm;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.impl.train.TrajectoryPoint;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
import org.ejml.data.DMatrixRMaj;

/**
 * Correctness of the training engine on the property engine: analytic backpropagation of the full
 * objective F = data term + sum_P (lambda_P/2)||P||^2 (gradient G + lambda P) agrees with fourth-order
 * central finite differences of the independently evaluated objective on generated small instances of
 * every model x loss x bias (Mlp, Ufm, DeepLinearUfm, DeepUfm; MSE, CE); and full-batch GD with a
 * small step decreases the objective of the ridge UFM with MSE monotonically.
 */
class GradientCheckProperties {

  /** Relative error ||analytic - fd|| / max(||analytic||, ||fd||) allowed. */
  static final double REL_TOL = 1e-6;
  /** Finite-difference step. */
  static final double FD_STEP = 1e-4;
  /** Pre-activations closer than this to a ReLU / leaky-ReLU kink make differences meaningless. */
  static final double KINK_MARGIN = 1e-2;
  /** Seeds tried per instance before it is discarded as too close to a kink. */
  static final int KINK_REDRAWS = 64;
  /** Instances with at least this many parameters count as large in the coverage requirement. */
  static final int LARGE_MODEL_PARAMETERS = 50;
  /** Relative slack of "non-increasing" in the GD monotonicity property (rounding only). */
  static final double MONOTONE_SLACK = 1e-13;

  /** The four model families. */
  enum Kind { MLP, UFM, DEEP_LINEAR_UFM, DEEP_UFM }

  /**
   * One generated instance: the model family, data loss and bias, K classes, N samples, input /
   * feature dimension d, hidden widths, activation (MLP), normalization, and the seed of every random
   * number (data, labels, lambdas, init).
   */
  record Instance(Kind kind, boolean crossEntropy, boolean bias, int k, int n, int d, List<Integer> hidden,
      Activation activation, boolean meanNormalization, long seed) {

    /**
     * The model with the first of the seeds {@code seed, seed + 1, ...} (at most {@link #KINK_REDRAWS})
     * whose ReLU / leaky-ReLU pre-activations all lie at least {@link #KINK_MARGIN} from the kink, or
     * null. Redrawing the seed instead of discarding the instance keeps the generated sizes: a larger
     * network has more pre-activations near 0, and discarding it made the accepted tries drift to small
     * models.
     */
    ChainModel buildAwayFromKinks() {
      for (int r = 0; r < KINK_REDRAWS; r++) {
        ChainModel m = build(seed + r);
        if (awayFromKinks(m)) {
          return m;
        }
      }
      return null;
    }

    ChainModel build(long modelSeed) {
      SplittableRandom rng = new SplittableRandom(modelSeed);
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = i < k ? i : rng.nextInt(k);
      }
      Loss loss = crossEntropy ? Loss.crossEntropy() : Loss.mse();
      Normalization norm = meanNormalization ? Normalization.MEAN : Normalization.SUM;
      int[] hw = hidden.stream().mapToInt(Integer::intValue).toArray();
      NaiveBlas blas = new NaiveBlas();
      long init = rng.nextLong();
      switch (kind) {
        case MLP: {
          DMatrixRMaj x = new DMatrixRMaj(d, n);
          for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextGaussian();
          }
          int nonlinear = Math.max(1, hw.length / 2 + hw.length % 2);
          int[] nl = java.util.Arrays.copyOfRange(hw, 0, Math.min(nonlinear, hw.length));
          int[] lin = java.util.Arrays.copyOfRange(hw, nl.length, hw.length);
          return Mlp.builder(x, y, k).blas(blas).nonlinearWidths(nl.length == 0 ? new int[] {d} : nl)
              .linearHiddenWidths(lin).activation(activation).leakySlope(0.1).bias(bias).loss(loss)
              .normalization(norm).lambda(0.01 + rng.nextDouble()).seed(init).build();
        }
        case UFM:
          return Ufm.builder(d, y, k).blas(blas).bias(bias).loss(loss).normalization(norm)
              .lambdaW(0.01 + rng.nextDouble()).lambdaH(0.01 + rng.nextDouble()).initStd(0.5).seed(init).build();
        case DEEP_LINEAR_UFM:
          return DeepLinearUfm.builder(d, hw.length + 1, y, k).blas(blas).hiddenWidths(hw).bias(bias).loss(loss)
              .normalization(norm).lambdaW(0.01 + rng.nextDouble()).lambdaH(0.01 + rng.nextDouble())
              .initStd(0.7).seed(init).build();
        default: {
          double[] lambdas = new double[hw.length + 1];
          for (int i = 0; i < lambdas.length; i++) {
            lambdas[i] = 0.01 + rng.nextDouble();
          }
          return DeepUfm.builder(d, hw.length + 1, y, k).blas(blas).hiddenWidths(hw).layerLambdas(lambdas)
              .lambdaH(0.01 + rng.nextDouble()).bias(bias).loss(loss).normalization(norm).initStd(0.8)
              .seed(init).build();
        }
      }
    }
  }

  Gen<Instance> instances() {
    Gen<Kind> kinds = Gen.elements(Kind.values());
    Gen<Activation> acts = Gen.elements(Activation.RELU, Activation.LEAKY_RELU, Activation.TANH);
    return s -> {
      Kind kind = kinds.generate(s);
      boolean ce = Gen.booleans().generate(s);
      boolean bias = Gen.booleans().generate(s);
      int k = Gen.integers(2, 4).generate(s);
      int n = k + Gen.integers(0, 6).generate(s);
      int d = Gen.integers(1, 5).generate(s);
      List<Integer> hidden = Gen.lists(Gen.integers(1, 5), 0, kind == Kind.UFM ? 0 : 3).generate(s);
      Activation act = acts.generate(s);
      boolean mean = Gen.booleans().generate(s);
      long seed = Gen.longs(0, Long.MAX_VALUE).generate(s);
      return new Instance(kind, ce, bias, k, n, d, hidden, act, mean, seed);
    };
  }

  @Property(tries = 400, threadSafe = true)
  void backpropagationMatchesCentralFiniteDifferences(@ForAll("instances") Instance inst) {
    ChainModel m = inst.buildAwayFromKinks();
    assume(m != null);
    label(inst.kind() + (inst.crossEntropy() ? "/CE" : "/MSE") + (inst.bias() ? "/bias" : ""));
    for (Kind kind : Kind.values()) {
      cover(inst.kind() == kind, 0.15, kind.name());
    }
    // model size: the checked instances must keep the generated sizes (about 23% have >= 50 parameters
    // and 17% are nonlinear with >= 3 layers), not drift to the small models that are rarely near a kink
    int params = m.parameters().stream().mapToInt(p -> p.value().length).sum();
    boolean nonlinear = inst.kind() == Kind.MLP || inst.kind() == Kind.DEEP_UFM;
    cover(params >= LARGE_MODEL_PARAMETERS, 0.15, ">= " + LARGE_MODEL_PARAMETERS + " parameters");
    cover(nonlinear && m.depth() >= 3, 0.10, "nonlinear with >= 3 layers");
    collect(params < 20 ? "parameters < 20" : params < LARGE_MODEL_PARAMETERS ? "parameters 20-49" : "parameters >= 50");
    cover(inst.crossEntropy(), 0.3, "cross-entropy");
    cover(inst.bias(), 0.3, "bias");
    m.lossAndGradient(null, 0, m.numSamples());
    for (Parameter p : m.parameters()) {
      double[] analytic = p.grad().clone();
      for (int i = 0; i < analytic.length; i++) {
        analytic[i] += p.decay() * p.value()[i];
      }
      double[] fd = FiniteDifferences.gradient(p, m::objective, FD_STEP);
      assertThat(FiniteDifferences.relativeError(analytic, fd)).as("%s of %s", p.name(), m.objectiveFormula()).isLessThan(REL_TOL);
    }
  }

  /** A ridge UFM with MSE: d, K, N, lambda_W, lambda_H and the seed. */
  record RidgeUfm(int d, int k, int n, double lambdaW, double lambdaH, boolean meanNormalization, long seed) {}

  Gen<RidgeUfm> ridgeUfms() {
    return s -> {
      int k = Gen.integers(2, 6).generate(s);
      int d = Gen.integers(1, 8).generate(s);
      int n = k + Gen.integers(0, 10).generate(s);
      double lw = Gen.logDoubles(1e-3, 1).generate(s);
      double lh = Gen.logDoubles(1e-3, 1).generate(s);
      boolean mean = Gen.booleans().generate(s);
      long seed = Gen.longs(0, Long.MAX_VALUE).generate(s);
      return new RidgeUfm(d, k, n, lw, lh, mean, seed);
    };
  }

  /**
   * GD with a step well below 1 / (smoothness) decreases F at every step. The step is set from a
   * bound of the local smoothness at init: eta = 0.05 / (c (||W||^2 + ||H||^2) + lambda + 1) with
   * c = 1 (SUM) or 1/N (MEAN), and the iterates stay in the sublevel set.
   */
  @Property(tries = 60, threadSafe = true)
  void gradientDescentWithSmallStepDecreasesTheRidgeUfmMonotonically(@ForAll("ridgeUfms") RidgeUfm r) {
    SplittableRandom rng = new SplittableRandom(r.seed());
    int[] y = new int[r.n()];
    for (int i = 0; i < r.n(); i++) {
      y[i] = i < r.k() ? i : rng.nextInt(r.k());
    }
    Ufm m = Ufm.builder(r.d(), y, r.k()).blas(new NaiveBlas()).loss(Loss.mse())
        .normalization(r.meanNormalization() ? Normalization.MEAN : Normalization.SUM).lambdaW(r.lambdaW())
        .lambdaH(r.lambdaH()).initStd(0.5).seed(rng.nextLong()).build();
    double c = r.meanNormalization() ? 1.0 / r.n() : 1.0;
    double sq = 0;
    for (Parameter p : m.parameters()) {
      sq += p.normSquared();
    }
    double eta = 0.05 / (c * (sq + r.n()) + Math.max(r.lambdaW(), r.lambdaH()) + 1);
    TrainResult res = new Trainer(TrainConfig.gd(eta, 200, 1, 0L)).train(m);
    List<TrajectoryPoint> t = res.trajectory();
    assertThat(t).hasSize(201);
    for (int i = 1; i < t.size(); i++) {
      double prev = t.get(i - 1).loss();
      assertThat(t.get(i).loss()).as("step %d (eta %s)", i, eta).isLessThanOrEqualTo(prev + MONOTONE_SLACK * prev);
    }
    assertThat(t.get(t.size() - 1).loss()).isLessThan(t.get(0).loss());
  }

  static boolean awayFromKinks(ChainModel m) {
    for (int l = 1; l <= m.depth(); l++) {
      Activation a = m.activation(l);
      if (a == Activation.RELU || a == Activation.LEAKY_RELU) {
        for (double v : m.preActivation(l).data) {
          if (Math.abs(v) < KINK_MARGIN) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
