package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Shrunk inputs from the CLI fuzz properties (reports module): a huge K, given or implied by a huge
 * label, is refused before K counters are allocated, with a message about the real problem.
 */
class LabeledFeaturesRegressionTest {

  static final DMatrixRMaj H = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);

  @Test
  void aHugeClassCountIsRefusedWithoutAllocatingIt() {
    assertThatThrownBy(() -> new LabeledFeatures(H, new int[] {0, 1, 0}, Integer.MAX_VALUE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("K = 2147483647 classes but only N = 3 samples; every class needs a sample");
  }

  @Test
  void theLargestIntLabelDoesNotOverflowIntoANegativeK() {
    assertThatThrownBy(() -> LabeledFeatures.of(H, new int[] {0, 1, Integer.MAX_VALUE}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("largest label 2147483647 implies K = 2147483648 classes but there are only N = 3 samples;"
            + " every class needs a sample");
  }

  @Test
  void moreClassesThanSamplesNamesBoth() {
    assertThatThrownBy(() -> LabeledFeatures.of(H, new int[] {0, 1, 5}))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("K = 6 classes");
  }
}
