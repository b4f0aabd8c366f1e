package ncverify.theory.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The streamed path ({@link NcMetrics#measure(FeatureBlocks, int[], int, DMatrixRMaj, double[], List,
 * GlobalMean, int, PassListener)}): features delivered block by block into a buffer, as a file larger than
 * the heap is, give the in-memory path's metrics for any block size (sums regrouped by blocks: equal to
 * roundoff; counts exactly), in two passes with progress.
 */
class StreamedMetricsTest extends MetricsTestSupport {

  private static final double REL = 1e-12;

  /** Blocks copied out of a matrix into the caller's buffer (what a streamed file does). */
  static FeatureBlocks copying(DMatrixRMaj h) {
    return new FeatureBlocks() {
      @Override
      public int dim() {
        return h.numRows;
      }

      @Override
      public int numSamples() {
        return h.numCols;
      }

      @Override
      public Block block(int i0, int width, double[] buffer) {
        java.util.Arrays.fill(buffer, Double.NaN); // stale data must never be read
        for (int a = 0; a < h.numRows; a++) {
          System.arraycopy(h.data, a * h.numCols + i0, buffer, a * width, width);
        }
        return new Block(buffer, 0, width, width);
      }
    };
  }

  private DMatrixRMaj mixture(int d, int n, int k, int[] labels, double offset) {
    DMatrixRMaj centres = gaussian(d, k, rnd);
    DMatrixRMaj h = gaussian(d, n, rnd);
    for (int i = 0; i < n; i++) {
      labels[i] = rnd.nextInt(k);
      for (int a = 0; a < d; a++) {
        h.set(a, i, offset + 3 * centres.get(a, labels[i]) + 0.5 * h.get(a, i));
      }
    }
    for (int c = 0; c < k; c++) {
      labels[c] = c; // every class non-empty
    }
    return h;
  }

  @Test
  void streamedMetricsEqualTheInMemoryOnesForAnyBlockSize() {
    int d = 13;
    int n = 1000;
    int k = 5;
    int[] labels = new int[n];
    DMatrixRMaj h = mixture(d, n, k, labels, 40.0);
    DMatrixRMaj w = gaussian(k, d, rnd);
    double[] bias = {0.1, -0.2, 0.3, 0.0, 0.05};
    List<DMatrixRMaj> layers = List.of(gaussian(7, 4, rnd), gaussian(3, 7, rnd));
    for (GlobalMean gm : GlobalMean.values()) {
      Map<String, Object> inMemory = NcMetrics.measure(new LabeledFeatures(h, labels, k), w, bias, layers, gm).toMap();
      for (int width : new int[] {1, 7, 64, 999, 1000, 5000}) {
        for (FeatureBlocks source : List.of(copying(h), FeatureBlocks.of(h))) { // copied blocks and views
        Map<String, Object> streamed = NcMetrics.measure(source, labels, k, w, bias, layers, gm, width, null)
            .toMap();
        assertThat(streamed.keySet()).containsExactlyElementsOf(inMemory.keySet());
        for (String key : inMemory.keySet()) {
          Object a = inMemory.get(key);
          Object b = streamed.get(key);
          if (a instanceof Double x) {
            assertThat((Double) b).as("%s, block %d, %s", key, width, gm).isCloseTo(x, within(REL * Math.abs(x)));
          } else {
            assertThat(b).as("%s, block %d", key, width).isEqualTo(a);
          }
        }
        }
      }
    }
  }

  @Test
  void twoPassesReportProgressInOrder() {
    int n = 100;
    int[] labels = new int[n];
    DMatrixRMaj h = mixture(4, n, 3, labels, 0.0);
    List<long[]> calls = new ArrayList<>();
    NcMetrics.measure(copying(h), labels, 3, null, null, List.of(), GlobalMean.SAMPLE, 30,
        (pass, passes, done, total) -> calls.add(new long[] {pass, passes, done, total}));
    assertThat(calls).extracting(c -> c[0] + "/" + c[1] + ":" + c[2] + "/" + c[3]).containsExactly(
        "1/2:30/100", "1/2:60/100", "1/2:90/100", "1/2:100/100",
        "2/2:30/100", "2/2:60/100", "2/2:90/100", "2/2:100/100");
  }

  @Test
  void labelsAreValidatedAgainstTheStreamedSamples() {
    DMatrixRMaj h = gaussian(3, 10, rnd);
    int[] short9 = new int[9];
    assertThatThrownBy(() -> NcMetrics.measure(copying(h), short9, 2, null, null, List.of(), null, 0, null))
        .isInstanceOf(InvalidInputException.class).hasMessage("features have 10 samples (columns) but there are 9 labels");
    int[] oneClass = new int[10];
    assertThatThrownBy(() -> NcMetrics.measure(copying(h), oneClass, 2, null, null, List.of(), null, 0, null))
        .isInstanceOf(InvalidInputException.class).hasMessage("class 1 has no sample");
  }
}
