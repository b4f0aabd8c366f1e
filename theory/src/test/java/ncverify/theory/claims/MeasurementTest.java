package ncverify.theory.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MeasurementTest {

  @Test
  void missingQuantityIsNamedWithThePresentOnes() {
    Measurement m = Measurement.builder().put("eps1", 0.1).put("K", 3).build();
    assertThatThrownBy(() -> m.get("eps2")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'eps2'").hasMessageContaining("K, eps1");
    assertThatThrownBy(() -> m.requireAll(List.of("K", "r"))).hasMessageContaining("'r'");
    assertThatThrownBy(() -> m.matrix("W")).isInstanceOf(InvalidInputException.class).hasMessageContaining("'W'");
  }

  @Test
  void nanIsRejectedInfinityKept() {
    assertThatThrownBy(() -> Measurement.builder().put("x", Double.NaN)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'x' is NaN");
    assertThat(Measurement.builder().put("x", Double.POSITIVE_INFINITY).build().get("x")).isInfinite();
    DMatrixRMaj bad = new DMatrixRMaj(1, 2);
    bad.set(1, Double.NaN);
    assertThatThrownBy(() -> Measurement.builder().matrix("W", bad)).hasMessageContaining("'W'");
  }

  @Test
  void isImmutableAndCopiesMatrices() {
    DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1, 2}});
    Measurement.Builder b = Measurement.builder().put("a", 1).matrix("W", w);
    Measurement m = b.build();
    b.put("a", 2);
    w.set(0, 99);
    assertThat(m.get("a")).isEqualTo(1.0);
    assertThat(m.matrix("W").get(0)).isEqualTo(1.0);
    m.matrix("W").set(0, 5);
    assertThat(m.matrix("W").get(0)).isEqualTo(1.0);
    assertThatThrownBy(() -> m.quantities().put("b", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    Measurement changed = m.toBuilder().put("a", 3).build();
    assertThat(changed.get("a")).isEqualTo(3.0);
    assertThat(m.get("a")).isEqualTo(1.0);
  }

  @Test
  void integerQuantitiesAreChecked() {
    Measurement m = Measurement.builder().put("K", 4).put("x", 2.5).flag("ok", true).build();
    assertThat(m.getInt("K")).isEqualTo(4);
    assertThat(m.get("ok")).isEqualTo(1.0);
    assertThatThrownBy(() -> m.getInt("x")).isInstanceOf(InvalidInputException.class).hasMessageContaining("integer");
  }
}
