package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading on small files written by the test itself. */
class IdxReaderTest {

  @TempDir
  Path tmp;

  /** Bytes of an IDX file: magic, dims, payload. */
  static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(payload);
    }
    return bytes.toByteArray();
  }

  static void write(Path p, byte[] content, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(p))
        : Files.newOutputStream(p)) {
      out.write(content);
    }
  }

  @Test
  void readsImagesPlainAndGzipped() throws IOException {
    byte[] px = new byte[2 * 3 * 2];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (250 + i); // crosses 255 -> tests unsigned reading: 250..255, 0..5
    }
    byte[] file = idx(2051, new int[] {2, 3, 2}, px);
    for (boolean gz : new boolean[] {false, true}) {
      Path p = tmp.resolve(gz ? "img.gz" : "img");
      write(p, file, gz);
      IdxReader.Images im = IdxReader.readImages(p);
      assertThat(im.count()).isEqualTo(2);
      assertThat(im.rows()).isEqualTo(3);
      assertThat(im.cols()).isEqualTo(2);
      assertThat(im.pixel(0, 0, 0)).isEqualTo(250);
      assertThat(im.pixel(0, 2, 1)).isEqualTo(255);
      assertThat(im.pixel(1, 0, 0)).isEqualTo(0);
      assertThat(im.pixel(1, 2, 1)).isEqualTo(5);
    }
  }

  @Test
  void readsLabels() throws IOException {
    Path p = tmp.resolve("lab.gz");
    write(p, idx(2049, new int[] {4}, new byte[] {3, 0, 9, (byte) 200}), true);
    assertThat(IdxReader.readLabels(p)).containsExactly(3, 0, 9, 200);
  }

  @Test
  void truncatedFilesAreNamed() throws IOException {
    byte[] file = idx(2051, new int[] {2, 3, 2}, new byte[12]);
    for (boolean gz : new boolean[] {false, true}) {
      Path p = tmp.resolve(gz ? "short.gz" : "short");
      write(p, Arrays.copyOf(file, file.length - 1), gz);
      assertThatThrownBy(() -> IdxReader.readImages(p)).isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(p.toString()).hasMessageContaining("truncated");
    }
    Path header = tmp.resolve("header");
    write(header, new byte[] {0, 0, 8}, false);
    assertThatThrownBy(() -> IdxReader.readLabels(header))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
  }

  @Test
  void badMagicIsNamed() throws IOException {
    Path p = tmp.resolve("labels-as-images");
    write(p, idx(2049, new int[] {1}, new byte[] {1}), false);
    assertThatThrownBy(() -> IdxReader.readImages(p)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining("magic 2049");
  }

  @Test
  void missingFileIsNamed() {
    Path p = tmp.resolve("nope");
    assertThatThrownBy(() -> IdxReader.readLabels(p)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(p.toString());
  }
}
