package ncverify.theory;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Failed file operations as the user reads them: the operating system's own wording ("No such file or
 * directory", "Permission denied", "Not a directory", ...) instead of a Java exception class name.
 * Java reports several errno values only through the exception type (a {@link NoSuchFileException}'s
 * message is just the path), so the type is translated back to the strerror text.
 */
public final class IoErrors {

  /**
   * The text for the exception types that carry their reason only in their type: the {@link
   * FileSystemException} subtypes whose message is just the path (strerror wording; checked before the
   * general {@link FileSystemException}, whose own reason is used), end of file and interruption.
   */
  private static final List<Map.Entry<Class<?>, String>> STRERROR = List.of(
      Map.entry(NoSuchFileException.class, "No such file or directory"),
      Map.entry(AccessDeniedException.class, "Permission denied"),
      Map.entry(FileAlreadyExistsException.class, "File exists"),
      Map.entry(NotDirectoryException.class, "Not a directory"),
      Map.entry(DirectoryNotEmptyException.class, "Directory not empty"),
      Map.entry(NotLinkException.class, "Not a symbolic link"),
      Map.entry(FileSystemLoopException.class, "Too many levels of symbolic links"),
      Map.entry(EOFException.class, "unexpected end of file"),
      Map.entry(ClosedByInterruptException.class, "interrupted"));

  private IoErrors() {
  }

  /**
   * The reason of {@code e} in the operating system's words, prefixed with the path it concerns when
   * that path is not {@code subject} (e.g. the missing parent of a directory to create).
   */
  public static String reason(Throwable e, Object subject) {
    Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    String text = text(t);
    if (t instanceof FileSystemException f && f.getFile() != null && subject != null
        && !Path.of(f.getFile()).equals(Path.of(subject.toString()))) {
      return f.getFile() + ": " + text;
    }
    return text;
  }

  /** {@link #reason(Throwable, Object)} without a subject path. */
  public static String reason(Throwable e) {
    return reason(e, null);
  }

  /** A one-line {@link InvalidInputException}: {@code "cannot <action> <file>: <reason>"}. */
  public static InvalidInputException failure(String action, Object file, Throwable e) {
    return new InvalidInputException("cannot " + action + " " + file + ": " + reason(e, file), e);
  }

  /**
   * Checks that {@code file} is a readable regular file, with the operating system's wording otherwise:
   * {@code "FILE: No such file or directory"}, {@code "FILE: Is a directory"}, {@code "FILE: Permission
   * denied"}, {@code "FILE: not a regular file"}.
   */
  public static void requireReadableFile(Path file) {
    if (!java.nio.file.Files.exists(file)) {
      throw InvalidInputException.of("%s: No such file or directory", file);
    }
    if (java.nio.file.Files.isDirectory(file)) {
      throw InvalidInputException.of("%s: Is a directory", file);
    }
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw InvalidInputException.of("%s: not a regular file", file);
    }
    if (!java.nio.file.Files.isReadable(file)) {
      throw InvalidInputException.of("%s: Permission denied", file);
    }
  }

  private static String text(Throwable t) {
    for (Map.Entry<Class<?>, String> e : STRERROR) {
      if (e.getKey().isInstance(t)) {
        return e.getValue();
      }
    }
    if (t instanceof FileSystemException f) {
      return f.getReason() != null ? f.getReason() : "Input/output error";
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? "Input/output error" : m.strip().split("\\R", 2)[0];
  }
}
