package ncverify.impl.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.linalg.blas.Blas;
import ncverify.theory.linalg.blas.NaiveBlas;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Shape and bookkeeping of the benchmark result (no timing assertions). */
class GemmBenchmarkTest {

  @Test
  void reportsOnePointPerSizeWithFlopsConsistentWithTime() {
    GemmBenchmark.Result r = new GemmBenchmark(1, 0, 2, 3).run(new NaiveBlas(), 8, 16);
    assertThat(r.backend()).isEqualTo("naive-java");
    assertThat(r.points()).extracting(GemmBenchmark.Point::n).containsExactly(8, 16);
    for (GemmBenchmark.Point p : r.points()) {
      assertThat(p.bestSeconds()).isPositive();
      double n = p.n();
      assertThat(p.gflops()).isCloseTo(2 * n * n * n / p.bestSeconds() / 1e9,
          org.assertj.core.data.Percentage.withPercentage(1e-9));
    }
  }

  @Test
  void callsTheBackendWarmupsPlusRepetitionsTimes() {
    int[] calls = {0};
    Blas counting = new Blas() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
                        double[] c, int cOff, int ldc) {
        calls[0]++;
      }
    };
    new GemmBenchmark(2, 0, 3, 1).run(counting, 4);
    assertThat(calls[0]).isEqualTo(5);
  }

  @Test
  void warmsUpForAtLeastTheMinimumTime() {
    // The warm-up loop cannot exit before minWarmupSeconds have passed inside run(): a logical
    // lower bound on the elapsed time, not a performance assertion.
    int[] calls = {0};
    Blas counting = new Blas() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
                        double[] c, int cOff, int ldc) {
        calls[0]++;
      }
    };
    long t0 = System.nanoTime();
    new GemmBenchmark(1, 0.05, 1, 1).run(counting, 2);
    long elapsed = System.nanoTime() - t0;
    assertThat(elapsed).isGreaterThanOrEqualTo(50_000_000L);
    assertThat(calls[0]).isGreaterThanOrEqualTo(2);
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> new GemmBenchmark(0, 0, 0, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new GemmBenchmark(0, -1, 1, 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> GemmBenchmark.standard().measure(new NaiveBlas(), 0))
        .isInstanceOf(InvalidInputException.class);
  }
}
