package ncverify.theory.linalg.blas;

import java.util.Locale;
import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;

/**
 * Chooses the {@link Blas} backend: {@link NativeBlas} (system BLAS through JNI) when it loads and
 * passes a small self-check against {@link NaiveBlas}, else {@link BlockedJavaBlas}. The system
 * property {@value #PROPERTY} ({@code native}, {@code java} or {@code naive}) forces one. The choice
 * is made once and cached.
 */
public final class Backends {

  /** System property that forces a backend by name. */
  public static final String PROPERTY = "ncverify.blas";

  /** Relative tolerance of the self-check of the native backend. */
  private static final double SELF_CHECK_TOL = 1e-12;

  private static volatile Blas best;
  private static volatile Blas java;

  private Backends() {
  }

  /**
   * The backend to use: the one named by {@code -Dncverify.blas=...} if set, else native when it
   * loads and passes the self-check, else the blocked pure-Java one. Cached after the first call.
   */
  public static Blas best() {
    Blas b = best;
    if (b == null) {
      synchronized (Backends.class) {
        b = best;
        if (b == null) {
          b = choose(System.getProperty(PROPERTY));
          best = b;
        }
      }
    }
    return b;
  }

  /**
   * The backend called {@code name}: {@code "native"} (throws InvalidInputException if no system
   * BLAS loads or it fails the self-check), {@code "java"} (blocked, all processors) or
   * {@code "naive"}.
   */
  public static Blas byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case "native":
        return nativeIfWorking().orElseThrow(() -> new InvalidInputException(
            "BLAS backend 'native' is unavailable: install a system BLAS (apt-get install "
                + "libopenblas0-pthread) or use -D" + PROPERTY + "=java"));
      case "java":
        return javaBlas();
      case "naive":
        return new NaiveBlas();
      default:
        throw InvalidInputException.of("unknown BLAS backend '%s': use native, java or naive", name);
    }
  }

  /** The native backend if it loads and computes a small product correctly. */
  public static java.util.Optional<Blas> nativeIfWorking() {
    return NativeBlas.load().filter(Backends::selfCheck).map(b -> (Blas) b);
  }

  /** The backend named {@code forced}, or the automatic choice when it is null or blank. */
  static Blas choose(String forced) {
    if (forced == null || forced.isBlank()) {
      return nativeIfWorking().orElseGet(Backends::javaBlas);
    }
    return byName(forced);
  }

  private static Blas javaBlas() {
    Blas j = java;
    if (j == null) {
      synchronized (Backends.class) {
        j = java;
        if (j == null) {
          j = new BlockedJavaBlas();
          java = j;
        }
      }
    }
    return j;
  }

  /** Compares op(A) op(B) for every transpose combination on a 7 x 5 x 9 product with NaiveBlas. */
  static boolean selfCheck(Blas candidate) {
    try {
      SplittableRandom rnd = new SplittableRandom(7);
      int m = 7;
      int n = 5;
      int k = 9;
      double[] a = new double[m * k];
      double[] b = new double[k * n];
      double[] c0 = new double[m * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = rnd.nextDouble(-1, 1);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextDouble(-1, 1);
      }
      for (int i = 0; i < c0.length; i++) {
        c0[i] = rnd.nextDouble(-1, 1);
      }
      Blas oracle = new NaiveBlas();
      for (int t = 0; t < 4; t++) {
        boolean ta = (t & 1) != 0;
        boolean tb = (t & 2) != 0;
        double[] want = c0.clone();
        double[] got = c0.clone();
        oracle.dgemm(ta, tb, m, n, k, 1.5, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5, want, 0, n);
        candidate.dgemm(ta, tb, m, n, k, 1.5, a, 0, ta ? m : k, b, 0, tb ? k : n, 0.5, got, 0, n);
        for (int i = 0; i < want.length; i++) {
          if (!(Math.abs(want[i] - got[i]) <= SELF_CHECK_TOL * (k + 1))) {
            return false;
          }
        }
      }
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
