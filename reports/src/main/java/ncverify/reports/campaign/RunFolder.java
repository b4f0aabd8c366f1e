package ncverify.reports.campaign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import ncverify.reports.cli.UserErrorException;
import ncverify.reports.json.Json;
import ncverify.theory.IoErrors;

/**
 * The output folder of a campaign: creates it (checking it is writable up front) and writes the
 * ledger atomically (ledger.json and ledger.md via temp file + rename), so a reader never sees a
 * half-written ledger, even when the Ctrl-C hook writes a partial one.
 */
public final class RunFolder {

  private final Path dir;

  private RunFolder(Path dir) {
    this.dir = dir;
  }

  /**
   * Default folder {@code reports/out/<UTC timestamp>/} under the project root (system property
   * {@code ncverify.home}, set by the {@code ./ncv} launcher), else under the working directory.
   */
  public static Path defaultDir() {
    String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of(System.getProperty("ncverify.home", "."), "reports", "out", stamp);
  }

  /** Creates {@code dir} and checks it is writable; throws a one-line {@link UserErrorException} otherwise. */
  public static RunFolder create(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new UserErrorException("cannot write the output folder " + dir + ": " + IoErrors.reason(e, dir));
    } catch (UnsupportedOperationException | SecurityException e) {
      throw new UserErrorException("cannot write the output folder " + dir + ": not a writable file system");
    }
    return new RunFolder(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Writes ledger.json and ledger.md. */
  public synchronized void writeLedger(CampaignResult r) throws IOException {
    Json.writeFile(dir.resolve("ledger.json"), r.toJsonMap());
    Json.writeStringAtomically(dir.resolve("ledger.md"), LedgerMarkdown.render(r));
    shareable(dir.resolve("ledger.json"));
    shareable(dir.resolve("ledger.md"));
  }

  /**
   * Makes a file written via a temporary file (created owner-only) readable by everyone, like the
   * figures, so a run folder can be shared; a no-op where POSIX permissions are not supported.
   */
  public static void shareable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the default permissions apply
    }
  }
}
