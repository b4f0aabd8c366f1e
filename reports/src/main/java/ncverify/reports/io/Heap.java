package ncverify.reports.io;

/** How much of the JVM heap is still available, to decide before allocating whether data fit. */
public final class Heap {

  /** Part of the free heap a single array may take (the rest is left for the computation). */
  static final double USABLE = 0.8;

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
}
