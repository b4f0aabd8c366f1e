package ncverify.reports.cli;

/** A command-line level user error (e.g. an unwritable output directory): one line, exit 2. */
public class UserErrorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UserErrorException(String message) {
    super(message);
  }
}
