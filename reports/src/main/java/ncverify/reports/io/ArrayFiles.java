package ncverify.reports.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import ncverify.theory.InvalidInputException;
import ncverify.theory.IoErrors;
import org.ejml.data.DMatrixRMaj;

/**
 * Loads the arrays {@code ncv} reads (.npy or CSV, chosen by the file's magic bytes) and turns them
 * into the theory's conventions: features on disk are N x d (one row per sample, as PyTorch dumps them)
 * and become d x N; weights stay as stored (W is K x d, layer l is n_l x n_{l-1}); labels are integers.
 */
public final class ArrayFiles {

  private ArrayFiles() {
  }

  /** Reads a .npy or CSV file ({@link #read(Path, long)} within the heap available now). */
  public static NpyArray read(Path file) {
    return read(file, Heap.available());
  }

  /** Reads a .npy or CSV file whose values must fit in {@code budget} bytes of heap (else a one-line error). */
  public static NpyArray read(Path file, long budget) {
    if (file.toString().isEmpty()) {
      throw new InvalidInputException("empty file name");
    }
    IoErrors.requireReadableFile(file);
    if (isNpy(file)) {
      return NpyReader.read(file, budget);
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".npy")) {
      throw InvalidInputException.of("%s: not a .npy file (bad magic)", file.getFileName());
    }
    return CsvReader.read(file, budget);
  }

  private static boolean isNpy(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(6);
      return b.length == 6 && (b[0] & 0xff) == 0x93 && b[1] == 'N' && b[2] == 'U' && b[3] == 'M' && b[4] == 'P'
          && b[5] == 'Y';
    } catch (IOException e) {
      throw IoErrors.failure("read", file, e);
    }
  }

  /**
   * Features stored N x d on disk, returned as d x N (columns are samples). A float32/float64 .npy file is
   * memory-mapped and converted in parallel ({@link MappedNpy}); it must fit in the heap (else a one-line
   * error saying how large it is).
   */
  public static DMatrixRMaj features(Path file) {
    return features(file, Heap.available());
  }

  /**
   * {@link #features(Path)} within {@code budget} bytes of heap: a float32/float64 .npy file needs 8 N d
   * bytes, any other file twice that (its values as read, then transposed), checked before the values are
   * allocated (for CSV, row by row while reading); a file too large is a one-line error naming its size.
   */
  public static DMatrixRMaj features(Path file, long budget) {
    MappedNpy mapped = mapped(file);
    if (mapped != null) {
      return mapped.readAll(budget);
    }
    if (isNpy(file)) { // another dtype: read, then transposed
      NpyReader.Layout layout = NpyReader.layout(file);
      Heap.requireFits(NpyReader.displayName(file), NpyReader.describe(layout.header()),
          2L * Double.BYTES * layout.count(), budget, Heap.FEATURES_ADVICE);
    }
    NpyArray a = read(file, budget);
    requireFloat(a, file, "features");
    if (a.rank() != 2) {
      throw InvalidInputException.of("%s: features must be 2-D (N x d), got shape %s", file.getFileName(), a.shapeString());
    }
    int n = a.rows();
    int d = a.cols();
    if (n == 0 || d == 0) {
      throw InvalidInputException.of("%s: features are empty (shape %s)", file.getFileName(), a.shapeString());
    }
    DMatrixRMaj h = new DMatrixRMaj(d, n);
    double[] src = a.data();
    double[] dst = h.data;
    for (int i = 0; i < n; i++) {
      int row = i * d;
      for (int j = 0; j < d; j++) {
        dst[j * n + i] = src[row + j];
      }
    }
    return h;
  }

  /**
   * The features file memory-mapped for streaming or parallel reading, or null when it is not a 2-D
   * float32/float64 .npy file (CSV, other dtypes: read with {@link #features}).
   */
  public static MappedNpy mapped(Path file) {
    if (file.toString().isEmpty()) {
      throw new InvalidInputException("empty file name");
    }
    IoErrors.requireReadableFile(file);
    return isNpy(file) ? MappedNpy.open(file) : null;
  }

  /** Labels for the features {@code h} (d x N): their count must be N. */
  public static int[] labelsFor(DMatrixRMaj h, Path featuresFile, Path labelsFile) {
    return labelsFor(h.numCols, featuresFile, labelsFile);
  }

  /** Labels for N samples of {@code featuresFile}: their count must be N. */
  public static int[] labelsFor(long n, Path featuresFile, Path labelsFile) {
    int[] y = labels(labelsFile);
    if (y.length != n) {
      throw InvalidInputException.of("%s has %d samples but %s has %d labels", featuresFile.getFileName(), n,
          labelsFile.getFileName(), y.length);
    }
    return y;
  }

  /** Each file as a matrix kept as stored ({@link #matrix}), in order. */
  public static java.util.List<DMatrixRMaj> matrices(java.util.List<Path> files, String what) {
    java.util.List<DMatrixRMaj> out = new java.util.ArrayList<>();
    for (Path p : files) {
      out.add(matrix(p, what));
    }
    return out;
  }

  /** A 2-D matrix kept as stored (rows x cols). A 1-D array of length m is read as 1 x m. */
  public static DMatrixRMaj matrix(Path file, String what) {
    NpyArray a = read(file);
    requireFloat(a, file, what);
    if (a.rank() == 1) {
      return new DMatrixRMaj(1, a.rows(), true, a.data());
    }
    if (a.rank() != 2) {
      throw InvalidInputException.of("%s: %s must be 2-D, got shape %s", file.getFileName(), what, a.shapeString());
    }
    return new DMatrixRMaj(a.rows(), a.cols(), true, a.data());
  }

  /** A 1-D vector (a 2-D array with one row or one column is accepted too). */
  public static double[] vector(Path file, String what) {
    NpyArray a = read(file);
    requireFloat(a, file, what);
    if (a.rank() > 2 || (a.rank() == 2 && a.rows() != 1 && a.cols() != 1)) {
      throw InvalidInputException.of("%s: %s must be a vector, got shape %s", file.getFileName(), what, a.shapeString());
    }
    return a.data();
  }

  /** Integer class labels, one per sample. Float files are accepted only when every value is an integer. */
  public static int[] labels(Path file) {
    NpyArray a = read(file);
    if (a.rank() > 2 || (a.rank() == 2 && a.cols() != 1 && a.rows() != 1)) {
      throw InvalidInputException.of("%s: labels must be 1-D, got shape %s", file.getFileName(), a.shapeString());
    }
    double[] v = a.data();
    int[] y = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      if (!(x == Math.rint(x)) || Math.abs(x) > Integer.MAX_VALUE) {
        throw InvalidInputException.of("%s: label at index %d is not an integer (%s)", file.getFileName(), i, x);
      }
      y[i] = (int) x;
    }
    if (y.length == 0) {
      throw InvalidInputException.of("%s: no labels", file.getFileName());
    }
    return y;
  }

  private static void requireFloat(NpyArray a, Path file, String what) {
    double[] v = a.data();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        long[] s = a.shape();
        String at = s.length == 2 ? String.format(Locale.ROOT, "row %d, column %d", i / s[1], i % s[1]) : "index " + i;
        throw InvalidInputException.of("%s: %s contain %s at %s", file.getFileName(), what, Double.isNaN(v[i]) ? "NaN" : "Inf", at);
      }
    }
  }
}
