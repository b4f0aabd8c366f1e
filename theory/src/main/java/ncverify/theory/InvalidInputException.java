package ncverify.theory;

/**
 * Bad input that a user can fix: NaN/Inf in a matrix, a label outside 0..K-1, an empty class, K = 1,
 * mismatched shapes, a negative regularizer, an unreadable file. The message is one line that names
 * the problem; the command line prints it on stderr and exits with code 2.
 */
public class InvalidInputException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Formats the message with {@link String#format}. */
  public static InvalidInputException of(String format, Object... args) {
    return new InvalidInputException(String.format(java.util.Locale.ROOT, format, args));
  }
}
