package ncverify.theory.linalg.blas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Measurement for docs/quality/determinism.md, off by default: prints a hash of the bits of
 * C = A B for several shapes with the native BLAS and with {@link BlockedJavaBlas} at 1 and 2
 * threads. Run it under two OpenBLAS thread counts and compare the lines:
 * <pre>
 * OPENBLAS_NUM_THREADS=1 mvn -o -q -pl theory test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=GemmThreadCountProbe -Dncverify.gemmProbe=true
 * OPENBLAS_NUM_THREADS=2 mvn -o -q -pl theory test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=GemmThreadCountProbe -Dncverify.gemmProbe=true
 * </pre>
 * {@code -Dncverify.gemmProbe.dump=/tmp/t1} also writes each native product as little-endian doubles.
 */
class GemmThreadCountProbe {

  static final int[][] SHAPES = {{7, 5, 9}, {64, 64, 64}, {200, 300, 250}, {513, 257, 1031}, {1000, 1000, 1000},
      {31, 2000, 17}, {2000, 31, 600}};

  @Test
  void printBitHashesOfProducts() {
    assumeTrue(Boolean.getBoolean("ncverify.gemmProbe"), "measurement only: -Dncverify.gemmProbe=true");
    List<Blas> backends = new java.util.ArrayList<>();
    NativeBlas.load().ifPresent(backends::add);
    backends.add(new BlockedJavaBlas(1));
    backends.add(new BlockedJavaBlas(2));
    System.out.println("GEMM-PROBE OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS"));
    for (int[] s : SHAPES) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      SplittableRandom r = new SplittableRandom(42);
      double[] a = new double[m * k];
      double[] b = new double[k * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextDouble(-1, 1);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextDouble(-1, 1);
      }
      StringBuilder line = new StringBuilder("GEMM-PROBE " + m + "x" + n + "x" + k);
      for (Blas blas : backends) {
        double[] c = new double[m * n];
        blas.dgemm(false, false, m, n, k, 1.0, a, 0, k, b, 0, n, 0.0, c, 0, n);
        long h = 0;
        for (double x : c) {
          h = h * 31 + Double.doubleToRawLongBits(x);
        }
        String dump = System.getProperty("ncverify.gemmProbe.dump");
        if (dump != null && blas instanceof NativeBlas) {
          writeDoubles(java.nio.file.Path.of(dump + "-" + m + "x" + n + "x" + k + ".bin"), c);
        }
        String t = blas instanceof BlockedJavaBlas j ? "(" + j.threads() + ")" : "";
        line.append(' ').append(blas.name()).append(t).append('=').append(Long.toHexString(h));
      }
      System.out.println(line);
    }
  }

  static void writeDoubles(java.nio.file.Path p, double[] c) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * c.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (double x : c) {
      b.putDouble(x);
    }
    try {
      java.nio.file.Files.write(p, b.array());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
