package ncverify.reports.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import ncverify.theory.InvalidInputException;
import ncverify.theory.IoErrors;
import ncverify.theory.linalg.Parallel;
import ncverify.theory.metrics.FeatureBlocks;
import org.ejml.data.DMatrixRMaj;

/**
 * A 2-D float32 or float64 {@code .npy} feature file (N x d on disk, one row per sample; C or Fortran
 * order, either byte order), memory-mapped and converted to float64 in parallel straight into the theory's
 * d x N layout (columns are samples): no intermediate copy, no separate transpose. Either the whole matrix
 * ({@link #readAll}, when it fits in the heap) or block after block ({@link FeatureBlocks}: the file is
 * streamed, so its size is bounded by the disk, not by the heap). Every value is checked to be finite
 * while it is converted.
 */
public final class MappedNpy implements FeatureBlocks {

  /** Bytes per mapped segment (a MappedByteBuffer holds at most 2 GiB). */
  private static final long SEGMENT_BYTES = 1L << 30;
  /** Bytes of file rows read together, then written feature by feature (converted and transposed). */
  private static final int TILE_BYTES = 1 << 20;
  /** Samples per parallel task. */
  private static final int TASK_SAMPLES = 1024;

  private final String name;
  private final int rows;
  private final int cols;
  private final boolean fortran;
  private final int itemSize;
  private final String dtype;
  private final long dataBytes;
  private final MappedByteBuffer[] segments;
  private final long elementsPerSegment;

  private MappedNpy(String name, int rows, int cols, boolean fortran, int itemSize, String dtype,
      MappedByteBuffer[] segments, long elementsPerSegment) {
    this.name = name;
    this.rows = rows;
    this.cols = cols;
    this.fortran = fortran;
    this.itemSize = itemSize;
    this.dtype = dtype;
    this.dataBytes = (long) rows * cols * itemSize;
    this.segments = segments;
    this.elementsPerSegment = elementsPerSegment;
  }

