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

  @Test
  void bothReturnsBothResults() {
    Parallel.Pair<Integer, String> p = Parallel.both(() -> 6 * 7, () -> "side");
    assertThat(p.first()).isEqualTo(42);
    assertThat(p.second()).isEqualTo("side");
  }

  @Test
  void bothFailsAsTheSequentialOrderWould() {
    // the first computation's failure wins, as if it had run first; otherwise the second's reaches the caller
    assertThatThrownBy(() -> Parallel.both(() -> {
      throw new IllegalArgumentException("first");
    }, () -> {
      throw new IllegalStateException("second");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("first");
    assertThatThrownBy(() -> Parallel.both(() -> 1, () -> {
      throw new IllegalStateException("second");
    })).isInstanceOf(IllegalStateException.class).hasMessage("second");
  }
}
