package ncverify.impl.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import ncverify.theory.linalg.blas.BlockedJavaBlas;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.GaussianMixture;
import ncverify.impl.loss.Loss;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.model.DeepUfm;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Model;
import ncverify.impl.model.Parameter;
import ncverify.impl.model.Ufm;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;

/**
 * Determinism of training (docs/quality/determinism.md): the same data seed, model seed and
 * {@link TrainConfig} give bit-identical parameters, losses and trajectories, run after run, for
 * every model family (MLP, UFM, deep linear UFM, deep UFM), both losses, full-batch GD and seeded
 * mini-batch SGD with momentum; and {@link BlockedJavaBlas} gives bit-identical training with 1 or 4
 * threads. A run that diverges must diverge identically (same step, same message).
 */
class TrainerDeterminismProperties {

  static final Blas JAVA_1 = new BlockedJavaBlas(1);
  static final Blas JAVA_4 = new BlockedJavaBlas(4);
  static final Optional<Blas> NATIVE = Backends.nativeIfWorking();

  enum Kind { MLP, UFM, DEEP_LINEAR_UFM, DEEP_UFM }

  /** One small training run, fully described by its seeds and settings. */
  record Run(Kind kind, boolean crossEntropy, int k, int perClass, int dim, int width, int layers, double lambda,
      double lr, double momentum, int batch, int steps, long dataSeed, long modelSeed, long trainSeed) {
  }

  Gen<Run> runs() {
    return s -> {
      Kind kind = Gen.elements(Kind.values()).generate(s);
      boolean ce = Gen.booleans().generate(s);
      int k = Gen.integers(2, 5).generate(s);
      // one size in four is big enough (>= 64^3 multiply-adds) for BlockedJavaBlas to use its threads
      boolean big = Gen.integers(0, 3).generate(s) == 3;
      int perClass = big ? 40 : Gen.integers(1, 8).generate(s);
      int dim = big ? 70 : Gen.integers(2, 10).generate(s);
      int width = big ? 80 : Gen.integers(2, 12).generate(s);
      int layers = Gen.integers(1, 3).generate(s);
      double lambda = Gen.logDoubles(1e-4, 1e-2).generate(s);
      double lr = Gen.logDoubles(1e-4, 1e-2).generate(s);
      double momentum = Gen.elements(0.0, 0.9, 0.5).generate(s);
      int batch = Gen.elements(0, 4, 7).generate(s);
      int steps = Gen.integers(1, 25).generate(s);
      return new Run(kind, ce, k, perClass, dim, width, layers, lambda, lr, momentum, batch, steps,
          Gen.longs(0, 1000).generate(s), Gen.longs(0, 1000).generate(s), Gen.longs(0, 1000).generate(s));
    };
  }

  static Model build(Run r, Blas blas) {
    Dataset data = new GaussianMixture(r.dim, 3.0, 1.0, ClassSizes.balanced(r.k, r.perClass), r.dataSeed).generate();
    int[] y = data.labels();
    Loss loss = r.crossEntropy ? Loss.crossEntropy() : Loss.mse();
    int[] hidden = new int[r.layers - 1];
    java.util.Arrays.fill(hidden, r.width);
    return switch (r.kind) {
      case MLP -> Mlp.builder(data.x(), y, r.k).blas(blas).nonlinearWidths(hidden).loss(loss).lambda(r.lambda)
          .seed(r.modelSeed).build();
      case UFM -> Ufm.builder(r.width, y, r.k).blas(blas).loss(loss).lambda(r.lambda).seed(r.modelSeed).build();
      case DEEP_LINEAR_UFM -> DeepLinearUfm.builder(r.width, r.layers, y, r.k).blas(blas).hiddenWidths(hidden)
          .loss(loss).lambdaW(r.lambda).lambdaH(r.lambda).seed(r.modelSeed).build();
      case DEEP_UFM -> DeepUfm.builder(r.width, r.layers, y, r.k).blas(blas).hiddenWidths(hidden).loss(loss)
          .lambda(r.lambda).seed(r.modelSeed).build();
    };
  }

  /** Everything a run produces, as exact bits: final loss, trajectory, every parameter; or the divergence. */
  record Outcome(String divergence, double finalLoss, List<TrajectoryPoint> trajectory, List<double[]> parameters) {
    void assertBitIdentical(Outcome o, String what) {
      assertThat(o.divergence).as(what).isEqualTo(divergence);
      assertThat(Double.doubleToRawLongBits(o.finalLoss)).as(what + ": final loss").isEqualTo(Double.doubleToRawLongBits(finalLoss));
      assertThat(o.trajectory).as(what + ": trajectory").isEqualTo(trajectory);
      assertThat(o.parameters).as(what + ": parameter count").hasSameSizeAs(parameters);
      for (int i = 0; i < parameters.size(); i++) {
        double[] a = parameters.get(i);
        double[] b = o.parameters.get(i);
        assertThat(b).as(what + ": parameter %d size", i).hasSameSizeAs(a);
        for (int j = 0; j < a.length; j++) {
          if (Double.doubleToRawLongBits(a[j]) != Double.doubleToRawLongBits(b[j])) {
            throw new AssertionError(String.format("%s: parameter %d entry %d differs: %s vs %s", what, i, j, a[j], b[j]));
          }
        }
      }
    }
  }

  static Outcome train(Run r, Blas blas) {
    TrainConfig c = TrainConfig.sgd(r.lr, r.momentum, r.batch, r.steps, 5, r.trainSeed);
    Model m = build(r, blas);
    try {
      TrainResult res = new Trainer(c).train(m);
      List<double[]> ps = new ArrayList<>();
      for (Parameter p : res.model().parameters()) {
        ps.add(p.value().clone());
      }
      return new Outcome(null, res.finalLoss(), res.trajectory(), ps);
    } catch (DivergenceException e) {
      PropertyContext.label("diverged");
      return new Outcome(e.getMessage(), Double.NaN, List.of(), List.of());
    }
  }

  @Property(tries = 60)
  void sameSeedsGiveBitIdenticalTraining(@ForAll("runs") Run r) {
    PropertyContext.label(r.kind + (r.crossEntropy ? " ce" : " mse"));
    PropertyContext.label(NATIVE.map(b -> "native blas: " + b.name()).orElse("no native blas"));
    train(r, JAVA_1).assertBitIdentical(train(r, JAVA_1), "java blas, 1 thread, run twice");
    Outcome four = train(r, JAVA_4);
    four.assertBitIdentical(train(r, JAVA_4), "java blas, 4 threads, run twice");
    NATIVE.ifPresent(b -> train(r, b).assertBitIdentical(train(r, b), "native blas, run twice"));
  }

  @Property(tries = 40)
  void blockedJavaBlasIsBitIdenticalForAnyThreadCount(@ForAll("runs") Run r) {
    PropertyContext.label(r.width >= 64 ? "parallel-size products" : "small products");
    train(r, JAVA_1).assertBitIdentical(train(r, JAVA_4), "java blas, 1 vs 4 threads");
  }
}
