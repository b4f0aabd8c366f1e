package ncverify.reports.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A .npy encoder written for the tests, independently of {@link NpyWriter}: any dtype of the
 * format (float16/32/64, int8-64, uint8-64, bool), any byte-order character, C or Fortran order,
 * format versions 1.0, 2.0 and 3.0, following numpy/lib/format.py (header padded with spaces and a
 * final newline so that the data starts at a multiple of 64 bytes).
 */
public final class NpyBytes {

  private NpyBytes() {
  }

  /**
   * Encodes {@code raw} (one element per entry, given in logical C order, each as the bit pattern of
   * the dtype in the low bits of the long) with the header of {@code descr}, e.g. {@code ">f4"}.
   */
  public static byte[] encode(String descr, boolean fortran, long[] shape, long[] raw, int version, boolean shuffledKeys) {
    char order = descr.charAt(0);
    int size = Integer.parseInt(descr.substring(2));
    ByteOrder bo = switch (order) {
      case '>' -> ByteOrder.BIG_ENDIAN;
      case '=' -> ByteOrder.nativeOrder();
      default -> ByteOrder.LITTLE_ENDIAN; // '<', and '|' (1-byte types: order irrelevant)
    };
    String header = headerDict(descr, fortran, shape, shuffledKeys);
    int prefix = version == 1 ? 10 : 12;
    byte[] hb = header.getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int pad = (64 - (prefix + hb.length + 1) % 64) % 64;
    byte[] padded = new byte[hb.length + pad + 1];
    System.arraycopy(hb, 0, padded, 0, hb.length);
    for (int i = hb.length; i < padded.length - 1; i++) {
      padded[i] = ' ';
    }
    padded[padded.length - 1] = '\n';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
    ByteBuffer len = ByteBuffer.allocate(version == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
    if (version == 1) {
      len.putShort((short) padded.length);
    } else {
      len.putInt(padded.length);
    }
    out.writeBytes(len.array());
    out.writeBytes(padded);
    ByteBuffer data = ByteBuffer.allocate(raw.length * size).order(bo);
    int rows = shape.length == 2 ? (int) shape[0] : raw.length;
    int cols = shape.length == 2 ? (int) shape[1] : 1;
    for (int s = 0; s < raw.length; s++) {
      // storage position s holds logical element: C order s, Fortran order (s % rows, s / rows)
      int logical = fortran && shape.length == 2 ? (s % rows) * cols + s / rows : s;
      long v = raw[logical];
      switch (size) {
        case 1 -> data.put((byte) v);
        case 2 -> data.putShort((short) v);
        case 4 -> data.putInt((int) v);
        default -> data.putLong(v);
      }
    }
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  public static String headerDict(String descr, boolean fortran, long[] shape, boolean shuffledKeys) {
    String d = "'descr': '" + descr + "'";
    String f = "'fortran_order': " + (fortran ? "True" : "False");
    String s = "'shape': " + shapeTuple(shape);
    return shuffledKeys ? "{" + s + ", " + f + ",  " + d + "}" : "{" + d + ", " + f + ", " + s + ", }";
  }

  public static String shapeTuple(long[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%d", shape[i]));
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /**
   * Writes a .npy file (format 1.0, C order) declaring {@code shape} of {@code descr} whose data are a hole
   * in the file: the length is set, no disk block is written, so a file of many GB costs nothing.
   */
  public static Path sparse(Path file, String descr, long... shape) throws IOException {
    String dict = headerDict(descr, false, shape, false);
    byte[] hb = (dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    long count = 1;
    for (long s : shape) {
      count *= s;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) hb.length, 0});
      raf.write(hb);
      raf.setLength(128 + count * Integer.parseInt(descr.substring(2)));
    }
    return file;
  }
}
