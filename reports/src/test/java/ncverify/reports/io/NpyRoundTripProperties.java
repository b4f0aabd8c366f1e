package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid .npy file in any dtype, byte order, memory order and format version NumPy writes is read
 * back exactly: the file is encoded by the test's own {@link NpyBytes}, and the expected doubles are
 * decoded from the raw bit patterns independently of {@link NpyReader} (half floats from sign,
 * exponent and integer mantissa; unsigned 64-bit through its decimal string).
 */
class NpyRoundTripProperties {

  /** dtype kind and item size pairs NumPy writes for the types the reader accepts. */
  static final List<String> TYPES = List.of("f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1");

  /** One generated file: its descr, memory order, version, shape, raw bit patterns (C order). */
  record Spec(String descr, boolean fortran, int version, boolean shuffledKeys, long[] shape, long[] raw) {
    @Override
    public String toString() {
      return String.format("Spec[%s fortran=%s v%d shuffled=%s shape=%s raw=%s]", descr, fortran, version,
          shuffledKeys, NpyBytes.shapeTuple(shape), java.util.Arrays.toString(raw));
    }
  }

  static Gen<Long> rawOf(String type) {
    int size = Integer.parseInt(type.substring(1));
    if (type.charAt(0) == 'b') {
      return Gen.longs(0, 1);
    }
    if (size == 8) {
      Gen<Long> half = Gen.longs(0, 0xffffffffL);
      return s -> (half.generate(s) << 32) | half.generate(s);
    }
    return Gen.longs(0, (1L << (8 * size)) - 1);
  }

  Gen<Spec> specs() {
    return Gen.elements(TYPES).flatMap(type -> {
      Gen<String> order = type.endsWith("1") ? Gen.elements("|", "<", ">", "=") : Gen.elements("<", ">", "=");
      Gen<long[]> shape = Gen.oneOf(
          Gen.integers(0, 7).map(n -> new long[] {n}),
          Gen.tuple(Gen.integers(0, 5), Gen.integers(0, 5)).map(t -> new long[] {t.first(), t.second()}));
      return s -> {
        String descr = order.generate(s) + type;
        boolean fortran = Gen.booleans().generate(s);
        int version = Gen.integers(1, 3).generate(s);
        boolean shuffled = Gen.booleans().generate(s);
        long[] sh = shape.generate(s);
        int n = (int) (sh.length == 1 ? sh[0] : sh[0] * sh[1]);
        long[] raw = new long[n];
        Gen<Long> g = rawOf(type);
        for (int i = 0; i < n; i++) {
          raw[i] = g.generate(s);
        }
        return new Spec(descr, fortran, version, shuffled, sh, raw);
      };
    });
  }

  @Property(tries = 400)
  void everyDtypeOrderAndVersionReadsBackExactly(@ForAll("specs") Spec spec, @TempDir Path dir) throws IOException {
    PropertyContext.label(spec.descr.substring(1) + (spec.fortran ? " F" : " C"));
    Path f = dir.resolve("a.npy");
    Files.write(f, NpyBytes.encode(spec.descr, spec.fortran, spec.shape, spec.raw, spec.version, spec.shuffledKeys));
    NpyArray a = NpyReader.read(f);
    assertThat(a.shape()).containsExactly(spec.shape);
    assertThat(a.integral()).isEqualTo(spec.descr.charAt(1) != 'f');
    double[] got = a.data();
    assertThat(got).hasSize(spec.raw.length);
    for (int i = 0; i < got.length; i++) {
      double want = expected(spec.descr.substring(1), spec.raw[i]);
      if (Double.isNaN(want)) {
        assertThat(got[i]).as("element %d of %s", i, spec).isNaN();
      } else {
        assertThat(Double.doubleToRawLongBits(got[i])).as("element %d of %s: %s vs %s", i, spec, got[i], want)
            .isEqualTo(Double.doubleToRawLongBits(want));
      }
    }
  }

  /** The value of one element from its raw bits, decoded without the reader's code. */
  static double expected(String type, long bits) {
    int size = Integer.parseInt(type.substring(1));
    switch (type.charAt(0)) {
      case 'b':
        return bits != 0 ? 1.0 : 0.0;
      case 'i':
        return (double) (bits << (64 - 8 * size) >> (64 - 8 * size)); // sign-extend
      case 'u':
        return Double.parseDouble(Long.toUnsignedString(bits)); // correctly rounded, as NumPy's cast
      default:
        if (size == 4) {
          return Float.intBitsToFloat((int) bits);
        }
        if (size == 8) {
          return Double.longBitsToDouble(bits);
        }
        int sign = (int) (bits >> 15) & 1;
        int exp = (int) (bits >> 10) & 0x1f;
        long mant = bits & 0x3ff;
        double magnitude;
        if (exp == 0x1f) {
          magnitude = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (exp == 0) {
          magnitude = mant / 16777216.0; // mant * 2^-24, subnormal
        } else {
          magnitude = (1024 + mant) * Math.pow(2, exp - 25);
        }
        return sign == 1 ? -magnitude : magnitude;
    }
  }

  @Property(tries = 50)
  void nativeOrderEqualsIsReadAsTheMachineOrder(@ForAll("specs") Spec spec, @TempDir Path dir) throws IOException {
    String type = spec.descr.substring(1);
    String explicit = (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<") + type;
    Path a = dir.resolve("native.npy");
    Path b = dir.resolve("explicit.npy");
    Files.write(a, NpyBytes.encode("=" + type, spec.fortran, spec.shape, spec.raw, spec.version, false));
    Files.write(b, NpyBytes.encode(explicit, spec.fortran, spec.shape, spec.raw, spec.version, false));
    assertThat(NpyReader.read(a).data()).containsExactly(NpyReader.read(b).data());
  }
}
