package ncverify.impl.model;

import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import org.ejml.data.DMatrixRMaj;

/** Seeded random small instances of every model, shared by the model, optimizer and trainer tests. */
public final class ModelFixtures {

  /** The four model families. */
  public enum Kind { MLP, UFM, DEEP_LINEAR_UFM, DEEP_UFM }

  private ModelFixtures() {
  }

  /** Labels 0..k-1 with every class present, then random. */
  public static int[] labels(int n, int k, SplittableRandom rng) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < k ? i : rng.nextInt(k);
    }
    return y;
  }

  public static DMatrixRMaj gaussian(int rows, int cols, SplittableRandom rng) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rng.nextGaussian();
    }
    return m;
  }

  /** Pre-activations closer than this to a ReLU kink make finite differences meaningless. */
  public static final double KINK_MARGIN = 1e-2;

  /**
   * A random small model of the given kind with random widths, depth, lambdas and normalization,
   * redrawn until no ReLU / leaky-ReLU pre-activation lies within {@link #KINK_MARGIN} of 0.
   */
  public static ChainModel random(Kind kind, Loss loss, boolean bias, SplittableRandom rng) {
    while (true) {
      ChainModel m = draw(kind, loss, bias, rng);
      if (awayFromKinks(m)) {
        return m;
      }
    }
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

  private static ChainModel draw(Kind kind, Loss loss, boolean bias, SplittableRandom rng) {
    int k = 2 + rng.nextInt(3);
    int n = k + 1 + rng.nextInt(6);
    int d = 2 + rng.nextInt(4);
    int[] y = labels(n, k, rng);
    Normalization norm = rng.nextBoolean() ? Normalization.SUM : Normalization.MEAN;
    long seed = rng.nextLong();
    NaiveBlas blas = new NaiveBlas();
    switch (kind) {
      case MLP: {
        Activation[] acts = {Activation.RELU, Activation.LEAKY_RELU, Activation.TANH};
        int l1 = 1 + rng.nextInt(2);
        int[] nl = new int[l1];
        for (int i = 0; i < l1; i++) {
          nl[i] = 2 + rng.nextInt(4);
        }
        int[] lin = new int[rng.nextInt(3)];
        for (int i = 0; i < lin.length; i++) {
          lin[i] = 2 + rng.nextInt(4);
        }
        return Mlp.builder(gaussian(d, n, rng), y, k).blas(blas).nonlinearWidths(nl)
            .linearHiddenWidths(lin).activation(acts[rng.nextInt(3)]).leakySlope(0.1).bias(bias)
            .loss(loss).normalization(norm).lambda(0.01 + rng.nextDouble()).seed(seed).build();
      }
      case UFM:
        return Ufm.builder(d, y, k).blas(blas).bias(bias).loss(loss).normalization(norm)
            .lambdaW(0.01 + rng.nextDouble()).lambdaH(0.01 + rng.nextDouble()).initStd(0.5).seed(seed).build();
      case DEEP_LINEAR_UFM: {
        int m = 1 + rng.nextInt(3);
        int[] hw = new int[m - 1];
        for (int i = 0; i < hw.length; i++) {
          hw[i] = 2 + rng.nextInt(4);
        }
        return DeepLinearUfm.builder(d, m, y, k).blas(blas).hiddenWidths(hw).bias(bias).loss(loss)
            .normalization(norm).lambdaW(0.01 + rng.nextDouble()).lambdaH(0.01 + rng.nextDouble())
            .initStd(0.7).seed(seed).build();
      }
      default: {
        int l = 1 + rng.nextInt(3);
        int[] hw = new int[l - 1];
        double[] lambdas = new double[l];
        for (int i = 0; i < hw.length; i++) {
          hw[i] = 2 + rng.nextInt(4);
        }
        for (int i = 0; i < l; i++) {
          lambdas[i] = 0.01 + rng.nextDouble();
        }
        return DeepUfm.builder(d, l, y, k).blas(blas).hiddenWidths(hw).layerLambdas(lambdas)
            .lambdaH(0.01 + rng.nextDouble()).bias(bias).loss(loss).normalization(norm).initStd(0.8)
            .seed(seed).build();
      }
    }
  }
}
