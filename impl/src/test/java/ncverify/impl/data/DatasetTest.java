package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class DatasetTest {

  @Test
  void validatesShapesLabelsAndValues() {
    DMatrixRMaj x = new DMatrixRMaj(2, 3);
    assertThatThrownBy(() -> new Dataset(x, new int[] {0, 1}, 2, "t"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("3 columns");
    assertThatThrownBy(() -> new Dataset(x, new int[] {0, 1, 2}, 2, "t"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("label 2 at index 2");
    assertThatThrownBy(() -> new Dataset(x, new int[] {0, 0, 0}, 1, "t"))
        .isInstanceOf(InvalidInputException.class);
    DMatrixRMaj bad = new DMatrixRMaj(2, 3);
    bad.set(1, 2, Double.NaN);
    assertThatThrownBy(() -> new Dataset(bad, new int[] {0, 1, 1}, 2, "t"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("(1, 2)");
  }

  @Test
  void labelsAreCopied() {
    int[] y = {0, 1, 1};
    Dataset d = new Dataset(new DMatrixRMaj(2, 3), y, 2, "t");
    y[0] = 1;
    d.labels()[1] = 0;
    assertThat(d.labels()).containsExactly(0, 1, 1);
    assertThat(d.classSizes().toArray()).containsExactly(1, 2);
  }
}
