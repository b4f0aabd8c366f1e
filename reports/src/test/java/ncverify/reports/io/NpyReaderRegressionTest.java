package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shrunk inputs that {@link ReaderFuzzProperties} found, pinned. */
class NpyReaderRegressionTest {

  @TempDir
  Path dir;

  /** Header {@code dict} (version 1.0) followed by {@code dataBytes} zero bytes. */
  static byte[] npy(String dict, int dataBytes) {
    byte[] hb = dict.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) hb.length, (byte) (hb.length >> 8)});
    out.writeBytes(hb);
    out.writeBytes(new byte[dataBytes]);
    return out.toByteArray();
  }

  @Test
  void anItemSizeBeyondIntIsAnUnsupportedDtypeNotANumberFormatException() throws IOException {
    Path f = dir.resolve("x.npy");
    Files.write(f, npy("{'descr': '<f99999999999', 'fortran_order': False, 'shape': (3,), }", 24));
    assertThatThrownBy(() -> NpyReader.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessage("x.npy: unsupported dtype '<f99999999999' (need float, int, uint or bool)");
  }

  @Test
  void nativeOrderIsTheMachineOrder() throws IOException {
    Path f = dir.resolve("n.npy");
    byte[] b = NpyBytes.encode("=i4", false, new long[] {2}, new long[] {7, -3}, 1, false);
    Files.write(f, b);
    assertThat(NpyReader.read(f).data()).containsExactly(7, -3);
  }

  @Test
  void aBinaryFileWithoutTheMagicIsNotUtf8TextRatherThanAnEncoderMessage() throws IOException {
    Path f = dir.resolve("x.dat");
    Files.write(f, new byte[] {'1', ',', (byte) 0xff, (byte) 0xfe, '\n'});
    assertThatThrownBy(() -> ArrayFiles.read(f)).isInstanceOf(InvalidInputException.class)
        .hasMessage("x.dat: not a UTF-8 text file (nor a .npy file)");
  }

  @Test
  void anEmptyFileNameIsNamedAsSuch() {
    assertThatThrownBy(() -> ArrayFiles.features(Path.of(""))).isInstanceOf(InvalidInputException.class)
        .hasMessage("empty file name");
  }
}
