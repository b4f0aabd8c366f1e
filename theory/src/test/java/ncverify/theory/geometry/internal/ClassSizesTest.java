package ncverify.theory.geometry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class ClassSizesTest {

  @Test
  void sortedLabelsAndTotal() {
    assertThat(ClassSizes.validate(new int[] {2, 1, 3})).isEqualTo(6);
    assertThat(ClassSizes.sortedLabels(new int[] {2, 1, 3})).containsExactly(0, 0, 1, 2, 2, 2);
  }

  @Test
  void badSizesThrow() {
    assertThatThrownBy(() -> ClassSizes.validate(new int[] {3})).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.validate(null)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ClassSizes.validate(new int[] {3, 0})).isInstanceOf(InvalidInputException.class)
        .hasMessage("class 1 has size 0, must be >= 1");
    assertThatThrownBy(() -> ClassSizes.validate(new int[] {Integer.MAX_VALUE, 5}))
        .isInstanceOf(InvalidInputException.class);
  }
}
