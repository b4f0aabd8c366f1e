package ncverify.reports.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ncverify.theory.InvalidInputException;
import ncverify.theory.IoErrors;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0): dtypes float16/32/64, int8-64,
 * uint8-64 and bool, little or big endian, C or Fortran order, any rank up to 2 that the caller
 * accepts. The declared size is checked against the file length before anything is allocated, so a
 * huge declared shape in a small file is an error, not an OutOfMemoryError.
 *
 * <p>Format: magic {@code \x93NUMPY}, major, minor, header length (2 bytes little endian for 1.0,
 * 4 bytes for 2.0/3.0), a Python dict literal with 'descr', 'fortran_order', 'shape', then raw data.
 */
public final class NpyReader {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  /** Refuse arrays above this many elements (2^31 - 16, the largest Java array). */
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16L;

  private NpyReader() {
  }

  /**
   * The header of a .npy file and where its data start, checked against the file's length (a declared
   * shape larger than the file is "truncated"). The element count may exceed what one Java array holds
   * ({@link MappedNpy} streams such files).
   *
   * @param header the parsed header
   * @param dataOffset byte position of the first element
   * @param count number of elements
   */
  record Layout(Header header, long dataOffset, long count) {
  }

  /** Opens {@code file}, parses and checks its header. */
  static Layout layout(Path file) {
    String name = displayName(file);
    if (!Files.isRegularFile(file)) {
      IoErrors.requireReadableFile(file);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return layout(ch, name);
    } catch (IOException e) {
      throw IoErrors.failure("read", file, e);
    }
  }

  static String displayName(Path file) {
    return file.getFileName() == null ? file.toString() : file.getFileName().toString();
  }

