package ncverify.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import ncverify.impl.train.DivergenceException;
import ncverify.properties.study.ClaimViolation;
import ncverify.theory.InvalidInputException;
import ncverify.theory.IoErrors;

/**
 * One line of text for a failure, worded for the user (issue 16): an invalid input, a diverged training
 * run or a claim violation by its own message; a failed file operation in the operating system's words
 * ({@link IoErrors}: "No such file or directory", never "NoSuchFileException"); anything else is a bug in
 * ncv and reads {@code "internal error: <type>: <message>"}, the only text that names a Java type.
 */
public final class ErrorText {

  /** Longest line kept; longer ones are cut with "...". */
  public static final int MAX_LENGTH = 500;

  private ErrorText() {
  }

  /** The failure behind executor and completion wrappers. */
  public static Throwable unwrap(Throwable t) {
    Throwable u = t;
    while ((u instanceof CompletionException || u instanceof ExecutionException) && u.getCause() != null) {
      u = u.getCause();
    }
    return u;
  }

  /** Whether {@code t} is an expected outcome (bad input, divergence, a violated claim), not a bug. */
  public static boolean isExpected(Throwable t) {
    return t instanceof InvalidInputException || t instanceof DivergenceException || t instanceof ClaimViolation;
  }

  /** Whether {@code t} is a failed file operation. */
  public static boolean isIo(Throwable t) {
    return t instanceof IOException || t instanceof UncheckedIOException;
  }

  /** The one-line text of {@code t}; see the class comment. */
  public static String of(Throwable t) {
    Throwable u = unwrap(t);
    if (isExpected(u)) {
      return oneLine(u.getMessage());
    }
    if (isIo(u)) {
      return oneLine(IoErrors.reason(u));
    }
    String message = u.getMessage() == null || u.getMessage().isBlank() ? "" : ": " + u.getMessage();
    return oneLine("internal error: " + u.getClass().getSimpleName() + message);
  }

  /**
   * The first line of {@code s}, with control characters (which could come from a file or an argument
   * echoed in the message) shown as {@code ?}, cut to {@link #MAX_LENGTH} characters; "error" when blank.
   */
  public static String oneLine(String s) {
    if (s == null || s.isBlank()) {
      return "error";
    }
    String first = s.strip().split("\\R", 2)[0].replaceAll("\\p{Cntrl}", "?");
    return first.length() > MAX_LENGTH ? first.substring(0, MAX_LENGTH - 3) + "..." : first;
  }
}