  /**
   * Maps a features file, or returns null when it is a .npy file of another kind (a dtype other than
   * float32/float64, not 2-D): {@link ArrayFiles} then reads it the general way. A truncated file, a 0-row
   * or 0-column array and an unreadable file are errors.
   */
  public static MappedNpy open(Path file) {
    NpyReader.Layout layout = NpyReader.layout(file);
    NpyReader.Header h = layout.header();
    String name = NpyReader.displayName(file);
    long[] shape = h.shape();
    if (h.kind() != 'f' || (h.itemSize() != 4 && h.itemSize() != 8) || shape.length != 2) {
      return null;
    }
    if (shape[0] == 0 || shape[1] == 0) {
      throw InvalidInputException.of("%s: features are empty (shape %s)", name, NpyReader.shapeString(shape));
    }
    if (shape[0] > Integer.MAX_VALUE - 16 || shape[1] > Integer.MAX_VALUE - 16) {
      throw InvalidInputException.of("%s: declared shape %s is too large", name, NpyReader.shapeString(shape));
    }
    long perSegment = Math.max(1, SEGMENT_BYTES / h.itemSize());
    long count = layout.count();
    int n = (int) ((count + perSegment - 1) / perSegment);
    MappedByteBuffer[] segs = new MappedByteBuffer[n];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int s = 0; s < n; s++) {
        long first = s * perSegment;
        long len = Math.min(perSegment, count - first) * h.itemSize();
        segs[s] = ch.map(FileChannel.MapMode.READ_ONLY, layout.dataOffset() + first * h.itemSize(), len);
        segs[s].order(h.order());
      }
    } catch (IOException e) {
      throw IoErrors.failure("map", file, e);
    }
    return new MappedNpy(name, (int) shape[0], (int) shape[1], h.fortran(), h.itemSize(), h.descr(), segs,
        perSegment);
  }

  /** N (rows on disk). */
  @Override
  public int numSamples() {
    return rows;
  }

  /** d (columns on disk). */
  @Override
  public int dim() {
    return cols;
  }

  /** Size of the data on disk in bytes. */
  public long dataBytes() {
    return dataBytes;
  }

  /** Bytes the features take in memory as float64. */
  public long memoryBytes() {
    return (long) rows * cols * Double.BYTES;
  }

  /** "1281167 x 2048 float32, 10.5 GB". */
  public String describe() {
    return String.format(Locale.ROOT, "%d x %d %s, %s", rows, cols, itemSize == 4 ? "float32" : "float64",
        gigabytes(dataBytes));
  }

  /** The file name as shown in messages. */
  public String name() {
    return name;
  }

  /** The dtype descriptor, e.g. {@code <f4}. */
  public String dtype() {
    return dtype;
  }

  /** "10.5 GB", "983 MB", "24 kB", "48 bytes". */
  static String gigabytes(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
    }
    return bytes >= 1000 ? String.format(Locale.ROOT, "%d kB", Math.round(bytes / 1e3)) : bytes + " bytes";
  }

  /** The whole matrix as d x N float64 ({@link #readAll(long)} within the heap available now). */
  public DMatrixRMaj readAll() {
    return readAll(Heap.available());
  }

  /**
   * The whole matrix as d x N float64, converted and transposed in one parallel pass.
   *
   * @param budget bytes of heap the matrix may take
   * @throws InvalidInputException if it does not fit in one Java array or in {@code budget} (with the sizes
   *     and what to do), or an entry is not finite
   */
  public DMatrixRMaj readAll(long budget) {
    Heap.requireFits(name, describe(), memoryBytes(), budget, Heap.FEATURES_ADVICE);
    if ((long) rows * cols > Integer.MAX_VALUE - 16L) {
      throw InvalidInputException.of("%s: %s has more values than one Java array holds (2^31); %s", name,
          describe(), Heap.FEATURES_ADVICE);
    }
    DMatrixRMaj h = new DMatrixRMaj(cols, rows);
    convert(0, rows, h.data, rows);
    return h;
  }

  @Override
  public Block block(int i0, int width, double[] buffer) {
    convert(i0, width, buffer, width);
    return new Block(buffer, 0, width, width);
  }

  /**
   * Writes samples i0 .. i0 + width - 1 as a d x width block: feature a of sample i0 + b goes to
   * {@code dst[a ld + b]}. Samples are converted in parallel tasks of {@value #TASK_SAMPLES}; the first
   * non-finite value (in file order) is reported.
   */
  private void convert(int i0, int width, double[] dst, int ld) {
    AtomicLong firstBad = new AtomicLong(Long.MAX_VALUE);
    Parallel.forChunks(width, TASK_SAMPLES, (b0, b1) -> {
      long bad = fortran ? copyColumns(i0, b0, b1, dst, ld) : copyRows(i0, b0, b1, dst, ld);
      firstBad.accumulateAndGet(bad, Math::min);
    });
    long bad = firstBad.get();
    if (bad != Long.MAX_VALUE) {
      int i = (int) (bad / cols);
      int a = (int) (bad % cols);
      double v = readOne(i, a);
      throw InvalidInputException.of("%s: features contain %s at row %d, column %d", name,
          Double.isNaN(v) ? "NaN" : "Inf", i, a);
    }
  }

  /** C order: rows of the file are samples. Returns the first bad logical index i d + a, or MAX_VALUE. */
  private long copyRows(int i0, int b0, int b1, double[] dst, int ld) {
    long bad = Long.MAX_VALUE;
    int tile = Math.max(1, Math.min(TILE_BYTES / (cols * itemSize), b1 - b0));
    float[] floats = itemSize == 4 ? new float[tile * cols] : null;
    double[] doubles = itemSize == 8 ? new double[tile * cols] : null;
    for (int t0 = b0; t0 < b1; t0 += tile) {
      int tw = Math.min(tile, b1 - t0);
      long first = (long) (i0 + t0) * cols; // consecutive rows are contiguous in the file
      if (floats != null) {
        readRaw(first, tw * cols, floats, null, 0);
      } else {
        readRaw(first, tw * cols, null, doubles, 0);
      }
      for (int a = 0; a < cols; a++) {
        int out = a * ld + t0;
        boolean finite = true;
        if (floats != null) {
          for (int t = 0; t < tw; t++) {
            float v = floats[t * cols + a];
            dst[out + t] = v;
            finite &= Float.isFinite(v);
          }
        } else {
          for (int t = 0; t < tw; t++) {
            double v = doubles[t * cols + a];
            dst[out + t] = v;
            finite &= Double.isFinite(v);
          }
        }
        if (!finite) {
          for (int t = 0; t < tw; t++) {
            if (!Double.isFinite(dst[out + t])) {
              bad = Math.min(bad, (long) (i0 + t0 + t) * cols + a);
              break;
            }
          }
        }
      }
    }
    return bad;
  }

  /** Fortran order: the file holds feature after feature, each a run of N samples. */
  private long copyColumns(int i0, int b0, int b1, double[] dst, int ld) {
    long bad = Long.MAX_VALUE;
    int w = b1 - b0;
    float[] scratch = itemSize == 4 ? new float[w] : null;
    for (int a = 0; a < cols; a++) {
      int out = a * ld + b0;
      read((long) a * rows + i0 + b0, w, dst, out, scratch);
      for (int t = 0; t < w; t++) {
        if (!Double.isFinite(dst[out + t])) {
          bad = Math.min(bad, (long) (i0 + b0 + t) * cols + a);
          break;
        }
      }
    }
    return bad;
  }

  /**
   * Elements start .. start + count - 1 of the flat data (file order) as doubles into dst[off ..];
   * {@code floats} (float32 files) is scratch space of at least count floats.
   */
  private void read(long start, int count, double[] dst, int off, float[] floats) {
    if (itemSize == 8) {
      readRaw(start, count, null, dst, off);
      return;
    }
    readRaw(start, count, floats, null, 0);
    for (int j = 0; j < count; j++) {
      dst[off + j] = floats[j];
    }
  }

  /** Elements start .. start + count - 1 as stored (floats or doubles, whichever is not null), at off. */
  private void readRaw(long start, int count, float[] floats, double[] doubles, int off) {
    int done = 0;
    while (done < count) {
      long e = start + done;
      int s = (int) (e / elementsPerSegment);
      int pos = (int) (e - s * elementsPerSegment);
      int inSeg = (int) Math.min(count - done, elementsPerSegment - pos);
      if (doubles != null) {
        segments[s].asDoubleBuffer().get(pos, doubles, off + done, inSeg);
      } else {
        segments[s].asFloatBuffer().get(pos, floats, off + done, inSeg);
      }
      done += inSeg;
    }
  }

  /** The value of row i, column a (logical N x d indices). */
  private double readOne(int i, int a) {
    double[] one = new double[1];
    read(fortran ? (long) a * rows + i : (long) i * cols + a, 1, one, 0, new float[1]);
    return one[0];
  }
}
