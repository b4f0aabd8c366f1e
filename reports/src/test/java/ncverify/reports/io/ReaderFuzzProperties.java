package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed input for every array reader of the command line ({@link NpyReader}, {@link CsvReader},
 * {@link ArrayFiles}): random bytes, mutated valid files, corrupt headers, wrong dtypes and shapes,
 * NaN/Inf, huge declared shapes. Each read either succeeds with a consistent array or throws
 * {@link InvalidInputException} with a one-line message; nothing else (no IndexOutOfBounds,
 * NumberFormatException, OutOfMemoryError, ...), and a tiny file never makes the reader allocate
 * what its header declares.
 */
class ReaderFuzzProperties {

  /** A reader that refuses a tiny file may allocate at most this many bytes on the way. */
  static final long ALLOCATION_LIMIT = 32L << 20;

  /** Every entry point that reads an array file, as the command line calls them. */
  static final List<Function<Path, Object>> READERS = List.of(
      NpyReader::read, CsvReader::read, ArrayFiles::read, ArrayFiles::features, ArrayFiles::labels,
      p -> ArrayFiles.matrix(p, "weights"), p -> ArrayFiles.vector(p, "bias"));

  /** Runs every reader on {@code file}; each must succeed consistently or fail with a one-line message. */
  static void readEverywhere(Path file) {
    for (Function<Path, Object> r : READERS) {
      try {
        Object v = r.apply(file);
        if (v instanceof NpyArray a) {
          long n = 1;
          for (long s : a.shape()) {
            n *= s;
          }
          assertThat(a.data()).hasSize((int) n);
        }
        PropertyContext.label("accepted by some reader");
      } catch (InvalidInputException e) {
        assertOneLine(e.getMessage());
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        fail("reader threw " + e + " instead of InvalidInputException", e);
      }
    }
  }

  static void assertOneLine(String message) {
    assertThat(message).isNotBlank();
    assertThat(message).doesNotContain("\n").doesNotContain("\r");
  }

  // ---- generators ------------------------------------------------------------------------------

  static Gen<byte[]> randomBytes(int max) {
    return Gen.lists(Gen.integers(0, 255), 0, max).map(l -> {
      byte[] b = new byte[l.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (int) l.get(i);
      }
      return b;
    });
  }

  /** A valid little .npy file of random dtype to be mutated. */
  static Gen<byte[]> validNpy() {
    return s -> {
      String type = Gen.elements(NpyRoundTripProperties.TYPES).generate(s);
      String order = type.endsWith("1") ? "|" : Gen.elements("<", ">").generate(s);
      int rows = Gen.integers(0, 4).generate(s);
      int cols = Gen.integers(1, 3).generate(s);
      boolean twoD = Gen.booleans().generate(s);
      long[] shape = twoD ? new long[] {rows, cols} : new long[] {rows};
      long[] raw = new long[twoD ? rows * cols : rows];
      Gen<Long> g = NpyRoundTripProperties.rawOf(type);
      for (int i = 0; i < raw.length; i++) {
        raw[i] = g.generate(s);
      }
      return NpyBytes.encode(order + type, Gen.booleans().generate(s), shape, raw, Gen.integers(1, 3).generate(s), false);
    };
  }

  /** Valid files with bytes overwritten, cut short or extended with garbage. */
  static Gen<byte[]> mutatedNpy() {
    return s -> {
      byte[] b = validNpy().generate(s);
      int kind = Gen.integers(0, 2).generate(s);
      if (kind == 0 && b.length > 0) {
        int flips = Gen.integers(1, 4).generate(s);
        for (int i = 0; i < flips; i++) {
          b[Gen.integers(0, b.length - 1).generate(s)] = (byte) (int) Gen.integers(0, 255).generate(s);
        }
        return b;
      }
      if (kind == 1) {
        return java.util.Arrays.copyOf(b, Gen.integers(0, b.length).generate(s));
      }
      byte[] tail = randomBytes(20).generate(s);
      byte[] out = java.util.Arrays.copyOf(b, b.length + tail.length);
      System.arraycopy(tail, 0, out, b.length, tail.length);
      return out;
    };
  }

  /** Header fields a corrupt or foreign file may carry. */
  static final List<String> DESCRS = List.of("<f8", ">f4", "<f2", "|u1", "|b1", "<i8", ">u8", "<c16", "|O", "<U10",
      "|S3", "<f16", "<f3", "<f99999999999", "<m8[s]", "f8", "<F8", "", "'", "[('a', '<f8')]", "<f8', 'x': '");
  static final List<String> FORTRANS = List.of("True", "maybe", "1", "");
  static final List<String> SHAPES = List.of("(3,)", "(2, 3)", "()", "(0,)", "(0, 5)", "(5, 0)", "(2, 2, 2)",
      "(-1,)", "(1e3,)", "(3L,)", "(99999999999999999999,)", "(1000000, 1000000)", "(9223372036854775807,)",
      "(4611686018427387904, 4)", "(2147483647,)", "(2147483648, 1)", "(,)", "(3", "3", "(a, b)",
      "(2, 3, 4, 5, 6, 7, 8, 9)");

