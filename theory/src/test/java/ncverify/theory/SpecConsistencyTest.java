package ncverify.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ncverify.theory.claims.registry.ClaimRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The specification docs/theory.md stays the single, complete, in-repository spec (issue 16): every
 * registered claim has an entry and a row in the claim table (section 6.4), every
 * "docs/theory.md section N[.M]" citation in the repository names a section that exists, and no file
 * refers to a path outside the repository.
 */
class SpecConsistencyTest {

  /** File types that cite the spec. */
  private static final Set<String> TEXT_SUFFIXES = Set.of(".java", ".md", ".py", ".xml", ".sh", ".txt",
      ".properties", ".json", ".html", ".yml", ".yaml", ".scala");
  private static final Pattern CITATION = Pattern.compile(
      "docs/theory\\.md\\s+sections?\\s+(\\d+(?:\\.\\d+)?)|Sec\\.\\s+(\\d+(?:\\.\\d+)?)\\s+(?:\\(\\d+\\)\\s+)?of\\s+docs/theory\\.md");
  private static final Pattern HEADING = Pattern.compile("^#{2,4}\\s+(\\d+(?:\\.\\d+)?)[.\\s]");

  private static Path root;
  private static List<String> spec;

  @BeforeAll
  static void readSpec() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs").resolve("theory.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/theory.md above %s", Path.of("").toAbsolutePath()).isNotNull();
    root = dir;
    spec = Files.readAllLines(root.resolve("docs").resolve("theory.md"), StandardCharsets.UTF_8);
  }

  @Test
  void everyRegisteredClaimHasAnEntryAndARowInTheClaimTable() {
    List<String> missingEntry = new ArrayList<>();
    List<String> missingRow = new ArrayList<>();
    for (String id : ClaimRegistry.standard().ids()) {
      String quoted = "`" + id + "`";
      if (spec.stream().noneMatch(l -> l.startsWith("#### ") && l.contains(quoted))) {
        missingEntry.add(id);
      }
      if (spec.stream().noneMatch(l -> l.startsWith("| " + quoted + " |"))) {
        missingRow.add(id);
      }
    }
    assertThat(missingEntry).as("claims without a '#### `id`' entry in the claims subsection of their paper's"
        + " section of docs/theory.md (id, citation, kind, class, study, statement, assumptions, conclusion)")
        .isEmpty();
    assertThat(missingRow).as("claims without a row '| `id` | paper | section |' in docs/theory.md section 6.4")
        .isEmpty();
  }

  @Test
  void everyCitedSectionExists() throws IOException {
    Set<String> sections = new TreeSet<>();
    for (String line : spec) {
      Matcher h = HEADING.matcher(line);
      if (h.find()) {
        sections.add(h.group(1));
      }
    }
    assertThat(sections).contains("0", "1", "2", "3", "4", "5", "6");
    List<String> dangling = new ArrayList<>();
    for (Path file : textFiles()) {
      String text = read(file);
      if (text == null) {
        continue;
      }
      Matcher m = CITATION.matcher(text);
      while (m.find()) {
        String cited = m.group(1) != null ? m.group(1) : m.group(2);
        if (!sections.contains(cited)) {
          dangling.add(root.relativize(file) + ": section " + cited);
        }
      }
    }
    assertThat(dangling).as("citations of sections docs/theory.md does not have (its sections: %s)", sections)
        .isEmpty();
  }

  @Test
  void noFileRefersToAPathOutsideTheRepository() throws IOException {
    String parentShared = ".." + "/shared";
    String brief = "THEORY" + ".md";
    List<String> offenders = new ArrayList<>();
    for (Path file : textFiles()) {
      String text = read(file);
      if (text != null && (text.contains(parentShared) || text.contains(brief))) {
        offenders.add(root.relativize(file).toString());
      }
    }
    assertThat(offenders).as("files citing a path outside the repository instead of docs/theory.md").isEmpty();
  }

  /** Text files of the repository, without build output and VCS data. */
  private static List<Path> textFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            Path rel = root.relativize(p);
            for (Path part : rel) {
              String s = part.toString();
              if (s.equals("target") || s.startsWith(".git") || s.equals("node_modules") || s.equals("out")) {
                return false;
              }
            }
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return dot >= 0 && TEXT_SUFFIXES.contains(name.substring(dot));
          })
          .sorted()
          .toList();
    }
  }

  /** The file as UTF-8, or null when it is not text. */
  private static String read(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      return null;
    }
  }
}
