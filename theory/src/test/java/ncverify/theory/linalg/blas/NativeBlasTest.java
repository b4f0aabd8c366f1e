package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The JNI backend satisfies the contract; every test is skipped when no system BLAS loads. */
class NativeBlasTest extends BlasContractTest {

  @Override
  Blas backend() {
    var loaded = NativeBlas.load();
    assumeThat(loaded).as("system BLAS available").isPresent();
    return loaded.get();
  }

  @Test
  void largeProductCrossingBlockSizes() {
    SplittableRandom rnd = new SplittableRandom(SEED + 20);
    for (int t = 0; t < 4; t++) {
      check(Case.random(rnd, (t & 1) != 0, (t & 2) != 0, 150, 260, 140, 3, 1, 2, 5), -0.5, 0.25);
    }
  }
}
