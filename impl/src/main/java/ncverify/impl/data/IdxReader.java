package ncverify.impl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import ncverify.theory.InvalidInputException;
import ncverify.theory.IoErrors;

/**
 * Reads unsigned-byte IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed
 * (detected from the gzip magic bytes 1f 8b, whatever the file name).
 *
 * <p>Layout: a big-endian int magic {@code 0x000008nn} (type 0x08 = unsigned byte, nn = number of
 * dimensions), nn big-endian int dimensions, then the bytes in row-major order. Images have magic
 * {@value #IMAGES_MAGIC} (3 dims: count, rows, cols), labels {@value #LABELS_MAGIC} (1 dim: count).
 * A missing, truncated or bad-magic file throws InvalidInputException naming the file.
 */
public final class IdxReader {

  /** Magic number of an image file (0x00000803). */
  public static final int IMAGES_MAGIC = 2051;
  /** Magic number of a label file (0x00000801). */
  public static final int LABELS_MAGIC = 2049;

  private IdxReader() {
  }

  /** count images of rows x cols unsigned bytes, image i at pixels[i rows cols ..]. */
  public record Images(int count, int rows, int cols, byte[] pixels) {
    /** Pixel (r, c) of image i in 0..255. */
    public int pixel(int i, int r, int c) {
      return pixels[(i * rows + r) * cols + c] & 0xff;
    }
  }

  /** Reads an image file (magic 2051). */
  public static Images readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int[] dims = header(in, file, IMAGES_MAGIC);
      long total = (long) dims[0] * dims[1] * dims[2];
      if (total > Integer.MAX_VALUE - 8) {
        throw InvalidInputException.of("IDX file %s declares %d pixels, too many", file, total);
      }
      return new Images(dims[0], dims[1], dims[2], readBytes(in, (int) total));
    } catch (EOFException e) {
      throw new InvalidInputException("IDX file " + file + " is truncated", e);
    } catch (IOException e) {
      throw IoErrors.failure("read IDX file", file, e);
    }
  }

  /** Reads a label file (magic 2049); values 0..255. */
  public static int[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int[] dims = header(in, file, LABELS_MAGIC);
      byte[] raw = readBytes(in, dims[0]);
      int[] labels = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        labels[i] = raw[i] & 0xff;
      }
      return labels;
    } catch (EOFException e) {
      throw new InvalidInputException("IDX file " + file + " is truncated", e);
    } catch (IOException e) {
      throw IoErrors.failure("read IDX file", file, e);
    }
  }

  /** Bytes read per step, so a short file declaring a huge count fails before the count is allocated. */
  private static final int CHUNK = 1 << 20;

  /**
   * Reads exactly {@code n} bytes, growing the buffer chunk by chunk as the bytes arrive: a truncated
   * file declaring 2^31 bytes throws EOFException after allocating about what it holds, not 2 GB.
   */
  private static byte[] readBytes(DataInputStream in, int n) throws IOException {
    byte[] out = new byte[Math.min(n, CHUNK)];
    int filled = 0;
    while (filled < n) {
      if (filled == out.length) {
        out = java.util.Arrays.copyOf(out, (int) Math.min(n, 2L * out.length));
      }
      in.readFully(out, filled, out.length - filled);
      filled = out.length;
    }
    return out;
  }

  /** Checks the magic and reads its (magic &amp; 0xff) dimensions. */
  private static int[] header(DataInputStream in, Path file, int magic) throws IOException {
    int got = in.readInt();
    if (got != magic) {
      throw InvalidInputException.of("IDX file %s has magic %d (0x%08x), expected %d", file, got,
          got, magic);
    }
    int[] dims = new int[magic & 0xff];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = in.readInt();
      if (dims[i] < 0) {
        throw InvalidInputException.of("IDX file %s has negative dimension %d", file, dims[i]);
      }
    }
    return dims;
  }

  private static DataInputStream open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.of("IDX file %s does not exist", file);
    }
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      raw = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
    }
    return new DataInputStream(raw);
  }
}
