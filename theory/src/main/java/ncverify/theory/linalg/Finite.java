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
    long bad = firstNonFinite(a.data, a.getNumElements());
    if (bad >= 0) {
      throw InvalidInputException.of("%s contains %s at row %d, column %d", name, kind(a.data[(int) bad]),
          bad / a.numCols, bad % a.numCols);
    }
  }

  /** Entries per parallel chunk of {@link #firstNonFinite} (fixed: the same answer for any thread count). */
  private static final int CHUNK = 1 << 16;

  /**
   * The index of the first non-finite entry among {@code data[0..length)}, or -1 when all are finite; large
   * arrays are scanned in parallel chunks ({@link Parallel#forChunks}).
   */
  public static long firstNonFinite(double[] data, int length) {
    int chunks = (length + CHUNK - 1) / CHUNK;
    long[] first = new long[chunks];
    Parallel.forChunks(length, CHUNK, (from, to) -> {
      long at = -1;
      for (int i = from; i < to; i++) {
        if (!Double.isFinite(data[i])) {
          at = i;
          break;
        }
      }
      first[from / CHUNK] = at;
    });
    for (long at : first) {
      if (at >= 0) {
        return at;
      }
    }
    return -1;
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
