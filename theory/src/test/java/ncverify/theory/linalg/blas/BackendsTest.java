package ncverify.theory.linalg.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Selection of the backend by name, by system property and automatically. */
class BackendsTest {

  @Test
  void byNameKnowsTheThreeBackends() {
    assertThat(Backends.byName("java")).isInstanceOf(BlockedJavaBlas.class);
    assertThat(Backends.byName(" NAIVE ")).isInstanceOf(NaiveBlas.class);
    if (NativeBlas.load().isPresent()) {
      assertThat(Backends.byName("native")).isInstanceOf(NativeBlas.class);
    } else {
      assertThatThrownBy(() -> Backends.byName("native"))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("unavailable");
    }
  }

  @Test
  void unknownNameIsRejected() {
    assertThatThrownBy(() -> Backends.byName("cuda"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cuda");
  }

  @Test
  void automaticChoicePrefersNativeWhenItWorks() {
    Blas auto = Backends.choose(null);
    if (Backends.nativeIfWorking().isPresent()) {
      assertThat(auto).isInstanceOf(NativeBlas.class);
    } else {
      assertThat(auto).isInstanceOf(BlockedJavaBlas.class);
    }
    assertThat(Backends.choose("naive")).isInstanceOf(NaiveBlas.class);
    assertThat(Backends.choose("  ")).hasSameClassAs(auto);
  }

  @Test
  void bestIsCachedAndPassesTheSelfCheck() {
    assertThat(Backends.best()).isSameAs(Backends.best());
    assertThat(Backends.selfCheck(Backends.best())).isTrue();
  }

  @Test
  void selfCheckRejectsAWrongBackend() {
    Blas wrong = new Blas() {
      @Override
      public String name() {
        return "wrong";
      }

      @Override
      public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
                        double[] c, int cOff, int ldc) {
        new NaiveBlas().dgemm(transA, transB, m, n, k, alpha * (1 + 1e-6), a, aOff, lda, b, bOff, ldb, beta,
            c, cOff, ldc);
      }
    };
    assertThat(Backends.selfCheck(wrong)).isFalse();
  }
}
