package ncverify.reports.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.PropertyConfig;
import ncverify.properties.engine.PropertyContext;
import ncverify.properties.engine.PropertyRunner;
import ncverify.reports.cli.FuzzedCommands.FuzzedCommand;
import ncverify.reports.cli.FuzzedCommands.Opt;
import ncverify.reports.io.NpyBytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ncv} command of {@link FuzzedCommands#all()} on fuzzed arguments: options present or
 * missing, plausible or absurd values (negative lambdas, NaN/Inf, huge numbers, empty strings,
 * random words), stray flags, and valid or malformed files (NaN features, wrong shapes and dtypes,
 * empty classes, huge declared shapes, random bytes). Each run must end with exit code 0 (a
 * documented success: output on stdout, nothing on stderr) or exit code 2 with exactly one line on
 * stderr and no stack trace; a command with an output directory must leave it without any file
 * after a failure and with exactly its documented files after a success.
 */
class CliFuzzProperties {

  /** Any single run slower than this is a hang or an unbounded computation on absurd input. */
  static final long MAX_RUN_MILLIS = 30_000;

  @TempDir
  static Path files;

  static final AtomicInteger OUT_DIRS = new AtomicInteger();

  /** One generated command line, with placeholders. */
  record Invocation(FuzzedCommand command, List<String> argv) {
    @Override
    public String toString() {
      return "ncv " + String.join(" ", argv.stream().map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList());
    }
  }

  static Gen<Invocation> invocations(FuzzedCommand c) {
    return s -> {
      List<String> argv = new ArrayList<>(c.path());
      for (Opt o : c.options()) {
        boolean present = o.presence() >= 10 || Gen.integers(0, 9).generate(s) < o.presence();
        if (!present) {
          continue;
        }
        argv.add(o.name());
        if (o.value() != null) {
          boolean absurd = Gen.integers(0, 7).generate(s) == 0;
          argv.add(absurd ? Gen.elements(o.absurd()).generate(s) : o.value().generate(s));
        }
      }
      argv.addAll(c.positional().generate(s));
      if (Gen.integers(0, 9).generate(s) == 0) {
        String stray = Gen.elements("--bogus", "--json", "-x", "", "--help", "--version", "=", "--k=3").generate(s);
        argv.add(Gen.integers(c.path().size(), argv.size()).generate(s), stray);
      }
      return new Invocation(c, List.copyOf(argv));
    };
  }

  @TestFactory
  Stream<DynamicTest> everyCommandFailsCleanlyOnFuzzedArguments() {
    return FuzzedCommands.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      int tries = Boolean.getBoolean("ncverify.exhaustive") ? 10 * c.tries() : c.tries();
      PropertyConfig config = PropertyConfig.defaults().withTries(tries).withShrinkBudget(300);
      PropertyRunner.check("ncv " + c.name(), config, invocations(c), CliFuzzProperties::runAndCheck).orThrow();
    }));
  }

  /** Runs one invocation and checks exit code, stderr and the output directory. */
  static void runAndCheck(Invocation inv) throws IOException {
    List<String> argv = new ArrayList<>();
    Path saveDir = null;
    for (int i = 0; i < inv.argv().size(); i++) {
      String a = materialize(inv.argv().get(i));
      if (inv.command().saveDirOption() != null && i > 0 && inv.argv().get(i - 1).equals(inv.command().saveDirOption())) {
        // an absurd but valid directory name ("-0", "Infinity") goes into the fixture directory, not the working one
        a = a.isBlank() || a.startsWith("--") ? a : files.resolve(a).toString();
        saveDir = Path.of(a);
      }
      argv.add(a);
    }
    Set<String> before = saveDir == null ? Set.of() : listing(saveDir);
    long t0 = System.nanoTime();
    CliRun r = CliRun.of(argv.toArray(String[]::new));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    PropertyContext.label("exit " + r.code());
    assertThat(millis).as("runtime of %s", inv).isLessThan(MAX_RUN_MILLIS);
    assertThat(r.code()).as("exit code of %s; stderr: %s", inv, r.err()).isIn(0, Ncv.EXIT_USER_ERROR);
    if (r.code() == 0) {
      // stderr may carry progress lines (ncv bench); the result is on stdout
      assertThat(r.out()).as("stdout of successful %s", inv).isNotBlank();
    } else {
      assertThat(r.err()).as("stderr of %s", inv).startsWith("ncv").endsWith("\n")
          .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
      assertThat(r.err().strip().lines().count()).as("lines on stderr of %s: %s", inv, r.err()).isEqualTo(1);
    }
    if (saveDir != null && Files.isDirectory(saveDir)) {
      Set<String> after = listing(saveDir);
      if (r.code() == 0) {
        Set<String> expected = new TreeSet<>(inv.command().savedFiles().apply(inv.argv()));
        if (inv.command().exactFiles()) {
          assertThat(after).as("files written by %s", inv).isEqualTo(expected);
        } else {
          assertThat(after).as("files written by %s", inv).containsAll(expected);
        }
        assertThat(after).as("leftovers of %s", inv).noneMatch(n -> n.startsWith("."));
      } else {
        assertThat(after).as("output directory after failed %s", inv).isEqualTo(before);
      }
    }
  }

  static Set<String> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
    }
  }

  /** Replaces every {@code @name} in a (possibly comma-separated) argument by a fixture path. */
  static String materialize(String arg) {
    if (!arg.contains("@")) {
      return arg;
    }
    List<String> parts = new ArrayList<>();
    for (String p : arg.split(",", -1)) {
      parts.add(p.startsWith("@") ? fixture(p.substring(1)) : p);
    }
    return String.join(",", parts);
  }

  static String fixture(String name) {
    return switch (name) {
      case "out" -> files.resolve("out" + OUT_DIRS.incrementAndGet()).toString();
      case "out/deeper" -> files.resolve("out" + OUT_DIRS.incrementAndGet()).resolve("deeper").toString();
      case "missing" -> files.resolve("no-such-file.npy").toString();
      case "dir" -> files.toString();
      default -> files.resolve(name.contains(".") ? name.endsWith(".csv") ? name : name + ".npy" : name + ".npy").toString();
    };
  }

  // ---- fixtures: N = 6 samples, d = 3, K = 3 ----------------------------------------------------

  static final int N = 6;
  static final int D = 3;
  static final double[] H = {1.0, 0.2, -0.3, 0.1, 1.1, 0.4, -0.2, 0.3, 0.9, 1.2, -0.1, 0.2, 0.3, 0.8, 0.1, 0.0, 0.4, 1.3};
  static final long[] Y = {0, 1, 2, 0, 1, 2};

  static long[] f8(double... v) {
    long[] r = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = Double.doubleToRawLongBits(v[i]);
    }
    return r;
  }

  static long[] f2(double... v) {
    long[] r = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = halfBits(v[i]);
    }
    return r;
  }

  /** IEEE half-precision bits of a normal value (truncated mantissa; exactness is not needed here). */
  static long halfBits(double x) {
    if (x == 0) {
      return 0;
    }
    int exp = Math.getExponent(x);
    long mant = (long) ((Math.abs(x) / Math.scalb(1.0, exp) - 1) * 1024);
    return (x < 0 ? 0x8000 : 0) | ((long) (exp + 15) << 10) | mant;
  }

  static void npy(String name, String descr, boolean fortran, long[] shape, long[] raw) throws IOException {
    Files.write(files.resolve(name + ".npy"), NpyBytes.encode(descr, fortran, shape, raw, 1, false));
  }

  static double[] with(double[] v, int i, double x) {
    double[] c = v.clone();
    c[i] = x;
    return c;
  }

  @BeforeAll
  static void writeFixtures() throws IOException {
    npy("H", "<f8", false, new long[] {N, D}, f8(H));
    npy("H.fortran", "<f8", true, new long[] {N, D}, f8(H));
    npy("H.nan", "<f8", false, new long[] {N, D}, f8(with(H, 7, Double.NaN)));
    npy("H.inf", ">f8", false, new long[] {N, D}, f8(with(H, 2, Double.NEGATIVE_INFINITY)));
    npy("H.1d", "<f8", false, new long[] {N}, f8(java.util.Arrays.copyOf(H, N)));
    npy("H.3d", "<f8", false, new long[] {2, 3, 3}, f8(H));
    npy("H.empty", "<f8", false, new long[] {0, D}, new long[0]);
    npy("H.short", "<f8", false, new long[] {N - 1, D}, f8(java.util.Arrays.copyOf(H, (N - 1) * D)));
    npy("H.int", "<i4", false, new long[] {N, D}, new long[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0, 0, 0, 2});
    npy("H.f2be", ">f2", false, new long[] {N, D}, f2(H));
    StringBuilder csv = new StringBuilder("h0,h1,h2\n");
    for (int i = 0; i < N; i++) {
      csv.append(H[i * D]).append(',').append(H[i * D + 1]).append(',').append(H[i * D + 2]).append('\n');
    }
    Files.writeString(files.resolve("H.csv"), csv.toString());
    npy("y", "<i8", false, new long[] {N}, Y);
    Files.writeString(files.resolve("y.csv"), "0\n1\n2\n0\n1\n2\n");
    npy("y.float", "<f8", false, new long[] {N}, f8(0, 1, 2, 0, 1, 2));
    npy("y.frac", "<f8", false, new long[] {N}, f8(0, 1, 2.5, 0, 1, 2));
    npy("y.neg", "<i8", false, new long[] {N}, new long[] {0, -1, 2, 0, 1, 2});
    npy("y.big", "|u1", false, new long[] {N}, new long[] {0, 1, 7, 0, 1, 2});
    npy("y.maxint", "<i8", false, new long[] {N}, new long[] {0, 1, Integer.MAX_VALUE, 0, 1, 2});
    npy("y.gap", "<i2", false, new long[] {N}, new long[] {0, 2, 2, 0, 2, 0});
    npy("y.one", "<i4", false, new long[] {N}, new long[N]);
    npy("y.short", "<i8", false, new long[] {N - 1}, java.util.Arrays.copyOf(Y, N - 1));
    npy("y.2d", "<i8", false, new long[] {2, 3}, Y);
    double[] w = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    npy("W", "<f8", false, new long[] {3, D}, f8(w));
    npy("W.wrong", "<f8", false, new long[] {2, D}, f8(java.util.Arrays.copyOf(w, 6)));
    npy("W.nan", "<f8", false, new long[] {3, D}, f8(with(w, 4, Double.NaN)));
    npy("W.1d", "<f8", false, new long[] {D}, f8(1, 2, 3));
    npy("b", "<f8", false, new long[] {3}, f8(0.1, -0.2, 0.3));
    npy("b.long", "<f8", false, new long[] {5}, f8(1, 2, 3, 4, 5));
    npy("b.nan", "<f8", false, new long[] {3}, f8(0.1, Double.NaN, 0.3));
    npy("L1", "<f8", false, new long[] {4, D}, f8(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1));
    npy("L2", "<f8", false, new long[] {3, 4}, f8(1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1));
    byte[] random = new byte[100];
    new java.util.SplittableRandom(5).nextBytes(random);
    Files.write(files.resolve("random.npy"), random);
    String dict = NpyBytes.headerDict("<f8", false, new long[] {1_000_000, 1_000_000}, false);
    byte[] hb = (dict + " ".repeat(117 - dict.length()) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    java.io.ByteArrayOutputStream huge = new java.io.ByteArrayOutputStream();
    huge.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) hb.length, 0});
    huge.writeBytes(hb);
    huge.writeBytes(new byte[64]);
    Files.write(files.resolve("huge.npy"), huge.toByteArray());
    Files.write(files.resolve("emptyfile.npy"), new byte[0]);
    Files.writeString(files.resolve("text.npy"), "hello world\n");
    Files.writeString(files.resolve("file.npy"), "an existing regular file\n");
  }
}
