package ncverify.theory.metrics;

import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Features H (d x N, samples as columns; docs/theory.md section 0) delivered as consecutive blocks of
 * samples, so that the metrics can be measured in passes over blocks: over a matrix in memory (a view,
 * no copy) or over a file streamed block by block (features larger than the heap). Every metric of
 * docs/theory.md section 1 needs at most two passes ({@link NcMetrics#measure(FeatureBlocks, int[], int,
 * DMatrixRMaj, double[], java.util.List, GlobalMean, PassListener)}).
 */
public interface FeatureBlocks {

  /** d. */
  int dim();

  /** N. */
  int numSamples();

  /**
   * The block of samples {@code i0 .. i0 + width - 1}: either a view into memory or {@code buffer}
   * (at least d x width doubles) filled with it. Entries must be finite (a source reading a file
   * checks them and throws {@link InvalidInputException} naming the first bad entry).
   */
  Block block(int i0, int width, double[] buffer);

  /**
   * A d x width block: entry (a, b), feature a of sample i0 + b, is {@code data[offset + a ld + b]}.
   *
   * @param data storage
   * @param offset position of entry (0, 0)
   * @param ld distance between consecutive features of one sample (row stride)
   * @param width number of samples
   */
  record Block(double[] data, int offset, int ld, int width) {
  }

  /** The blocks of a matrix in memory (d x N): views, no copy. */
  static FeatureBlocks of(DMatrixRMaj h) {
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
        return new Block(h.data, i0, h.numCols, width);
      }

      @Override
      public boolean inMemory() {
        return true;
      }
    };
  }

  /** Whether blocks are views into memory (no buffer needed); false for streamed sources. */
  default boolean inMemory() {
    return false;
  }
}
