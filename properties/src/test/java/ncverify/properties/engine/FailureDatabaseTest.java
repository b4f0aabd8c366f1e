package ncverify.properties.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure database: a shrunk failure is saved, replayed before any new try on the next run (with
 * a different seed, so the search alone would start elsewhere), and removed once it passes.
 */
class FailureDatabaseTest {

  @TempDir
  Path dir;

  private PropertyConfig config(long seed, ExampleDatabase db) {
    return PropertyConfig.defaults().withSeed(seed).withReplay(null).withDatabase(db).withTries(200)
        .withLog(line -> { });
  }

  private static final Gen<List<Integer>> LISTS = Gen.lists(Gen.integers(0, 1000), 0, 10);

  @Test
  void savedFailureIsReplayedFirstThenRemovedWhenItPasses() throws Exception {
    ExampleDatabase db = new ExampleDatabase(dir);
    PropertyBody<List<Integer>> sumBelow500 = xs -> assertThat(xs.stream().mapToInt(Integer::intValue).sum())
        .isLessThan(500);

    PropertyResult first = PropertyRunner.check("db", config(1, db), LISTS, sumBelow500);
    assertThat(first.passed()).isFalse();
    assertThat(first.shrunkValue()).isEqualTo("[500]");
    assertThat(db.load("db")).containsExactly(first.shrunkChoices());
    assertThat(Files.readString(db.fileOf("db"))).contains(first.shrunkChoices().toString());

    List<List<Integer>> seen = new ArrayList<>();
    PropertyResult second = PropertyRunner.check("db", config(99, db), LISTS, xs -> {
      seen.add(xs);
      sumBelow500.check(xs);
    });
    assertThat(seen.get(0)).as("the very first try replays the saved case").containsExactly(500);
    assertThat(second.counts().fromDatabase()).isEqualTo(1);
    assertThat(second.counts().tries()).as("no new try was needed").isZero();
    assertThat(second.counterexample().origin()).isEqualTo("database");
    assertThat(second.shrunkValue()).isEqualTo("[500]");
    assertThat(second.report()).contains("replayed from the failure database");

    PropertyResult fixed = PropertyRunner.check("db", config(99, db), LISTS, xs -> { });
    assertThat(fixed.passed()).isTrue();
    assertThat(fixed.counts().fromDatabase()).isEqualTo(1);
    assertThat(fixed.notes()).anyMatch(n -> n.contains("removed from the failure database"));
    assertThat(db.load("db")).isEmpty();
    assertThat(db.fileOf("db")).doesNotExist();
  }

  @Test
  void withoutDatabaseNothingIsSavedOrReplayed() {
    PropertyResult r = PropertyRunner.check("no db", config(1, null), LISTS,
        xs -> assertThat(xs.size()).isLessThan(3));
    assertThat(r.passed()).isFalse();
    assertThat(r.counts().fromDatabase()).isZero();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void systemPropertySelectsTheFolderOrTurnsTheDatabaseOff() {
    String before = System.getProperty(ExampleDatabase.PROPERTY);
    try {
      System.setProperty(ExampleDatabase.PROPERTY, "off");
      assertThat(ExampleDatabase.fromSystemProperties()).isNull();
      System.setProperty(ExampleDatabase.PROPERTY, dir.toString());
      assertThat(ExampleDatabase.fromSystemProperties().dir()).isEqualTo(dir);
      System.clearProperty(ExampleDatabase.PROPERTY);
      assertThat(ExampleDatabase.fromSystemProperties().dir().toString()).endsWith(ExampleDatabase.DEFAULT_FOLDER);
    } finally {
      if (before == null) {
        System.clearProperty(ExampleDatabase.PROPERTY);
      } else {
        System.setProperty(ExampleDatabase.PROPERTY, before);
      }
    }
  }

  @Test
  void malformedLinesAreSkippedAndNamesAreFileSafe() throws Exception {
    ExampleDatabase db = new ExampleDatabase(dir);
    Path f = db.fileOf("Class#method (with / odd: chars)");
    assertThat(f.getFileName().toString()).matches("[A-Za-z0-9._-]+\\.txt");
    Files.writeString(f, "# comment\n1,2,x\n3,4\n");
    assertThat(db.load("Class#method (with / odd: chars)")).containsExactly(ChoiceSequence.parse("3,4"));
  }
}
