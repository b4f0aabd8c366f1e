import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CI summary of the skipped tests: reads every surefire/failsafe report (target/*-reports/TEST-*.xml)
 * under the given root and prints how many tests ran and were skipped, then each skip reason with the
 * tests it skipped. Run with the single-file launcher after {@code mvn -B verify}:
 * {@code java .ci/SkippedTests.java ROOT [MARKER]}; with MARKER, only reports written after that file
 * was touched count (so stale reports of an earlier run in the same tree are ignored). Always exits
 * 0: it reports, the build decides.
 */
public final class SkippedTests {

  private SkippedTests() {
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return Long.MIN_VALUE;
    }
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    long since = args.length > 1 ? Files.getLastModifiedTime(Path.of(args[1])).toMillis() : Long.MIN_VALUE;
    List<Path> reports;
    try (Stream<Path> s = Files.walk(root)) {
      reports = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
          .filter(p -> p.getParent() != null && p.getParent().getFileName().toString().endsWith("-reports"))
          .filter(p -> modified(p) >= since).sorted().toList();
    }
    int tests = 0;
    Map<String, List<String>> byReason = new TreeMap<>();
    for (Path p : reports) {
      Element suite;
      try {
        suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile()).getDocumentElement();
      } catch (IOException | org.xml.sax.SAXException e) {
        System.out.println("ci: unreadable test report " + p + ": " + e.getMessage());
        continue;
      }
      NodeList cases = suite.getElementsByTagName("testcase");
      tests += cases.getLength();
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        NodeList skipped = c.getElementsByTagName("skipped");
        if (skipped.getLength() == 0) {
          continue;
        }
        String reason = ((Element) skipped.item(0)).getAttribute("message").strip();
        String name = c.getAttribute("classname").replaceFirst("^.*\\.", "") + "#" + c.getAttribute("name");
        byReason.computeIfAbsent(reason.isEmpty() ? "(no reason given)" : reason, r -> new ArrayList<>()).add(name);
      }
    }
    int skipped = byReason.values().stream().mapToInt(List::size).sum();
    System.out.printf("ci: %d tests in %d reports, %d skipped%n", tests, reports.size(), skipped);
    byReason.forEach((reason, names) -> {
      System.out.printf("ci:   %d skipped: %s%n", names.size(), reason);
      names.forEach(n -> System.out.println("ci:       " + n));
    });
  }
}
