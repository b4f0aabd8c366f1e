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

  private CsvReader() {
  }

  public static NpyArray read(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    IoErrors.requireReadableFile(file);
    List<double[]> rows = new ArrayList<>();
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
