package ncverify.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** Failed file operations in the operating system's words, never a Java class name. */
class IoErrorsTest {

  @Test
  void exceptionTypesThatCarryOnlyThePathReadAsStrerror() {
    assertThat(IoErrors.reason(new NoSuchFileException("a.npy"), "a.npy")).isEqualTo("No such file or directory");
    assertThat(IoErrors.reason(new AccessDeniedException("a.npy"), "a.npy")).isEqualTo("Permission denied");
    assertThat(IoErrors.reason(new UncheckedIOException(new NotDirectoryException("d/x")), "d/x"))
        .isEqualTo("Not a directory");
    assertThat(IoErrors.reason(new EOFException())).isEqualTo("unexpected end of file");
    assertThat(IoErrors.reason(new ClosedByInterruptException())).isEqualTo("interrupted");
  }

  @Test
  void otherPathsArePrefixedAndOtherReasonsKeptToOneLine() {
    assertThat(IoErrors.reason(new NoSuchFileException("out"), "out/a.json"))
        .isEqualTo("out: No such file or directory");
    assertThat(IoErrors.reason(new FileSystemException("a", null, "No space left on device"), "a"))
        .isEqualTo("No space left on device");
    assertThat(IoErrors.reason(new FileSystemException("a"), "a")).isEqualTo("Input/output error");
    assertThat(IoErrors.reason(new IOException("bad header\n  at line 2"))).isEqualTo("bad header");
    assertThat(IoErrors.reason(new IOException(" "))).isEqualTo("Input/output error");
    assertThat(IoErrors.failure("read", "a.npy", new NoSuchFileException("a.npy")).getMessage())
        .isEqualTo("cannot read a.npy: No such file or directory");
  }
}
