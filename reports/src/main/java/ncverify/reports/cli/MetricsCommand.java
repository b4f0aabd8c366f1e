package ncverify.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import ncverify.reports.io.ArrayFiles;
import ncverify.reports.io.Heap;
import ncverify.reports.io.MappedNpy;
import ncverify.reports.json.Json;
import ncverify.theory.InvalidInputException;
import ncverify.theory.metrics.GlobalMean;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.MetricsReport;
import ncverify.theory.metrics.NcMetrics;
import ncverify.theory.metrics.PassListener;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ncv metrics}: every NC metric of docs/theory.md section 1 on features, labels and weights from files. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = {
        "Measure the neural-collapse metrics (docs/theory.md section 1) of a trained model.",
        "Files are .npy (float32/64, int labels, C or Fortran order, any byte order) or CSV.",
        "Features on disk are N x d (one row per sample, as PyTorch dumps them); W is K x d;",
        "layer l is n_l x n_{l-1}. Metrics that need W are omitted without --weights."},
    footer = {"", "Example:", "  ncv metrics --features H.npy --labels y.npy --weights W.npy --json"})
public final class MetricsCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--features", required = true, paramLabel = "H.npy", description = "Penultimate features, N x d.")
  Path features;

  @Option(names = "--labels", required = true, paramLabel = "y.npy", description = "Class labels 0..K-1, length N.")
  Path labels;

  @Option(names = "--weights", paramLabel = "W.npy", description = "Last-layer classifier W, K x d.")
  Path weights;

  @Option(names = "--bias", paramLabel = "b.npy", description = "Classifier bias b, length K (needs --weights).")
  Path bias;

  @Option(names = "--layers", split = ",", paramLabel = "W1.npy", description = "Linear layers W_1..W_L in order (for balancedness).")
  List<Path> layers = new ArrayList<>();

  @Option(names = "--classes", paramLabel = "K", description = "Number of classes (default: max label + 1). Every class must have a sample.")
  Integer classes;

  @Option(names = "--global-mean", paramLabel = "MODE", defaultValue = "sample",
      description = "Global mean for centering: sample (sample-weighted, default) or class-means.")
  String globalMean;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--stream", description = "Stream a .npy features file in blocks even when it fits in the heap"
      + " (files that do not fit are streamed anyway; two passes, progress on stderr).")
  boolean stream;

  @Option(names = "--block-size", paramLabel = "S", description = "Samples per block when streaming (default: about"
      + " 32 MB of float64 per block).")
  Integer blockSize;

  /**
   * Whether {@code ncv metrics} announces that it streams the file and shows the progress of its passes:
   * when asked to (--stream, --block-size) or when the file's float64 copy (8 N d bytes) would take more
   * than half of the free heap. (The passes are over blocks of the mapped file in every case.)
   */
  static boolean streams(MappedNpy mapped, boolean stream, Integer blockSize) {
    return stream || blockSize != null || mapped.memoryBytes() > Heap.available() / 2;
  }

  /** Float64 copies of a block the passes hold at once (the block, its centered copy), with room to spare. */
  static final int BLOCK_COPIES = 3;

  /**
   * Samples per block: {@code blockSize} when given; else the default of about {@value NcMetrics#BLOCK_DOUBLES}
   * doubles (0) when {@value #BLOCK_COPIES} float64 copies of such a block fit in {@code available} bytes of
   * heap, or as many samples as do (at least 1): a small heap streams in smaller blocks, never out of memory.
   */
  static int blockWidth(MappedNpy mapped, Integer blockSize, long available) {
    if (blockSize != null) {
      return blockSize;
    }
    long perSample = (long) BLOCK_COPIES * Double.BYTES * mapped.dim();
    long fit = Math.max(0, available) / perSample;
    return fit * mapped.dim() >= NcMetrics.BLOCK_DOUBLES || fit >= mapped.numSamples() ? 0 : (int) Math.max(1, fit);
  }

  @Override
  public Integer call() {
    GlobalMean gm = switch (globalMean) {
      case "sample" -> GlobalMean.SAMPLE;
      case "class-means" -> GlobalMean.CLASS_MEANS;
      default -> throw InvalidInputException.of("--global-mean must be 'sample' or 'class-means', got '%s'", globalMean);
    };
    if (classes != null && classes < 2) {
      throw InvalidInputException.of("--classes must be at least 2, got %d", classes);
    }
    if (bias != null && weights == null) {
      throw InvalidInputException.of("--bias needs --weights");
    }
    if (blockSize != null && blockSize < 1) {
      throw InvalidInputException.of("--block-size must be at least 1, got %d", blockSize);
    }
    MappedNpy mapped = ArrayFiles.mapped(features);
    if (mapped == null && (stream || blockSize != null)) {
      throw InvalidInputException.of("--stream and --block-size need a float32 or float64 .npy features file");
    }
    MetricsReport report;
    if (mapped != null) {
      // two passes over blocks of the mapped file, converted in parallel: no d x N copy of the features
      int[] y = ArrayFiles.labelsFor(mapped.numSamples(), features, labels);
      int k = classes == null ? LabeledFeatures.inferNumClasses(y) : classes;
      DMatrixRMaj w = weights == null ? null : ArrayFiles.matrix(weights, "weights");
      double[] b = bias == null ? null : ArrayFiles.vector(bias, "bias");
      List<DMatrixRMaj> ws = ArrayFiles.matrices(layers, "layer weights");
      PrintWriter err = spec.commandLine().getErr();
      PassProgress progress = null;
      int width = blockWidth(mapped, blockSize, Heap.available());
      if (streams(mapped, stream, blockSize)) {
        err.printf(Locale.ROOT, "ncv metrics: streaming %s (%s; %s as float64, %s of heap available) in %d passes%s%n",
            mapped.name(), mapped.describe(), Heap.describe(mapped.memoryBytes()), Heap.describe(Heap.available()),
            NcMetrics.PASSES, width == 0 ? "" : " of blocks of " + width + " samples");
        err.flush();
        progress = new PassProgress(err, System.console() != null);
      }
      try {
        report = NcMetrics.measure(mapped, y, k, w, b, ws, gm, width,
            progress == null ? PassListener.NONE : progress);
      } finally {
        if (progress != null) {
          progress.close();
        }
      }
    } else {
      DMatrixRMaj h = ArrayFiles.features(features);
      int[] y = ArrayFiles.labelsFor(h, features, labels);
      LabeledFeatures lf = classes == null ? LabeledFeatures.of(h, y) : new LabeledFeatures(h, y, classes);
      DMatrixRMaj w = weights == null ? null : ArrayFiles.matrix(weights, "weights");
      double[] b = bias == null ? null : ArrayFiles.vector(bias, "bias");
      List<DMatrixRMaj> ws = ArrayFiles.matrices(layers, "layer weights");
      report = NcMetrics.measure(lf, w, b, ws, gm);
    }
    Map<String, Object> map = report.toMap();
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(map));
    } else {
      out.print(Tables.metrics(map));
    }
    out.flush();
    return 0;
  }
}
