package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

class DufmParametersTest {

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> DufmParameters.uniform(1, 3, 1, 0.01))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("K = 1");
    assertThatThrownBy(() -> DufmParameters.uniform(4, 0, 1, 0.01))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("L = 0");
    assertThatThrownBy(() -> DufmParameters.uniform(4, 2, 0, 0.01))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DufmParameters.uniform(4, 2, 1, 0.0))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda_1");
    assertThatThrownBy(() -> DufmParameters.uniform(4, 2, 1, -1e-3))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DufmParameters.uniform(4, 2, 1, Double.NaN))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> DufmParameters.of(4, 2, 1, 0.1, 0.1, -0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lambda_H");
    assertThatThrownBy(() -> DufmParameters.of(4, 2, 1, 0.1, 0.1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("L + 1");
  }

  @Test
  void readsOneOrLPlusOneRegularizers() {
    DufmParameters p = DufmParameters.of(5, 3, 2, 0.1, 0.2, 0.3, 0.4);
    assertThat(p.lambdas()).containsExactly(0.1, 0.2, 0.3);
    assertThat(p.lambdaH()).isEqualTo(0.4);
    assertThat(p.regularizerProduct()).isCloseTo(2 * 0.4 * 0.1 * 0.2 * 0.3, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(p.labels()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4);
    assertThat(DufmParameters.of(5, 3, 2, 0.1)).isEqualTo(DufmParameters.uniform(5, 3, 2, 0.1));
  }
}
