package ncverify.reports.io;

import ncverify.theory.InvalidInputException;

/**
 * How much of the JVM heap is still available, to decide before allocating whether data fit: a file
 * too large for the heap is a one-line error naming its size, never an OutOfMemoryError.
 */
public final class Heap {

  /** Part of the free heap a single array may take (the rest is left for the computation). */
  static final double USABLE = 0.8;

  /** What to do about features that do not fit, in every such error. */
  static final String FEATURES_ADVICE = "ncv metrics streams float32 and float64 .npy features files;"
      + " other commands need a larger heap (NCV_JAVA_OPTS=-Xmx...)";

  private Heap() {}

  /** Bytes that one more allocation may take: {@value #USABLE} of (max heap - used). */
  public static long available() {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return (long) (USABLE * (rt.maxMemory() - used));
  }

  /** "2.0 GB", "350 MB". */
  public static String describe(long bytes) {
    return MappedNpy.gigabytes(bytes);
  }

  /**
   * Throws "{name}: {what} needs {bytes} as float64 in memory, more than the {budget} of heap available;
   * {advice}" when {@code bytes > budget}.
   */
  static void requireFits(String name, String what, long bytes, long budget, String advice) {
    if (bytes > budget) {
      throw InvalidInputException.of("%s: %s needs %s as float64 in memory, more than the %s of heap available; %s",
          name, what, describe(bytes), describe(Math.max(0, budget)), advice);
    }
  }
}
