package ncverify.theory.linalg;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/** Checks that every entry of a matrix or vector is finite (no NaN, no infinity). */
public final class Finite {

  private Finite() {}

  /**
   * Throws {@link InvalidInputException} naming the first non-finite entry, e.g.
   * "W contains NaN at row 3, column 5".
   */
  public static void require(DMatrixRMaj a, String name) {
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        double v = a.data[i * a.numCols + j];
        if (!Double.isFinite(v)) {
          throw InvalidInputException.of("%s contains %s at row %d, column %d", name, kind(v), i, j);
        }
      }
    }
  }

  /** Throws {@link InvalidInputException} naming the first non-finite entry of {@code v}. */
  public static void require(double[] v, String name) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw InvalidInputException.of("%s contains %s at index %d", name, kind(v[i]), i);
      }
    }
  }

  /** "NaN", "+Inf" or "-Inf". */
  public static String kind(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    return v > 0 ? "+Inf" : "-Inf";
  }
}
