package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BlasThreads}: one BLAS thread per call inside {@link BlasThreads#oneThreadPerCall}, every core again after
 * it (also when the work throws), and the same product either way up to the last bits (OpenBLAS splits the work
 * differently). Skipped where the shim was not built (no gcc) or the system BLAS is not OpenBLAS.
 */
class BlasThreadsTest {

  private static void assumeShim() {
    assumeTrue(BlasThreads.available(), "the JNI shim was not built (no gcc?)");
    assumeTrue(Backends.best() instanceof NativeBlas, "no native BLAS");
    assumeTrue(BlasThreads.oneThreadPerCall(BlasThreads::singleThreaded), "the system BLAS is not OpenBLAS");
  }

  @Test
  void oneThreadInsideEveryCoreAfterEvenWhenTheWorkThrows() {
    assumeShim();
    assertThat(BlasThreads.singleThreaded()).isFalse();
    assertThat(BlasThreads.oneThreadPerCall(BlasThreads::singleThreaded)).isTrue();
    assertThat(BlasThreads.singleThreaded()).isFalse();
    try {
      BlasThreads.oneThreadPerCall(() -> {
        throw new IllegalStateException("fails inside");
      });
    } catch (IllegalStateException expected) {
      // the switch is undone
    }
    assertThat(BlasThreads.singleThreaded()).isFalse();
  }

  @Test
  void oneThreadAndEveryCoreGiveTheSameProductUpToRoundoff() {
    assumeShim();
    Blas blas = Backends.best();
    SplittableRandom rnd = new SplittableRandom(20261204L);
    int m = 300;
    int n = 700;
    int k = 500;
    double[] a = new double[m * k];
    double[] b = new double[k * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextDouble(-1, 1);
    }
    double[] all = new double[m * n];
    blas.dgemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, all, 0, n);
    double[] one = BlasThreads.oneThreadPerCall(() -> {
      double[] c = new double[m * n];
      blas.dgemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
      return c;
    });
    for (int i = 0; i < all.length; i++) {
      assertThat(one[i]).isCloseTo(all[i], within(1e-13 * k));
    }
  }
}
