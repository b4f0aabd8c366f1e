package ncverify.impl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.linalg.blas.Blas;
import ncverify.theory.InvalidInputException;

/**
 * Measures double-precision GEMM throughput of a {@link Blas}: C = A B with square n x n row-major
 * operands, counted as 2 n^3 floating-point operations. Each size is first run untimed at least
 * {@code warmups} times and for at least {@code minWarmupSeconds} (JIT compilation, thread start-up,
 * page faults), then {@code repetitions} times timed; the best (shortest) run is reported, the usual
 * estimate of what the hardware sustains.
 */
public final class GemmBenchmark {

  /** The sizes of the standard benchmark. */
  public static final int[] DEFAULT_SIZES = {256, 512, 1024, 2048};

  private final int warmups;
  private final double minWarmupSeconds;
  private final int repetitions;
  private final long seed;

  /**
   * A benchmark with the given minimum warm-up count and time, timed repetition count and data
   * seed.
   */
  public GemmBenchmark(int warmups, double minWarmupSeconds, int repetitions, long seed) {
    if (warmups < 0 || repetitions < 1 || !(minWarmupSeconds >= 0)) {
      throw InvalidInputException.of("benchmark needs warmups >= 0, minWarmupSeconds >= 0 and "
          + "repetitions >= 1, got %d, %s and %d", warmups, minWarmupSeconds, repetitions);
    }
    this.warmups = warmups;
    this.minWarmupSeconds = minWarmupSeconds;
    this.repetitions = repetitions;
    this.seed = seed;
  }

  /** At least two warm-ups and 0.5 s of warm-up per size, three timed repetitions, seed 1. */
  public static GemmBenchmark standard() {
    return new GemmBenchmark(2, 0.5, 3, 1);
  }

  /** One timed size. */
  public record Point(int n, double bestSeconds, double gflops) {
  }

  /**
   * Throughput of one backend at several sizes, with what is needed to reproduce it.
   *
   * @param backend {@link Blas#name()}
   * @param processors available processors of the JVM that ran it
   * @param javaVersion {@code java.version} of that JVM
   */
  public record Result(String backend, int warmups, double minWarmupSeconds, int repetitions,
                       long seed, int processors,
                       String javaVersion, List<Point> points) {
    public Result {
      points = List.copyOf(points);
    }
  }

  /** Runs the benchmark at {@link #DEFAULT_SIZES}. */
  public Result run(Blas blas) {
    return run(blas, DEFAULT_SIZES);
  }

  /** Runs the benchmark at the given sizes. */
  public Result run(Blas blas, int... sizes) {
    List<Point> points = new ArrayList<>();
    for (int n : sizes) {
      points.add(measure(blas, n));
    }
    return new Result(blas.name(), warmups, minWarmupSeconds, repetitions, seed,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), points);
  }

  /**
   * Prints a table for the backends named in {@code args} ({@code native}, {@code java},
   * {@code naive}; default: native when available, and java).
   */
  public static void main(String[] args) {
    List<String> names = args.length > 0 ? List.of(args)
        : ncverify.theory.linalg.blas.Backends.nativeIfWorking().isPresent() ? List.of("native", "java")
        : List.of("java");
    GemmBenchmark bench = standard();
    for (String name : names) {
      Result r = bench.run(ncverify.theory.linalg.blas.Backends.byName(name));
      for (Point p : r.points()) {
        System.out.printf(java.util.Locale.ROOT, "%-16s n=%5d  %9.3f ms  %7.2f GFLOP/s%n",
            r.backend(), p.n(), p.bestSeconds() * 1e3, p.gflops());
      }
    }
  }

  /** Times C = A B at size n x n x n. */
  public Point measure(Blas blas, int n) {
    if (n < 1) {
      throw InvalidInputException.of("benchmark size must be >= 1, got %d", n);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] a = rnd.doubles((long) n * n, -1, 1).toArray();
    double[] b = rnd.doubles((long) n * n, -1, 1).toArray();
    double[] c = new double[n * n];
    long warmStart = System.nanoTime();
    for (int w = 0; w < warmups || System.nanoTime() - warmStart < minWarmupSeconds * 1e9; w++) {
      blas.dgemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
    }
    long best = Long.MAX_VALUE;
    for (int r = 0; r < repetitions; r++) {
      long t0 = System.nanoTime();
      blas.dgemm(false, false, n, n, n, 1, a, 0, n, b, 0, n, 0, c, 0, n);
      best = Math.min(best, System.nanoTime() - t0);
    }
    double seconds = Math.max(best, 1) * 1e-9;
    return new Point(n, seconds, 2.0 * n * n * n / seconds * 1e-9);
  }
}
