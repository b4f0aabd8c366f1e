package ncverify.theory.linalg.blas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * Runs a computation with OpenBLAS set to one thread per call ({@link #oneThreadPerCall}): for work whose
 * independent parts already run side by side on every core (`ncv check`: the metrics, the [JSWM] quantities,
 * the stationarity), where OpenBLAS's own threads, which spin between calls, only compete with them
 * (bench/README.md, issue 18: `ncv check` at N = 50,000 took 1.25 s with OpenBLAS's threads and one large call at
 * a time, 1.05 s with one BLAS thread per part).
 *
 * <p>The switch is {@code openblas_set_num_threads}, called through a small JNI shim
 * ({@code theory/src/main/c/ncv_blas_threads.c}, built by {@code build.sh} when gcc is present and packed at
 * {@value #RESOURCE}); loading JNA for the one call took 80-100 ms per run. Without the shim (no gcc, another
 * platform) or with another BLAS library the computation runs unchanged.
 *
 * <p>OpenBLAS's thread count changes the last bits of a product (it splits the work differently), so the scope is
 * a whole command, never a part of a computation that other threads run at the same time: a command's results
 * depend on its inputs only, as before.
 */
public final class BlasThreads {

  /** Where the build puts the shim on the class path. */
  static final String RESOURCE = "/ncverify/native/libncvblasthreads.so";

  private static final boolean LOADED = load();

  private BlasThreads() {}

  /** Whether the shim loaded (the native backend may still not be OpenBLAS). */
  public static boolean available() {
    return LOADED;
  }

  /** True while {@link #oneThreadPerCall} runs with OpenBLAS set to one thread per call. */
  public static boolean singleThreaded() {
    return NativeBlas.oneThreadPerCall;
  }

  /**
   * {@code work} with OpenBLAS at one thread per call (when the shim and OpenBLAS are there), every core again
   * afterwards. Not reentrant: for one whole command.
   */
  public static synchronized <T> T oneThreadPerCall(Supplier<T> work) {
    boolean switched = LOADED && Backends.best() instanceof NativeBlas && setLibraryThreads(1) == 0;
    NativeBlas.oneThreadPerCall = switched;
    try {
      return work.get();
    } finally {
      if (switched) {
        NativeBlas.oneThreadPerCall = false;
        setLibraryThreads(Runtime.getRuntime().availableProcessors());
      }
    }
  }

  /** openblas_set_num_threads(n): 0 when set, -1 when no system BLAS is loaded, -2 when it is not OpenBLAS. */
  private static native int setLibraryThreads(int n);

  private static boolean load() {
    if (!"Linux".equals(System.getProperty("os.name")) || !"amd64".equals(System.getProperty("os.arch"))) {
      return false;
    }
    try (InputStream in = BlasThreads.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return false;
      }
      Path file = Files.createTempFile("ncverify-blas-threads", ".so");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      System.load(file.toAbsolutePath().toString());
      return true;
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      return false;
    }
  }
}
