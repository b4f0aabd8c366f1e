package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

/** Matrix generators: shapes and ranks in range, simplest value zero, shrinking removes rank. */
class MatricesTest {

  private static PropertyConfig quiet() {
    return PropertyConfig.defaults().withSeed(9).withReplay(null).withDatabase(null).withLog(l -> { });
  }

  @Test
  void shapesAndRanksStayInTheirRanges() {
    List<DMatrixRMaj> seen = new ArrayList<>();
    PropertyRunner.check("shapes", quiet().withTries(200), Matrices.entrywise(2, 5, 1, 4, Gen.doubles(-1, 1)), seen::add);
    assertThat(seen).allMatch(m -> m.numRows >= 2 && m.numRows <= 5 && m.numCols >= 1 && m.numCols <= 4);
    assertThat(seen.get(0).numRows).isEqualTo(2);
    assertThat(Matrices.zeros(seen.get(0))).isEqualTo(seen.get(0).getNumElements());
    List<DMatrixRMaj> low = new ArrayList<>();
    PropertyRunner.check("ranks", quiet().withTries(200), Matrices.lowRank(3, 6, 3, 6, 0, 2, Gen.doubles(-1, 1)),
        low::add);
    assertThat(low).allMatch(m -> SingularOps_DDRM.rank(m.copy(), 1e-9) <= 2);
    assertThat(low).anyMatch(m -> SingularOps_DDRM.rank(m.copy(), 1e-9) == 2);
  }

  @Test
  void rankShrinksToTheSmallestFailingRank() {
    PropertyResult r = PropertyRunner.check("rank", quiet().withTries(200),
        Matrices.lowRank(4, 4, 4, 4, 0, 4, Gen.doubles(-2, 2)),
        m -> assertThat(SingularOps_DDRM.rank(m.copy(), 1e-9)).isLessThan(2));
    assertThat(r.passed()).isFalse();
    // two rank-one terms, each with one non-zero entry per factor: two non-zero entries in total
    DMatrixRMaj[] shrunk = new DMatrixRMaj[1];
    PropertyRunner.check("replay", quiet().withReplay(r.shrunkChoices()),
        Matrices.lowRank(4, 4, 4, 4, 0, 4, Gen.doubles(-2, 2)), m -> shrunk[0] = m);
    assertThat(Matrices.zeros(shrunk[0])).isEqualTo(16 - 2);
  }

  @Test
  void invalidRangesAreRejected() {
    assertThatThrownBy(() -> Matrices.entrywise(3, 2, 1, 1, Gen.doubles(0, 1))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rows range [3, 2]");
    assertThatThrownBy(() -> Matrices.lowRank(1, 1, 1, 1, 2, 1, Gen.doubles(0, 1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("rank");
  }
}
