package ncverify.impl.train;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ncverify.theory.linalg.blas.NativeBlas;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.GaussianMixture;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Parameter;
import org.junit.jupiter.api.Test;

/**
 * Measurement for docs/quality/determinism.md, off by default: trains an MLP (N = 600, d = 257,
 * width 513, 20 SGD steps of eta = 1e-6) with the native backend and prints the final loss and a hash of every
 * parameter bit. Run under {@code OPENBLAS_NUM_THREADS=1} and {@code =2} and compare:
 * <pre>
 * OPENBLAS_NUM_THREADS=1 mvn -o -q -pl impl -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=TrainingThreadCountProbe -Dncverify.gemmProbe=true
 * </pre>
 */
class TrainingThreadCountProbe {

  @Test
  void printFinalLossAndParameterHash() {
    assumeTrue(Boolean.getBoolean("ncverify.gemmProbe"), "measurement only: -Dncverify.gemmProbe=true");
    NativeBlas blas = NativeBlas.load().orElseThrow();
    Dataset data = new GaussianMixture(257, 3.0, 1.0, ClassSizes.balanced(6, 100), 5).generate();
    Mlp m = Mlp.builder(data.x(), data.labels(), 6).blas(blas).nonlinearWidths(513).lambda(1e-3).seed(3).build();
    TrainResult r = new Trainer(TrainConfig.sgd(1e-6, 0.0, 64, 20, 5, 9)).train(m);
    long h = 0;
    for (Parameter p : r.model().parameters()) {
      for (double x : p.value()) {
        h = h * 31 + Double.doubleToRawLongBits(x);
      }
    }
    System.out.println("TRAIN-PROBE OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS") + " final_loss="
        + r.finalLoss() + " params=" + Long.toHexString(h));
  }
}
