package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision every reader that holds a whole file in memory makes before allocating it: the file's values
 * as float64 (with every copy the reader makes) against a heap budget, here a small fake one, so that a file
 * larger than the heap is a one-line error naming its size and what to do, never an OutOfMemoryError. The
 * budget at which a file just fits is the exact byte count, so the accounting itself is checked.
 */
class HeapTest {

  @TempDir
  Path dir;

  private Path npy(String name, String descr, boolean fortran) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, NpyBytes.encode(descr, fortran, new long[] {2, 3}, new long[] {1, 2, 3, 4, 5, 6}, 1, false));
    return f;
  }

  private static void assertTooLarge(Runnable read, String message) {
    assertThatThrownBy(read::run).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void npyFilesAreCheckedAgainstTheBudgetWithEveryCopy() throws IOException {
    Path c = npy("c.npy", "<i2", false);      // 6 values: 48 bytes as float64
    Path f = npy("f.npy", "<i2", true);       // Fortran order: reordered, a second copy
    assertTooLarge(() -> NpyReader.read(c, 47), "c.npy: shape (2, 3) int16 needs 48 bytes as float64 in memory,"
        + " more than the 47 bytes of heap available; give ncv a larger heap (NCV_JAVA_OPTS=-Xmx...)");
    assertThat(NpyReader.read(c, 48).data()).containsExactly(1, 2, 3, 4, 5, 6);
    assertTooLarge(() -> NpyReader.read(f, 95), "f.npy: shape (2, 3) int16 needs 96 bytes as float64 in memory,"
        + " more than the 95 bytes of heap available; give ncv a larger heap (NCV_JAVA_OPTS=-Xmx...)");
    assertThat(NpyReader.read(f, 96).data()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void csvFilesAreCheckedRowByRowWhileTheyAreRead() throws IOException {
    Path csv = dir.resolve("h.csv");
    Files.writeString(csv, "a,b\n1,2\n3,4\n5,6\n");
    long perRow = 2L * CsvReader.BYTES_PER_VALUE + CsvReader.BYTES_PER_ROW; // 64 bytes
    assertTooLarge(() -> CsvReader.read(csv, 3 * perRow - 1), "h.csv: too large for the heap: its first 3 rows of"
        + " 2 values already need 192 bytes in memory, more than the 191 bytes of heap available; save it as a"
        + " .npy file (ncv metrics streams float32 and float64 features) or give ncv a larger heap"
        + " (NCV_JAVA_OPTS=-Xmx...)");
    assertTooLarge(() -> ArrayFiles.features(csv, perRow), "h.csv: too large for the heap: its first 2 rows of 2"
        + " values already need 128 bytes in memory, more than the 64 bytes of heap available; save it as a .npy"
        + " file (ncv metrics streams float32 and float64 features) or give ncv a larger heap"
        + " (NCV_JAVA_OPTS=-Xmx...)");
    assertThat(ArrayFiles.features(csv, 3 * perRow).get(1, 2)).isEqualTo(6.0);
  }

  @Test
  void featuresNeedTheirTransposedCopyUnlessTheFileIsMapped() throws IOException {
    Path ints = npy("i.npy", "<i2", false);   // read, then transposed: 96 bytes
    assertTooLarge(() -> ArrayFiles.features(ints, 95), "i.npy: shape (2, 3) int16 needs 96 bytes as float64 in"
        + " memory, more than the 95 bytes of heap available; " + Heap.FEATURES_ADVICE);
    assertThat(ArrayFiles.features(ints, 96).get(2, 1)).isEqualTo(6.0);
    Path mapped = npy("m.npy", "<f4", false); // converted straight into the d x N layout: 48 bytes
    Files.write(mapped, NpyBytes.encode("<f4", false, new long[] {2, 3}, new long[] {
        Float.floatToRawIntBits(1f), Float.floatToRawIntBits(2f), Float.floatToRawIntBits(3f),
        Float.floatToRawIntBits(4f), Float.floatToRawIntBits(5f), Float.floatToRawIntBits(6f)}, 1, false));
    assertTooLarge(() -> ArrayFiles.features(mapped, 47), "m.npy: 2 x 3 float32, 24 bytes needs 48 bytes as float64"
        + " in memory, more than the 47 bytes of heap available; " + Heap.FEATURES_ADVICE);
    assertThat(ArrayFiles.features(mapped, 48).get(2, 1)).isEqualTo(6.0);
  }

  @Test
  void sizesReadAsAPersonWouldWriteThem() {
    assertThat(Heap.describe(48)).isEqualTo("48 bytes");
    assertThat(Heap.describe(24_000)).isEqualTo("24 kB");
    assertThat(Heap.describe(983_040_000)).isEqualTo("983 MB");
    assertThat(Heap.describe(10_495_320_064L)).isEqualTo("10.5 GB");
  }
}
