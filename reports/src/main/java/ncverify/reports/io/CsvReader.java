package ncverify.reports.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.IoErrors;

/**
 * Reads a numeric CSV file (comma, semicolon, tab or space separated; one row per line; a first line
 * that is not numeric is taken as a header and skipped; blank lines ignored) as a rows x cols array.
 * Every row must have the same number of values.
 */
public final class CsvReader {

  /** Heap bytes per value while reading: the row as parsed and the final array (float64 each). */
  static final int BYTES_PER_VALUE = 2 * Double.BYTES;
  /** Heap bytes per row besides its values: the array header and the list's reference to it. */
  static final int BYTES_PER_ROW = 32;

  private CsvReader() {
  }

  /** Reads the file ({@link #read(Path, long)} within the heap available now). */
  public static NpyArray read(Path file) {
    return read(file, Heap.available());
  }

  /**
   * Reads the file, checking after every row that the values read so far fit in {@code budget} bytes of heap
   * ({@value #BYTES_PER_VALUE} bytes per value, {@value #BYTES_PER_ROW} per row): a file too large for the
   * heap is a one-line error, not an OutOfMemoryError.
   */
  public static NpyArray read(Path file, long budget) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    IoErrors.requireReadableFile(file);
    List<double[]> rows = new ArrayList<>();
    long bytes = 0;
    boolean integral = true;
    int cols = -1;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        String[] parts = t.split("\\s*[,;\\t ]\\s*");
        double[] row = new double[parts.length];
        try {
          for (int j = 0; j < parts.length; j++) {
            row[j] = Double.parseDouble(parts[j]);
            integral &= parts[j].matches("[+-]?\\d+");
          }
        } catch (NumberFormatException e) {
          if (rows.isEmpty() && cols == -1) {
            cols = -2; // header seen
            continue;
          }
          throw InvalidInputException.of("%s: line %d is not numeric: '%s'", name, lineNo, abbreviate(t));
        }
        if (cols >= 0 && row.length != cols) {
          throw InvalidInputException.of("%s: line %d has %d values, expected %d", name, lineNo, row.length, cols);
        }
        cols = row.length;
        rows.add(row);
        bytes += (long) BYTES_PER_VALUE * row.length + BYTES_PER_ROW;
        if (bytes > budget) {
          throw InvalidInputException.of("%s: too large for the heap: its first %d rows of %d values already need %s"
              + " in memory, more than the %s of heap available; save it as a .npy file (ncv metrics streams"
              + " float32 and float64 features) or give ncv a larger heap (NCV_JAVA_OPTS=-Xmx...)", name,
              rows.size(), cols, Heap.describe(bytes), Heap.describe(Math.max(0, budget)));
        }
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      throw InvalidInputException.of("%s: not a UTF-8 text file (nor a .npy file)", name);
    } catch (IOException e) {
      throw IoErrors.failure("read", file, e);
    } catch (java.io.UncheckedIOException e) {
      throw InvalidInputException.of("%s: not a text file", name);
    }
    if (rows.isEmpty()) {
      throw InvalidInputException.of("%s: no data rows", name);
    }
    double[] data = new double[rows.size() * cols];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, data, i * cols, cols);
    }
    long[] shape = cols == 1 ? new long[] {rows.size()} : new long[] {rows.size(), cols};
    return new NpyArray(shape, data, "csv", integral);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
