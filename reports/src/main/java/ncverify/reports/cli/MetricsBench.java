package ncverify.reports.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.reports.io.ArrayFiles;
import ncverify.reports.io.Heap;
import ncverify.reports.io.MappedNpy;
import ncverify.theory.InvalidInputException;
import ncverify.theory.metrics.GlobalMean;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.MetricsReport;
import ncverify.theory.metrics.NcMetrics;
import org.ejml.data.DMatrixRMaj;

/**
 * {@code ncv bench --metrics}: times what {@code ncv metrics} does on a features file, inside one JVM (no
 * start-up): the two passes over blocks of the mapped file (converted in parallel), or with --in-memory
 * the whole d x N matrix read first and then the two passes over it; and the peak heap (the sum of the
 * peaks of the heap pools, reset at the start).
 */
final class MetricsBench {

  private MetricsBench() {}

  static Map<String, Object> run(Path features, Path labels, Path weights, boolean stream, Integer blockSize,
      boolean inMemory) {
    if (labels == null) {
      throw new InvalidInputException("--metrics needs --labels");
    }
    resetPeaks();
    long t0 = System.nanoTime();
    MappedNpy mapped = ArrayFiles.mapped(features);
    if (mapped == null) {
      throw InvalidInputException.of("--metrics needs a float32 or float64 .npy features file");
    }
    boolean streaming = MetricsCommand.streams(mapped, stream, blockSize);
    if (inMemory && streaming) {
      throw InvalidInputException.of("--in-memory: %s does not fit in the heap (or --stream was given)", mapped.name());
    }
    int[] y = ArrayFiles.labelsFor(mapped.numSamples(), features, labels);
    DMatrixRMaj w = weights == null ? null : ArrayFiles.matrix(weights, "weights");
    double[] passEnd = new double[3];
    double readSeconds = 0;
    MetricsReport report;
    long t1;
    if (!inMemory) {
      int k = LabeledFeatures.inferNumClasses(y);
      t1 = System.nanoTime();
      report = NcMetrics.measure(mapped, y, k, w, null, List.of(), GlobalMean.SAMPLE,
          MetricsCommand.blockWidth(mapped, blockSize, Heap.available()), (pass, passes, done, total) -> {
            if (done == total) {
              passEnd[pass] = (System.nanoTime() - t0) / 1e9;
            }
          });
    } else {
      DMatrixRMaj h = mapped.readAll();
      readSeconds = (System.nanoTime() - t0) / 1e9;
      t1 = System.nanoTime();
      report = NcMetrics.measure(LabeledFeatures.of(h, y), w, null, List.of());
    }
    long t2 = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("features", mapped.name() + " (" + mapped.describe() + ")");
    out.put("path", inMemory ? "in memory (d x N read first)" : "two passes over blocks of the mapped file");
    out.put("streamed", streaming);
    out.put("read_seconds", readSeconds);
    out.put("metrics_seconds", (t2 - t1) / 1e9);
    if (!inMemory) {
      out.put("pass1_seconds", passEnd[1] - (t1 - t0) / 1e9);
      out.put("pass2_seconds", passEnd[2] - passEnd[1]);
    }
    out.put("total_seconds", (t2 - t0) / 1e9);
    out.put("peak_heap_mb", peakHeapBytes() / 1e6);
    out.put("max_heap_mb", Runtime.getRuntime().maxMemory() / 1e6);
    out.put("heap_available_mb", Heap.available() / 1e6);
    out.put("nc1", report.nc1());
    return out;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum over the heap pools of their peak use since {@link #resetPeaks} (an upper bound of the peak heap). */
  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
