package ncverify.reports.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes little-endian C-order {@code .npy} version 1.0 files ({@code <f8} or {@code <i8}), through a
 * temporary file renamed into place, so a failed write never leaves a partial file behind.
 */
public final class NpyWriter {

  private NpyWriter() {
  }

  /** Writes a rows x cols float64 matrix given in row-major order. */
  public static void writeMatrix(Path file, double[] rowMajor, int rows, int cols) throws IOException {
    if ((long) rows * cols != rowMajor.length) {
      throw new IllegalArgumentException("shape " + rows + "x" + cols + " does not match " + rowMajor.length + " values");
    }
    write(file, "<f8", "(" + rows + ", " + cols + ")", rowMajor.length, (buf, i) -> buf.putDouble(rowMajor[i]));
  }

  /** Writes a 1-D int64 array (labels). */
  public static void writeLabels(Path file, int[] labels) throws IOException {
    write(file, "<i8", "(" + labels.length + ",)", labels.length, (buf, i) -> buf.putLong(labels[i]));
  }

  /** Writes a 1-D float64 array. */
  public static void writeVector(Path file, double[] v) throws IOException {
    write(file, "<f8", "(" + v.length + ",)", v.length, (buf, i) -> buf.putDouble(v[i]));
  }

  private interface Put {
    void put(ByteBuffer buf, int i);
  }

  private static void write(Path file, String descr, String shape, int n, Put put) throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    StringBuilder header = new StringBuilder(dict);
    header.append(" ".repeat(pad)).append('\n');
    byte[] hb = header.toString().getBytes(StandardCharsets.ISO_8859_1);
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".ncv-", ".npy.tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        pre.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        pre.putShort((short) hb.length);
        out.write(pre.array());
        out.write(hb);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          if (buf.remaining() < 8) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
          }
          put.put(buf, i);
        }
        out.write(buf.array(), 0, buf.position());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
