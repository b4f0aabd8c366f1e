package ncverify.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import ncverify.impl.train.DivergenceException;
import ncverify.properties.study.ClaimViolation;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Failures as one line for the user: no Java type name except for a bug, which says so. */
class ErrorTextTest {

  @Test
  void expectedFailuresReadAsTheirOwnMessage() {
    assertThat(ErrorText.of(new InvalidInputException("K = 1: need at least 2 classes"))).isEqualTo(
        "K = 1: need at least 2 classes");
    assertThat(ErrorText.of(new DivergenceException(7, "loss is NaN"))).isEqualTo("diverged at step 7: loss is NaN");
    assertThat(ErrorText.of(new ClaimViolation(List.of("a.b"), "a.b VIOLATED\nsecond line"))).isEqualTo(
        "a.b VIOLATED");
  }

  @Test
  void fileFailuresReadLikeTheOperatingSystem() {
    NoSuchFileException missing = new NoSuchFileException("/x/y.npy");
    assertThat(ErrorText.of(missing)).isEqualTo("No such file or directory");
    assertThat(ErrorText.of(new UncheckedIOException(missing))).isEqualTo("No such file or directory");
    assertThat(ErrorText.of(new CompletionException(new ExecutionException(new IOException("No space left on device")))))
        .isEqualTo("No space left on device");
  }

  @Test
  void bugsAreNamedAsInternalErrors() {
    assertThat(ErrorText.of(new IllegalStateException("x"))).isEqualTo("internal error: IllegalStateException: x");
    assertThat(ErrorText.of(new NullPointerException())).isEqualTo("internal error: NullPointerException");
  }

  @Test
  void oneLineCutsControlCharactersAndLength() {
    assertThat(ErrorText.oneLine("  a\u0007b\nc")).isEqualTo("a?b");
    assertThat(ErrorText.oneLine(null)).isEqualTo("error");
    assertThat(ErrorText.oneLine("x".repeat(600))).hasSize(ErrorText.MAX_LENGTH).endsWith("...");
  }
}
