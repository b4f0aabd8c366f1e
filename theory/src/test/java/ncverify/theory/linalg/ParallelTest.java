package ncverify.theory.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void everyIndexIsVisitedOnceInFixedChunks() {
    for (int n : new int[] {0, 1, 7, 64, 1000}) {
      AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(n, 1));
      Parallel.forChunks(n, 7, (from, to) -> {
        assertThat(from % 7).isZero();
        assertThat(to).isEqualTo(Math.min(n, from + 7));
        for (int i = from; i < to; i++) {
          seen.incrementAndGet(i);
        }
      });
      for (int i = 0; i < n; i++) {
        assertThat(seen.get(i)).as("index %d of %d", i, n).isEqualTo(1);
      }
    }
    assertThat(Parallel.threads()).isPositive();
  }

  @Test
  void anExceptionOfAChunkReachesTheCaller() {
    assertThatThrownBy(() -> Parallel.forChunks(100, 10, (from, to) -> {
      if (from == 50) {
        throw new IllegalStateException("chunk 5");
      }
    })).hasMessageContaining("chunk 5");
  }
}
