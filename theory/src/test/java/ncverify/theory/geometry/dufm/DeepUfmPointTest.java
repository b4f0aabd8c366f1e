package ncverify.theory.geometry.dufm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Shapes of an explicit L-DUFM point [DUFM] (docs/theory.md sections 0 and 4): H_1 is d_1 x N and W_l is
 * d_{l+1} x d_l, so the widths are read off the row counts and a chain that does not fit is rejected
 * naming the 1-based layer (found by mutation testing: widths() was never called and the message
 * indices never checked).
 */
class DeepUfmPointTest {

  @Test
  void widthsAreTheRowCountsOfTheChain() {
    // d_1 = 3, N = 5; W_1: 4 x 3, W_2: 2 x 4, W_3 (output, K = 6): 6 x 2.
    DeepUfmPoint p = new DeepUfmPoint(new DMatrixRMaj(3, 5),
        List.of(new DMatrixRMaj(4, 3), new DMatrixRMaj(2, 4), new DMatrixRMaj(6, 2)));
    assertThat(p.widths()).containsExactly(3, 4, 2, 6);
    assertThat(p.depth()).isEqualTo(3);
    assertThat(p.numSamples()).isEqualTo(5);

    DeepUfmPoint single = new DeepUfmPoint(new DMatrixRMaj(2, 7), List.of(new DMatrixRMaj(3, 2)));
    assertThat(single.widths()).containsExactly(2, 3);
  }

  @Test
  void mismatchedChainIsRejectedNamingTheLayer() {
    // W_2 must have d_2 = 4 columns; it has 3.
    assertThatThrownBy(() -> new DeepUfmPoint(new DMatrixRMaj(3, 5),
        List.of(new DMatrixRMaj(4, 3), new DMatrixRMaj(2, 3))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("W_2 has 3 columns but layer 2 has width 4");
    // W_1 must have d_1 = 3 columns; it has 2.
    assertThatThrownBy(() -> new DeepUfmPoint(new DMatrixRMaj(3, 5), List.of(new DMatrixRMaj(4, 2))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("W_1 has 2 columns but layer 1 has width 3");
  }

  @Test
  void missingPartsAreRejected() {
    assertThatThrownBy(() -> new DeepUfmPoint(null, List.of(new DMatrixRMaj(2, 2))))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepUfmPoint(new DMatrixRMaj(2, 2), null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new DeepUfmPoint(new DMatrixRMaj(2, 2), List.of()))
        .isInstanceOf(InvalidInputException.class);
  }
}
