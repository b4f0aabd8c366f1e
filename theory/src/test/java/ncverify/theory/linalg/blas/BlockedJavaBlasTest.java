package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/** The blocked Java backend: contract, panel-remainder sizes, and independence of thread count. */
class BlockedJavaBlasTest extends BlasContractTest {

  @Override
  Blas backend() {
    return new BlockedJavaBlas(3);
  }

  @Test
  void sizesCrossingEveryBlockBoundary() {
    SplittableRandom rnd = new SplittableRandom(SEED + 10);
    int m = BlockedJavaBlas.MC * 2 + 5;
    int n = BlockedJavaBlas.NC + 13;
    int k = BlockedJavaBlas.KC * 2 + 3;
    for (int t = 0; t < 4; t++) {
      check(Case.random(rnd, (t & 1) != 0, (t & 2) != 0, m, n, k, 1, 2, 3, 1), 0.5, 2.0);
    }
  }

  @Test
  void resultIsBitwiseIndependentOfThreadCount() {
    SplittableRandom rnd = new SplittableRandom(SEED + 11);
    Case c = Case.random(rnd, true, true, 201, 300, 270, 0, 0, 0, 0);
    double[] reference = run(new BlockedJavaBlas(1), c);
    for (int threads : new int[] {2, 3, 8}) {
      assertThat(run(new BlockedJavaBlas(threads), c)).as("threads=%d", threads)
          .containsExactly(reference);
    }
  }

  @Test
  void rejectsZeroThreads() {
    assertThatThrownBy(() -> new BlockedJavaBlas(0)).isInstanceOf(InvalidInputException.class);
  }

  private static double[] run(Blas blas, Case c) {
    double[] out = c.c.clone();
    blas.dgemm(c.ta, c.tb, c.m, c.n, c.k, 1.3, c.a, c.aOff, c.lda, c.b, c.bOff, c.ldb, 0.7, out,
        c.cOff, c.ldc);
    return out;
  }
}
