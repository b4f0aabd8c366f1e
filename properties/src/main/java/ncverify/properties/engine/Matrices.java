package ncverify.properties.engine;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Matrix generators on the choice sequence, so that shrinking a counterexample zeroes entries and
 * removes rows, columns and rank (instead of filling a matrix from one generated seed, which shrinks
 * to nothing). Layout of the choices, chosen so that each structural reduction is one simple edit:
 *
 * <ul>
 *   <li>the number of columns is one integer choice (shrinks toward {@code minCols});
 *   <li>rows ({@link #entrywise}) or rank-one terms ({@link #lowRank}) are list elements: deleting the
 *       element's span deletes a row or lowers the rank by one;
 *   <li>every row (or factor) draws entries for all {@code maxCols} columns and uses the first
 *       {@code cols}, so lowering the column count leaves the other entries in place; unused entries
 *       shrink to 0.
 * </ul>
 *
 * Entries come from any {@code Gen<Double>} (e.g. {@link Gen#doubles}), so each entry shrinks toward
 * 0, then integers, then short decimals.
 */
public final class Matrices {

  private Matrices() {
  }

  /**
   * Matrices of {@code minRows..maxRows} rows and {@code minCols..maxCols} columns, entry by entry.
   */
  public static Gen<DMatrixRMaj> entrywise(int minRows, int maxRows, int minCols, int maxCols, Gen<Double> entry) {
    checkRange("rows", minRows, maxRows);
    checkRange("columns", minCols, maxCols);
    Gen<double[]> row = Gen.listsOf(entry, maxCols).map(Matrices::toArray);
    return s -> {
      s.startSpan("matrix");
      int cols = Gen.integers(minCols, maxCols).generate(s);
      var rows = Gen.lists(row, minRows, maxRows).generate(s);
      s.endSpan();
      DMatrixRMaj m = new DMatrixRMaj(rows.size(), cols);
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < cols; j++) {
          m.set(i, j, rows.get(i)[j]);
        }
      }
      return m;
    };
  }

  /**
   * Matrices {@code sum_k u_k v_k^T} of {@code minRows..maxRows} rows, {@code minCols..maxCols}
   * columns and at most {@code maxRank} rank-one terms (the rank shrinks toward {@code minRank}), with
   * the entries of each factor from {@code entry}.
   */
  public static Gen<DMatrixRMaj> lowRank(int minRows, int maxRows, int minCols, int maxCols, int minRank, int maxRank,
      Gen<Double> entry) {
    checkRange("rows", minRows, maxRows);
    checkRange("columns", minCols, maxCols);
    checkRange("rank", minRank, maxRank);
    Gen<double[][]> factor = s -> new double[][] {toArray(Gen.listsOf(entry, maxRows).generate(s)),
        toArray(Gen.listsOf(entry, maxCols).generate(s))};
    return s -> {
      s.startSpan("low-rank matrix");
      int rows = Gen.integers(minRows, maxRows).generate(s);
      int cols = Gen.integers(minCols, maxCols).generate(s);
      var terms = Gen.lists(factor, minRank, maxRank).generate(s);
      s.endSpan();
      DMatrixRMaj m = new DMatrixRMaj(rows, cols);
      for (double[][] uv : terms) {
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            m.add(i, j, uv[0][i] * uv[1][j]);
          }
        }
      }
      return m;
    };
  }

  /** Entries that are exactly 0 (a shrunk matrix is mostly zeros). */
  public static int zeros(DMatrixRMaj m) {
    int z = 0;
    for (int i = 0; i < m.getNumElements(); i++) {
      z += m.get(i) == 0 ? 1 : 0;
    }
    return z;
  }

  private static double[] toArray(java.util.List<Double> xs) {
    double[] a = new double[xs.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = xs.get(i);
    }
    return a;
  }

  private static void checkRange(String what, int min, int max) {
    if (min < 0 || min > max) {
      throw InvalidInputException.of("%s range [%d, %d] is invalid", what, min, max);
    }
  }
}
