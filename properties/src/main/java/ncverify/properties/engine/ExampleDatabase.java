package ncverify.properties.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The failure database (Hypothesis's example database): the shrunk counterexample of each failed
 * property is saved as its choice sequence in {@code <dir>/<property>.txt}, one sequence per line;
 * the next run of that property replays the saved sequences before any new try and removes those that
 * pass. The default folder is {@code .ncverify/examples/} at the project root (git-ignored); the system
 * property {@value #PROPERTY} names another folder, or {@code off} turns the database off.
 *
 * <p>Safe for concurrent use within one JVM; each file is rewritten atomically.
 */
public final class ExampleDatabase {

  /** System property: the database folder, or {@code off}. */
  public static final String PROPERTY = "ncverify.database";
  /** Folder below the project root. */
  public static final String DEFAULT_FOLDER = ".ncverify/examples";
  /** Most sequences kept per property (the newest). */
  static final int MAX_PER_PROPERTY = 16;

  private final Path dir;

  /** A database in {@code dir} (created on the first save). */
  public ExampleDatabase(Path dir) {
    this.dir = dir;
  }

  /**
   * The database the system property {@value #PROPERTY} names: a folder, {@code off} (null is
   * returned), or unset: {@value #DEFAULT_FOLDER} under the project root (the nearest folder upward
   * from the working directory that holds {@code .git}, else the working directory).
   */
  public static ExampleDatabase fromSystemProperties() {
    String v = System.getProperty(PROPERTY);
    if (v != null && !v.isBlank()) {
      String t = v.trim();
      if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("false") || t.equalsIgnoreCase("none")) {
        return null;
      }
      return new ExampleDatabase(Path.of(t));
    }
    Path cwd = Path.of(System.getProperty("user.dir", ".")).toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) {
        return new ExampleDatabase(p.resolve(DEFAULT_FOLDER));
      }
    }
    return new ExampleDatabase(cwd.resolve(DEFAULT_FOLDER));
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** The file of {@code property}: its name with unsafe characters replaced, plus a short hash. */
  Path fileOf(String property) {
    String safe = property.replaceAll("[^A-Za-z0-9._-]+", "_");
    if (safe.length() > 80) {
      safe = safe.substring(0, 80);
    }
    return dir.resolve(String.format(Locale.ROOT, "%s-%08x.txt", safe, property.hashCode()));
  }

  /** The saved sequences of {@code property}, oldest first; empty when none or unreadable. */
  public synchronized List<ChoiceSequence> load(String property) {
    Path f = fileOf(property);
    if (!Files.isRegularFile(f)) {
      return List.of();
    }
    List<ChoiceSequence> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        try {
          out.add(ChoiceSequence.parse(t));
        } catch (RuntimeException malformed) {
          // a hand-edited or truncated line: skip it, the next save rewrites the file
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  /** Saves {@code choices} for {@code property} (kept once; the oldest beyond the cap are dropped). */
  public synchronized void save(String property, ChoiceSequence choices) {
    Set<ChoiceSequence> all = new LinkedHashSet<>(load(property));
    all.remove(choices);
    all.add(choices);
    List<ChoiceSequence> kept = new ArrayList<>(all);
    write(property, kept.subList(Math.max(0, kept.size() - MAX_PER_PROPERTY), kept.size()));
  }

  /** Removes {@code choices} from {@code property}'s sequences (the file goes when it is the last). */
  public synchronized void remove(String property, ChoiceSequence choices) {
    List<ChoiceSequence> all = new ArrayList<>(load(property));
    if (all.removeIf(choices::equals)) {
      write(property, all);
    }
  }

  private void write(String property, List<ChoiceSequence> sequences) {
    Path f = fileOf(property);
    try {
      if (sequences.isEmpty()) {
        Files.deleteIfExists(f);
        return;
      }
      Files.createDirectories(dir);
      StringBuilder b = new StringBuilder("# ncverify failure database: shrunk counterexamples of property ")
          .append(property.replaceAll("\\R", " ")).append(", replayed first on its next run\n");
      sequences.forEach(s -> b.append(s).append('\n'));
      Path tmp = Files.createTempFile(dir, ".examples", ".tmp");
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the failure database " + f, e);
    }
  }
}