  private static Layout layout(FileChannel ch, String name) throws IOException {
    long size = ch.size();
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre, name, "header");
    pre.flip();
    byte[] magic = new byte[6];
    pre.get(magic);
    for (int i = 0; i < 6; i++) {
      if (magic[i] != MAGIC[i]) {
        throw InvalidInputException.of("%s: not a .npy file (bad magic)", name);
      }
    }
    int major = pre.get() & 0xff;
    pre.get(); // minor
    long headerLen;
    int prefix;
    if (major == 1) {
      headerLen = pre.getShort() & 0xffff;
      prefix = 10;
    } else if (major == 2 || major == 3) {
      headerLen = pre.getInt() & 0xffffffffL;
      prefix = 12;
    } else {
      throw InvalidInputException.of("%s: unsupported .npy format version %d", name, major);
    }
    if (headerLen > 1 << 20 || prefix + headerLen > size) {
      throw InvalidInputException.of("%s: truncated or corrupt .npy header", name);
    }
    ch.position(prefix);
    ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
    readFully(ch, hb, name, "header");
    String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Header h = parseHeader(header, name);
    long count = 1;
    try {
      for (long s : h.shape) {
        count = Math.multiplyExact(count, s);
      }
      long need = Math.multiplyExact(count, (long) h.itemSize);
      long available = size - prefix - headerLen;
      if (available < need) {
        throw InvalidInputException.of("%s: truncated: shape %s needs %d data bytes, file has %d",
            name, shapeString(h.shape), need, available);
      }
    } catch (ArithmeticException e) {
      throw InvalidInputException.of("%s: declared shape is too large", name);
    }
    return new Layout(h, prefix + headerLen, count);
  }

  /** Reads the whole file ({@link #read(Path, long)} within the heap available now). */
  public static NpyArray read(Path file) {
    return read(file, Heap.available());
  }

  /**
   * Reads the whole file, after checking that its values as float64 (twice for a 2-D Fortran-order array,
   * which is reordered) fit in {@code budget} bytes: a file larger than the heap is a one-line error, not an
   * OutOfMemoryError.
   */
  public static NpyArray read(Path file, long budget) {
    String name = displayName(file);
    if (!Files.isRegularFile(file)) {
      IoErrors.requireReadableFile(file);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Layout layout = layout(ch, name);
      Header h = layout.header();
      long count = layout.count();
      if (count > MAX_ELEMENTS) {
        throw InvalidInputException.of("%s: declared shape %s is too large", name, shapeString(h.shape));
      }
      long copies = h.fortran && h.shape.length == 2 ? 2 : 1;
      Heap.requireFits(name, describe(h), count * Double.BYTES * copies, budget,
          "give ncv a larger heap (NCV_JAVA_OPTS=-Xmx...)");
      long need = count * h.itemSize;
      ch.position(layout.dataOffset());
      ByteBuffer data = ByteBuffer.allocate((int) Math.min(need, 1 << 24)).order(h.order);
      double[] out = new double[(int) count];
      int idx = 0;
      long remaining = need;
      while (remaining > 0) {
        data.clear();
        int chunk = (int) Math.min(remaining, data.capacity());
        chunk -= chunk % h.itemSize;
        data.limit(chunk);
        readFully(ch, data, name, "data");
        data.flip();
        while (data.remaining() >= h.itemSize) {
          out[idx++] = decode(data, h);
        }
        remaining -= chunk;
      }
      if (h.fortran && h.shape.length == 2) {
        out = fortranToC(out, (int) h.shape[0], (int) h.shape[1]);
      } else if (h.fortran && h.shape.length > 2) {
        throw InvalidInputException.of("%s: Fortran-order arrays of rank > 2 are not supported", name);
      }
      boolean integral = h.kind != 'f';
      return new NpyArray(h.shape, out, h.descr, integral);
    } catch (IOException e) {
      throw IoErrors.failure("read", file, e);
    } catch (ArithmeticException e) {
      throw InvalidInputException.of("%s: declared shape is too large", name);
    }
  }

  private static double[] fortranToC(double[] f, int rows, int cols) {
    double[] c = new double[f.length];
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        c[i * cols + j] = f[j * rows + i];
      }
    }
    return c;
  }

  private static double decode(ByteBuffer b, Header h) {
    switch (h.kind) {
      case 'f':
        switch (h.itemSize) {
          case 2: return Float.float16ToFloatCompat(b.getShort());
          case 4: return b.getFloat();
          default: return b.getDouble();
        }
      case 'i':
        switch (h.itemSize) {
          case 1: return b.get();
          case 2: return b.getShort();
          case 4: return b.getInt();
          default: return b.getLong();
        }
      case 'u':
        switch (h.itemSize) {
          case 1: return b.get() & 0xff;
          case 2: return b.getShort() & 0xffff;
          case 4: return b.getInt() & 0xffffffffL;
          default:
            long v = b.getLong();
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
      default: // 'b'
        return b.get() != 0 ? 1 : 0;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, String name, String what) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw InvalidInputException.of("%s: truncated (%s ends early)", name, what);
      }
    }
  }

  /** A parsed header: dtype (kind 'f', 'i', 'u' or 'b', item size, byte order), order and shape. */
  record Header(String descr, char kind, int itemSize, ByteOrder order, boolean fortran, long[] shape) {
  }

  private static Header parseHeader(String header, String name) {
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw InvalidInputException.of("%s: corrupt .npy header (need descr, fortran_order, shape)", name);
    }
    char kind = d.group(2).charAt(0);
    String descr = d.group(1) + d.group(2) + d.group(3);
    int size = d.group(3).length() > 2 ? -1 : Integer.parseInt(d.group(3)); // '<f99999999999' is no dtype
    boolean ok = switch (kind) {
      case 'f' -> size == 2 || size == 4 || size == 8;
      case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
      case 'b' -> size == 1;
      default -> false;
    };
    if (!ok) {
      throw InvalidInputException.of("%s: unsupported dtype '%s' (need float, int, uint or bool)", name, descr);
    }
    ByteOrder order = switch (d.group(1)) {
      case ">" -> ByteOrder.BIG_ENDIAN;
      case "=" -> ByteOrder.nativeOrder();
      default -> ByteOrder.LITTLE_ENDIAN; // '<', or '|' (1-byte types, no order)
    };
    List<Long> dims = new ArrayList<>();
    for (String part : s.group(1).split(",")) {
      String t = part.trim();
      if (t.isEmpty()) {
        continue;
      }
      if (t.endsWith("L")) {
        t = t.substring(0, t.length() - 1);
      }
      try {
        long v = Long.parseLong(t);
        if (v < 0) {
          throw new NumberFormatException();
        }
        dims.add(v);
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("%s: corrupt shape '%s' in .npy header", name, s.group(1));
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    return new Header(descr, kind, size, order, f.group(1).equals("True"), shape);
  }

  /** "shape (100000, 2048) float16": the shape and NumPy's name of the dtype. */
  static String describe(Header h) {
    String type = switch (h.kind) {
      case 'f' -> "float" + 8 * h.itemSize;
      case 'i' -> "int" + 8 * h.itemSize;
      case 'u' -> "uint" + 8 * h.itemSize;
      default -> "bool";
    };
    return "shape " + shapeString(h.shape) + " " + type;
  }

  static String shapeString(long[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** Half-precision decoding without Java 20's Float.float16ToFloat. */
  private static final class Float {
    static double float16ToFloatCompat(short bits) {
      int h = bits & 0xffff;
      int sign = (h >>> 15) != 0 ? -1 : 1;
      int exp = (h >>> 10) & 0x1f;
      int mant = h & 0x3ff;
      if (exp == 0) {
        return sign * Math.scalb((double) mant, -24);
      }
      if (exp == 31) {
        return mant == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
      }
      return sign * Math.scalb(1.0 + mant / 1024.0, exp - 15);
    }
  }
}
