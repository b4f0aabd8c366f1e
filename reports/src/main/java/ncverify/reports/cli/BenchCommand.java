package ncverify.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import ncverify.impl.bench.GemmBenchmark;
import ncverify.impl.train.EpochClock;
import ncverify.impl.train.ReferenceCnn;
import ncverify.impl.train.ReferenceMlp;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncv bench}: float64 GEMM throughput C = A B (2 n^3 flops, best of the timed repetitions,
 * {@link GemmBenchmark}) at n = 256, 512, 1024, 2048, and the wall time of one SGD epoch of the
 * reference MLP ({@link ReferenceMlp}: 784-1024-1024-512-512-10, batch 256, 60,000 samples). With
 * {@code --quick} the GEMM runs once per size after a short warm-up and the epoch is timed on
 * {@value #QUICK_SAMPLES} samples and extrapolated to 60,000 by its number of steps (reported as
 * {@code epoch_extrapolated: true}), and of the reference CNN ({@link ReferenceCnn}: two 3x3
 * convolutions with max pooling, fc 128, head 64 -> 10, batch 128, 6,000 images; {@code --quick}: 1,280
 * images, extrapolated to the 47 steps of an epoch).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Measure the speed of the training engine on this machine.",
        "f64 GEMM GFLOP/s (n = 256, 512, 1024, 2048) and the seconds per epoch of the reference MLP "
            + "784-1024-1024-512-512-10 (batch 256, 60,000 samples) and of the reference CNN (conv 3x3-16, pool,"
            + " conv 3x3-32, pool, fc 128, head 64-10; batch 128, 6,000 images). Compare with NumPy and PyTorch:",
        "  python3 bench/numpy_reference_epoch.py --gemm   (see bench/README.md)",
        "  python3 bench/torch_reference_cnn.py",
        "With --metrics H.npy --labels y.npy: the time of ncv metrics on that file instead (bench/scale_bench.sh)."},
    footer = {"", "Example:", "  ncv bench --json", "  OPENBLAS_NUM_THREADS=1 ncv bench --quick"})
public final class BenchCommand implements Callable<Integer> {

  /** Samples of the epoch timed in --quick mode (then extrapolated). */
  static final int QUICK_SAMPLES = 6_144;

