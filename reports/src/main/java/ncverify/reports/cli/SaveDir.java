package ncverify.reports.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ncverify.reports.io.NpyWriter;
import ncverify.theory.IoErrors;
import org.ejml.data.DMatrixRMaj;

/**
 * The output directory of a {@code --save-dir} option, all or nothing: {@link #open} checks (and if
 * needed creates) it before the computation, {@link #writeAll} writes every file into a hidden
 * staging directory inside it and only then moves them into place, and {@link #abandon} removes a
 * directory that this run created if the computation failed. So a failed run never leaves a
 * partially written set of files behind.
 */
final class SaveDir {

  private final Path dir;
  private final boolean created;

  private SaveDir(Path dir, boolean created) {
    this.dir = dir;
    this.created = created;
  }

  /** Creates {@code dir} if missing and checks it is a writable directory; a user error otherwise. */
  static SaveDir open(Path dir) {
    if (dir.toString().isBlank()) { // Path.of("") is the working directory: never write there by accident
      throw new UserErrorException("the output directory name is empty");
    }
    boolean existed = Files.exists(dir);
    if (existed && !Files.isDirectory(dir)) {
      throw new UserErrorException("output directory " + dir + " is an existing file");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserErrorException("cannot create output directory " + dir + ": " + IoErrors.reason(e, dir));
    }
    if (!Files.isWritable(dir)) {
      throw new UserErrorException("output directory " + dir + " is not writable");
    }
    return new SaveDir(dir, !existed);
  }

  /** Writes one output file to the path it is given. */
  @FunctionalInterface
  interface FileWriter {
    void write(Path file) throws IOException;
  }

  /** Writes each matrix as {@code name.npy} (rows x cols, float64); all of them or none. */
  void writeAll(Map<String, DMatrixRMaj> matrices) {
    Map<String, FileWriter> files = new java.util.LinkedHashMap<>();
    matrices.forEach((name, m) -> files.put(name + ".npy", f -> NpyWriter.writeMatrix(f, m.data, m.numRows, m.numCols)));
    writeFiles(files);
  }

  /** Writes every file (name to writer); all of them or none. */
  void writeFiles(Map<String, FileWriter> files) {
    Path staging = null;
    List<Path> moved = new ArrayList<>();
    try {
      staging = Files.createTempDirectory(dir, ".ncv-staging-");
      for (Map.Entry<String, FileWriter> e : files.entrySet()) {
        e.getValue().write(staging.resolve(e.getKey()));
      }
      for (String name : files.keySet()) {
        Path target = dir.resolve(name);
        Files.move(staging.resolve(name), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moved.add(target);
      }
    } catch (IOException e) {
      for (Path p : moved) {
        deleteQuietly(p);
      }
      throw new UserErrorException("cannot write into " + dir + ": " + IoErrors.reason(e, dir));
    } finally {
      if (staging != null) {
        deleteTree(staging);
      }
    }
  }

  /** After a failed computation: removes the directory if this run created it and it is still empty. */
  void abandon() {
    if (created) {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a non-empty directory stays
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(SaveDir::deleteQuietly);
    } catch (IOException ignored) {
      // best effort
    }
  }
}
