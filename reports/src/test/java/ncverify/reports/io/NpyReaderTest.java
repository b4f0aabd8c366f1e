package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {

  @TempDir
  Path dir;

  /** Encodes a .npy file byte by byte, independently of NpyWriter. */
  static byte[] npy(int major, String descr, boolean fortran, String shape, ByteOrder order, int item, double[] values) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    int prefix = major == 1 ? 10 : 12;
    int pad = (64 - (prefix + dict.length() + 1) % 64) % 64;
    byte[] h = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(prefix + h.length + values.length * item);
    b.order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) h.length);
    } else {
      b.putInt(h.length);
    }
    b.put(h);
    b.order(order);
    char kind = descr.charAt(1);
    for (double v : values) {
      if (kind == 'f') {
        if (item == 4) {
          b.putFloat((float) v);
        } else {
          b.putDouble(v);
        }
      } else if (item == 4) {
        b.putInt((int) v);
      } else if (item == 8) {
        b.putLong((long) v);
      } else {
        b.put((byte) v);
      }
    }
    return b.array();
  }

  Path file(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  @Test
  void readsFloat64LittleAndBigEndianCAndFortranOrder() throws IOException {
    double[] c = {1, 2, 3, 4, 5, 6}; // 2 x 3 in C order
    double[] f = {1, 4, 2, 5, 3, 6}; // the same matrix in Fortran order
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      String e = order == ByteOrder.BIG_ENDIAN ? ">" : "<";
      NpyArray a = NpyReader.read(file("c.npy", npy(1, e + "f8", false, "(2, 3)", order, 8, c)));
      assertThat(a.shape()).containsExactly(2, 3);
      assertThat(a.data()).containsExactly(c);
      NpyArray b = NpyReader.read(file("f.npy", npy(2, e + "f8", true, "(2, 3)", order, 8, f)));
      assertThat(b.data()).containsExactly(c);
    }
  }

  @Test
  void readsFloat32AndIntegerLabels() throws IOException {
    NpyArray a = NpyReader.read(file("a.npy", npy(1, "<f4", false, "(3,)", ByteOrder.LITTLE_ENDIAN, 4, new double[] {0.5, -2, 3.25})));
    assertThat(a.data()).containsExactly(0.5, -2, 3.25);
    NpyArray y4 = NpyReader.read(file("y4.npy", npy(1, "<i4", false, "(4,)", ByteOrder.LITTLE_ENDIAN, 4, new double[] {0, 1, 2, 1})));
    assertThat(y4.integral()).isTrue();
    assertThat(ArrayFiles.labels(dir.resolve("y4.npy"))).containsExactly(0, 1, 2, 1);
    file("y8.npy", npy(1, "<i8", false, "(2,)", ByteOrder.LITTLE_ENDIAN, 8, new double[] {3, 0}));
    assertThat(ArrayFiles.labels(dir.resolve("y8.npy"))).containsExactly(3, 0);
    file("yu.npy", npy(1, "|u1", false, "(2,)", ByteOrder.LITTLE_ENDIAN, 1, new double[] {200, 7}));
    assertThat(ArrayFiles.labels(dir.resolve("yu.npy"))).containsExactly(200, 7);
  }

  @Test
  void roundTripsThroughWriterAndTransposesFeatures() throws IOException {
    Random r = new Random(1);
    int n = 7;
    int d = 3;
    double[] x = new double[n * d];
    Arrays.setAll(x, i -> r.nextGaussian());
    Path p = dir.resolve("h.npy");
    NpyWriter.writeMatrix(p, x, n, d);
    var h = ArrayFiles.features(p);
    assertThat(h.numRows).isEqualTo(d);
    assertThat(h.numCols).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        assertThat(h.get(j, i)).isEqualTo(x[i * d + j]);
      }
    }
    NpyWriter.writeLabels(dir.resolve("y.npy"), new int[] {2, 0, 1});
    assertThat(ArrayFiles.labels(dir.resolve("y.npy"))).containsExactly(2, 0, 1);
  }

  @Test
  void rejectsBadFilesWithOneLineMessages() throws IOException {
    byte[] good = npy(1, "<f8", false, "(2, 3)", ByteOrder.LITTLE_ENDIAN, 8, new double[] {1, 2, 3, 4, 5, 6});
    Path trunc = file("t.npy", Arrays.copyOf(good, good.length - 5));
    assertThatThrownBy(() -> NpyReader.read(trunc)).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
    byte[] bad = good.clone();
    bad[1] = 'X';
    Path magic = file("m.npy", bad);
    assertThatThrownBy(() -> ArrayFiles.read(magic)).isInstanceOf(InvalidInputException.class).hasMessageContaining("magic");
    Path huge = file("huge.npy", npy(1, "<f8", false, "(100000000000, 100000)", ByteOrder.LITTLE_ENDIAN, 8, new double[0]));
    assertThatThrownBy(() -> NpyReader.read(huge)).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
    Path big = file("big.npy", npy(1, "<f8", false, "(1000, 1000)", ByteOrder.LITTLE_ENDIAN, 8, new double[] {1}));
    assertThatThrownBy(() -> NpyReader.read(big)).isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
    Path complex = file("c.npy", npy(1, "<c16", false, "(1,)", ByteOrder.LITTLE_ENDIAN, 16, new double[0]));
    assertThatThrownBy(() -> NpyReader.read(complex)).isInstanceOf(InvalidInputException.class).hasMessageContaining("dtype");
    Path nan = file("nan.npy", npy(1, "<f8", false, "(1, 2)", ByteOrder.LITTLE_ENDIAN, 8, new double[] {1, Double.NaN}));
    assertThatThrownBy(() -> ArrayFiles.features(nan)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("NaN").hasMessageContaining("row 0, column 1");
    Path fl = file("fl.npy", npy(1, "<f8", false, "(2,)", ByteOrder.LITTLE_ENDIAN, 8, new double[] {1, 0.5}));
    assertThatThrownBy(() -> ArrayFiles.labels(fl)).isInstanceOf(InvalidInputException.class).hasMessageContaining("not an integer");
    assertThatThrownBy(() -> ArrayFiles.read(dir.resolve("missing.npy"))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("No such file or directory");
  }

  @Test
  void readsCsvWithHeader() throws IOException {
    Path p = dir.resolve("h.csv");
    Files.writeString(p, "a,b\n1,2\n3,4.5\n");
    NpyArray a = ArrayFiles.read(p);
    assertThat(a.shape()).containsExactly(2, 2);
    assertThat(a.data()).containsExactly(1, 2, 3, 4.5);
    Files.writeString(p, "1,2\n3\n");
    assertThatThrownBy(() -> ArrayFiles.read(p)).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 2");
  }
}