  /** Largest GEMM size n (three n x n matrices: 1.5 GB at n = 8192). */
  static final int MAX_GEMM_SIZE = 8192;

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--quick", description = "One timed GEMM per size and extrapolated epochs of "
      + QUICK_SAMPLES + " samples (MLP) and " + QUICK_CNN_IMAGES + " images (CNN).")
  boolean quick;

  @Option(names = "--backend", paramLabel = "NAME", description = "native, java or naive (default: the one ncv trains with).")
  String backend;

  @Option(names = "--metrics", paramLabel = "H.npy", description = "Instead of GEMM and epoch: time ncv metrics on"
      + " this features file inside the JVM (reading, the passes, peak heap); needs --labels.")
  Path metricsFeatures;

  @Option(names = "--labels", paramLabel = "y.npy", description = "Labels for --metrics.")
  Path metricsLabels;

  @Option(names = "--weights", paramLabel = "W.npy", description = "Classifier W for --metrics (adds NC4, errors).")
  Path metricsWeights;

  @Option(names = "--stream", description = "With --metrics: stream the file even when it fits in the heap.")
  boolean stream;

  @Option(names = "--block-size", paramLabel = "S", description = "With --metrics: samples per streamed block.")
  Integer blockSize;

  @Option(names = "--in-memory", description = "With --metrics: read the whole d x N matrix first (as ncv check"
      + " does), then the passes over it.")
  boolean inMemory;

  @Option(names = "--sizes", split = ",", hidden = true, description = "GEMM sizes (testing).")
  int[] sizes;

  @Option(names = "--samples", hidden = true, description = "Samples of the timed epoch (testing; extrapolated).")
  Integer samples;

  @Option(names = "--cnn-images", hidden = true, description = "Images of the timed CNN epoch (testing; extrapolated).")
  Integer cnnImages;

  /** Images of the CNN epoch timed in --quick mode (10 batches, then extrapolated). */
  static final int QUICK_CNN_IMAGES = 1_280;

  @Override
  public Integer call() {
    if (metricsFeatures != null) {
      return metrics();
    }
    Blas blas = backend == null ? Backends.best() : Backends.byName(backend);
    int[] ns = sizes != null ? sizes : GemmBenchmark.DEFAULT_SIZES;
    for (int n : ns) {
      if (n < 1 || n > MAX_GEMM_SIZE) {
        throw InvalidInputException.of("--sizes must be in 1..%d, got %d", MAX_GEMM_SIZE, n);
      }
    }
    int epochSamples = samples != null ? samples : quick ? QUICK_SAMPLES : ReferenceMlp.SAMPLES;
    if (epochSamples < 1 || epochSamples > ReferenceMlp.SAMPLES) {
      throw InvalidInputException.of("--samples must be in 1..%d, got %d", ReferenceMlp.SAMPLES, epochSamples);
    }
    PrintWriter err = spec.commandLine().getErr();
    GemmBenchmark bench = quick ? new GemmBenchmark(1, 0.1, 1, 1L) : GemmBenchmark.standard();
    Map<String, Object> gflops = new LinkedHashMap<>();
    Map<String, Object> gemmSeconds = new LinkedHashMap<>();
    for (int n : ns) {
      announce(err, "gemm n=%d ...%n", n);
      GemmBenchmark.Point p = bench.measure(blas, n);
      gflops.put(Integer.toString(n), p.gflops());
      gemmSeconds.put(Integer.toString(n), p.bestSeconds());
    }
    announce(err, "epoch of the reference MLP on %d samples ...%n", epochSamples);
    EpochClock.EpochTiming t = ReferenceMlp.timeOneEpoch(blas, epochSamples, 1L);
    boolean extrapolated = t.samples() != ReferenceMlp.SAMPLES;
    double epochSeconds = wholeEpoch(t, ReferenceMlp.SAMPLES, ReferenceMlp.BATCH);

    int cnnN = cnnImages != null ? cnnImages : quick ? QUICK_CNN_IMAGES : ReferenceCnn.SAMPLES;
    if (cnnN < 1 || cnnN > ReferenceCnn.SAMPLES) {
      throw InvalidInputException.of("--cnn-images must be in 1..%d, got %d", ReferenceCnn.SAMPLES, cnnN);
    }
    announce(err, "epoch of the reference CNN on %d images ...%n", cnnN);
    EpochClock.EpochTiming ct = ReferenceCnn.timeOneEpoch(blas, cnnN, 1L);
    boolean cnnExtrapolated = ct.samples() != ReferenceCnn.SAMPLES;
    double cnnSeconds = wholeEpoch(ct, ReferenceCnn.SAMPLES, ReferenceCnn.BATCH);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("backend", blas.name());
    out.put("threads", TrainCommand.threads(blas));
    out.put("processors", Runtime.getRuntime().availableProcessors());
    out.put("java_version", System.getProperty("java.version"));
    out.put("quick", quick);
    out.put("gemm_gflops", gflops);
    out.put("gemm_seconds", gemmSeconds);
    out.put("epoch_seconds", epochSeconds);
    out.put("epoch_extrapolated", extrapolated);
    out.put("epoch_samples_measured", t.samples());
    out.put("epoch_steps_measured", t.steps());
    out.put("epoch_seconds_measured", t.seconds());
    out.put("epoch_reference", "784-1024-1024-512-512-10, ReLU x3 then 2 linear layers, biases, MSE (mean), "
        + "SGD lr " + ReferenceMlp.LR + " momentum 0.9, weight decay 5e-4, float64, batch " + ReferenceMlp.BATCH
        + ", " + ReferenceMlp.SAMPLES + " samples per epoch");
    out.put("cnn_epoch_seconds", cnnSeconds);
    out.put("cnn_epoch_extrapolated", cnnExtrapolated);
    out.put("cnn_epoch_images_measured", ct.samples());
    out.put("cnn_epoch_steps_measured", ct.steps());
    out.put("cnn_epoch_seconds_measured", ct.seconds());
    out.put("cnn_epoch_reference", ReferenceCnn.DESCRIPTION + " (" + ReferenceCnn.dataName(cnnN) + ")");
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(Json.write(out));
    } else {
      List<String> lines = new ArrayList<>();
      lines.add(String.format(Locale.ROOT, "backend %s, %d threads, %d processors, java %s%s", blas.name(),
          TrainCommand.threads(blas), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
          quick ? " (quick)" : ""));
      for (Map.Entry<String, Object> e : gflops.entrySet()) {
        lines.add(String.format(Locale.ROOT, "gemm n=%-5s %8.2f GFLOP/s  (%.4f s)", e.getKey(), (Double) e.getValue(),
            (Double) gemmSeconds.get(e.getKey())));
      }
      lines.add(epochLine("epoch_seconds", epochSeconds, t, "samples"));
      lines.add(epochLine("cnn_epoch_seconds", cnnSeconds, ct, "images"));
      for (String l : lines) {
        o.println(l);
      }
    }
    o.flush();
    return 0;
  }

  private int metrics() {
    if (blockSize != null && blockSize < 1) {
      throw InvalidInputException.of("--block-size must be at least 1, got %d", blockSize);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("backend", Backends.best().name());
    out.put("processors", Runtime.getRuntime().availableProcessors());
    out.put("java_version", System.getProperty("java.version"));
    out.putAll(MetricsBench.run(metricsFeatures, metricsLabels, metricsWeights, stream, blockSize, inMemory));
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(Json.write(out));
    } else {
      out.forEach((key, v) -> o.printf(Locale.ROOT, "%-20s %s%n", key,
          v instanceof Double x ? String.format(Locale.ROOT, "%.3f", x) : v));
    }
    o.flush();
    return 0;
  }

  /** A progress line on stderr, unless the output is JSON. */
  private void announce(PrintWriter err, String format, Object... args) {
    if (!json) {
      err.printf(Locale.ROOT, format, args);
      err.flush();
    }
  }

  /** The seconds of a whole epoch of {@code samples}: measured, or extrapolated by the number of steps. */
  static double wholeEpoch(EpochClock.EpochTiming t, int samples, int batch) {
    int steps = (samples + batch - 1) / batch;
    return t.samples() == samples ? t.seconds() : t.seconds() / t.steps() * steps;
  }

  private static String epochLine(String key, double seconds, EpochClock.EpochTiming t, String unit) {
    boolean extrapolated = seconds != t.seconds();
    return String.format(Locale.ROOT, "%s %.3f%s", key, seconds, extrapolated ? String.format(Locale.ROOT,
        "  (extrapolated from %d %s, %d steps, %.3f s)", t.samples(), unit, t.steps(), t.seconds()) : "");
  }
}
