package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed IDX files (random bytes, wrong magic, negative or huge dimensions, truncated payloads,
 * corrupt or truncated gzip) make {@link IdxReader} throw {@link InvalidInputException} with a
 * one-line message, or read a consistent array; never another exception or an OutOfMemoryError.
 */
class IdxReaderFuzzProperties {

  /** An IDX file's bytes (possibly gzip-compressed) with a readable {@code toString}. */
  record IdxFile(byte[] bytes, String how) {
    @Override
    public String toString() {
      return how + " " + bytes.length + " bytes " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 40)));
    }
  }

  static Gen<byte[]> bytes(int max) {
    return Gen.lists(Gen.integers(0, 255), 0, max).map(l -> {
      byte[] b = new byte[l.size()];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (int) l.get(i);
      }
      return b;
    });
  }

  static Gen<Integer> dims() {
    return Gen.oneOf(Gen.integers(0, 6), Gen.elements(-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 20, 60_000, 46_341));
  }

  Gen<IdxFile> idxFiles() {
    return s -> {
      int magic = Gen.elements(IdxReader.IMAGES_MAGIC, IdxReader.LABELS_MAGIC, 0x0803, 0x0903, 0, -1).generate(s);
      int ndims = magic == IdxReader.IMAGES_MAGIC ? 3 : magic == IdxReader.LABELS_MAGIC ? 1 : Gen.integers(0, 3).generate(s);
      ByteBuffer b = ByteBuffer.allocate(4 + 4 * ndims);
      b.putInt(magic);
      long declared = 1;
      for (int i = 0; i < ndims; i++) {
        int d = dims().generate(s);
        b.putInt(d);
        declared = Math.min(declared * Math.max(d, 0), 1L << 20); // saturate: only up to 200 bytes are written
      }
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      raw.writeBytes(b.array());
      int payload = (int) Math.min(declared, 200);
      boolean full = Gen.booleans().generate(s);
      raw.writeBytes(full ? new byte[payload] : bytes(payload).generate(s));
      byte[] plain = raw.toByteArray();
      int cut = Gen.integers(0, 3).generate(s) == 0 ? Gen.integers(0, plain.length).generate(s) : plain.length;
      plain = Arrays.copyOf(plain, cut);
      boolean gzip = Gen.booleans().generate(s);
      if (!gzip) {
        return new IdxFile(plain, "plain");
      }
      byte[] z = gzip(plain);
      int zcut = Gen.integers(0, 3).generate(s) == 0 ? Gen.integers(0, z.length).generate(s) : z.length;
      if (Gen.integers(0, 5).generate(s) == 0 && z.length > 12) {
        z[Gen.integers(10, z.length - 1).generate(s)] ^= 0x5a;
      }
      return new IdxFile(Arrays.copyOf(z, zcut), "gzip");
    };
  }

  Gen<IdxFile> anyFile() {
    return Gen.oneOf(idxFiles(), bytes(64).map(b -> new IdxFile(b, "random")));
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(plain);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  @Property(tries = 400)
  void malformedIdxFilesFailWithOneLine(@ForAll("anyFile") IdxFile file, @TempDir Path dir) throws IOException {
    Path p = dir.resolve("f.idx");
    Files.write(p, file.bytes());
    for (String kind : List.of("images", "labels")) {
      try {
        if (kind.equals("images")) {
          IdxReader.Images im = IdxReader.readImages(p);
          assertThat(im.pixels()).hasSize(im.count() * im.rows() * im.cols());
        } else {
          IdxReader.readLabels(p);
        }
        PropertyContext.label("read as " + kind);
      } catch (InvalidInputException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
      } catch (RuntimeException | OutOfMemoryError e) {
        fail("IdxReader threw " + e + " on " + file, e);
      }
    }
  }
}
