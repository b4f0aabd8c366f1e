package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClassSizesTest {

  @Test
  void balanced() {
    ClassSizes s = ClassSizes.balanced(4, 25);
    assertThat(s.toArray()).containsExactly(25, 25, 25, 25);
    assertThat(s.total()).isEqualTo(100);
    assertThat(s.imbalanceRatio()).isEqualTo(1.0);
  }

  @Test
  void stepPutsMajorityClassesFirst() {
    // docs/theory.md section 2 example: K=4, R=10, rho=1/2, n_min=5.
    ClassSizes s = ClassSizes.step(4, 10, 0.5, 5);
    assertThat(s.toArray()).containsExactly(50, 50, 5, 5);
    assertThat(ClassSizes.step(10, 2, 0.3, 7).toArray())
        .containsExactly(14, 14, 14, 14, 14, 14, 14, 7, 7, 7);
    assertThat(s.imbalanceRatio()).isEqualTo(10.0);
  }

  @Test
  void stepRejectsNonIntegerCounts() {
    assertThatThrownBy(() -> ClassSizes.step(5, 10, 0.5, 5))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rho*K");
    assertThatThrownBy(() -> ClassSizes.step(4, 2.5, 0.5, 3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("R*n_min");
    assertThatThrownBy(() -> ClassSizes.step(4, 10, 0, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.step(4, 0.5, 0.5, 5))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void longTailIsExponentialFromNMaxToNMaxOverRatio() {
    ClassSizes s = ClassSizes.longTail(5, 1000, 100);
    // n_k = 1000 * 100^{-k/4} = 1000, 316.2, 100, 31.6, 10.
    assertThat(s.toArray()).containsExactly(1000, 316, 100, 32, 10);
    assertThat(ClassSizes.longTail(3, 2, 1000).toArray()).containsExactly(2, 1, 1);
    assertThat(ClassSizes.longTail(3, 7, 1).toArray()).containsExactly(7, 7, 7);
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> ClassSizes.of(5)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("K >= 2");
    assertThatThrownBy(() -> ClassSizes.of(5, 0, 3)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("class 1 has 0 samples");
    assertThatThrownBy(() -> ClassSizes.balanced(1, 5)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.longTail(3, 5, 0.5))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void explicitSizesAreCopiedAndLabelsSorted() {
    int[] raw = {2, 1, 3};
    ClassSizes s = ClassSizes.of(raw);
    raw[0] = 99;
    assertThat(s.size(0)).isEqualTo(2);
    assertThat(s.sortedLabels()).containsExactly(0, 0, 1, 2, 2, 2);
    assertThat(ClassSizes.count(s.sortedLabels(), 3)).isEqualTo(s);
    assertThatThrownBy(() -> ClassSizes.count(new int[] {0, 3}, 3))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 3 at index 1");
  }
}