  /** A syntactically plausible header with corrupt fields and a little data. */
  static Gen<byte[]> corruptHeaderNpy() {
    return s -> {
      String descr = Gen.elements(DESCRS).generate(s);
      String fortran = Gen.integers(0, 4).generate(s) == 0 ? Gen.elements(FORTRANS).generate(s) : "False";
      String shape = Gen.elements(SHAPES).generate(s);
      String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }";
      if (Gen.integers(0, 9).generate(s) == 0) {
        dict = dict.replace("'shape'", "'shap'");
      }
      int version = Gen.integers(0, 9).generate(s) == 0 ? Gen.elements(0, 4, 255).generate(s) : Gen.integers(1, 3).generate(s);
      byte[] hb = dict.getBytes(StandardCharsets.ISO_8859_1);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
      long len = Gen.integers(0, 9).generate(s) == 0 ? Gen.longs(0, 0xffffffffL).generate(s) : hb.length;
      boolean wrongWidth = Gen.integers(0, 19).generate(s) == 0;
      int lenBytes = (version == 1) != wrongWidth ? 2 : 4;
      for (int i = 0; i < lenBytes; i++) {
        out.write((int) (len >>> (8 * i)) & 0xff);
      }
      out.writeBytes(hb);
      out.writeBytes(randomBytes(48).generate(s));
      return out.toByteArray();
    };
  }

  /** Random bytes, possibly after the .npy magic (and a version byte). */
  static Gen<byte[]> prefixedRandom() {
    return s -> {
      byte[] tail = randomBytes(200).generate(s);
      int prefix = Gen.integers(0, 2).generate(s);
      byte[] head = switch (prefix) {
        case 0 -> new byte[0];
        case 1 -> new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        default -> new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
      };
      byte[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, out, head.length, tail.length);
      return out;
    };
  }

  /** File content whose {@code toString} shows the bytes (Latin-1, non-printables escaped), for shrunk reports. */
  record Blob(byte[] bytes) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("\"");
      for (byte x : bytes) {
        int c = x & 0xff;
        b.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
      }
      return b.append("\" (").append(bytes.length).append(" bytes)").toString();
    }
  }

  Gen<Blob> malformedNpy() {
    Gen<byte[]> any = Gen.oneOf(prefixedRandom(), mutatedNpy(), corruptHeaderNpy(), corruptHeaderNpy());
    return any.map(Blob::new);
  }

  /** Text built from the characters a numeric CSV is made of, plus a few strangers. */
  Gen<String> csvText() {
    Gen<String> token = Gen.elements("0", "1", "-2", "3.5", "1e308", "1e309", "-1e400", "NaN", "Infinity", "-Infinity",
        "nan", "inf", ",", ";", "\t", " ", "\n", "\r\n", "\r", "#", "x", "label", "\"1\"", "0x10", "1d", "1f",
        "\u0000", "\u00e9", "\u2028", "\uFEFF", "9".repeat(400), "-", ".", "e", "2147483648", "-0.0", ",,");
    return Gen.lists(token, 0, 60).map(l -> String.join("", l));
  }

  // ---- properties ------------------------------------------------------------------------------

  @Property(tries = 600)
  void malformedNpyFilesFailWithOneLine(@ForAll("malformedNpy") Blob blob, @TempDir Path dir) throws IOException {
    byte[] bytes = blob.bytes();
    Path f = dir.resolve("x.npy");
    Files.write(f, bytes);
    readEverywhere(f);
    Path g = dir.resolve("x.dat"); // same bytes without the .npy name: CSV fallback for non-magic files
    Files.write(g, bytes);
    readEverywhere(g);
  }

  @Property(tries = 400)
  void malformedCsvFilesFailWithOneLine(@ForAll("csvText") String text, @TempDir Path dir) throws IOException {
    Path f = dir.resolve("x.csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    readEverywhere(f);
    Path latin = dir.resolve("y.csv"); // the same text in another encoding: invalid UTF-8
    Files.write(latin, text.getBytes(StandardCharsets.UTF_16LE));
    readEverywhere(latin);
  }

  Gen<long[]> hugeShapes() {
    Gen<Long> dim = Gen.elements(1_000_000L, 1_000_000_000_000L, (long) Integer.MAX_VALUE, 1L << 40,
        Long.MAX_VALUE / 2, 3_000_000L);
    return Gen.oneOf(dim.map(d -> new long[] {d}), Gen.tuple(dim, dim).map(t -> new long[] {t.first(), t.second()}),
        dim.map(d -> new long[] {d, 1}));
  }

  @Property(tries = 60)
  void aTinyFileDeclaringAHugeShapeFailsWithoutAllocatingIt(@ForAll("hugeShapes") long[] shape, @TempDir Path dir)
      throws IOException {
    Path f = dir.resolve("huge.npy");
    String dict = NpyBytes.headerDict("<f8", false, shape, false);
    byte[] hb = (dict + " ".repeat(Math.max(0, 117 - dict.length())) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) hb.length, (byte) (hb.length >> 8)});
    out.writeBytes(hb);
    out.writeBytes(new byte[64]);
    Files.write(f, out.toByteArray()); // a 192-byte file
    List<Function<Path, Object>> readers = List.of(NpyReader::read, ArrayFiles::features, ArrayFiles::labels);
    for (Function<Path, Object> r : readers) {
      long before = allocatedBytes();
      try {
        r.apply(f);
        fail("read a file declaring shape %s from 64 data bytes", java.util.Arrays.toString(shape));
      } catch (InvalidInputException e) {
        assertOneLine(e.getMessage());
      }
      assertThat(allocatedBytes() - before).as("bytes allocated refusing shape %s", java.util.Arrays.toString(shape))
          .isLessThan(ALLOCATION_LIMIT);
    }
  }

  static long allocatedBytes() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
