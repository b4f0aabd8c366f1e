package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import ncverify.theory.InvalidInputException;
import ncverify.theory.metrics.FeatureBlocks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MappedNpy} against files written by the tests' own encoder ({@link NpyBytes}): float32 and
 * float64, C and Fortran order, both byte orders; whole-matrix and block reads give H[a, i] = X[i, a]
 * exactly; the first non-finite value in file order is named; truncated, empty and larger-than-heap files
 * are one-line errors decided from the header, before anything large is allocated.
 */
class MappedNpyTest {

  @TempDir
  Path dir;

  private final Random rnd = new Random(5L);

  private Path write(String name, String descr, boolean fortran, int n, int d, double[] x) throws IOException {
    long[] raw = new long[n * d];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = descr.endsWith("4") ? Float.floatToRawIntBits((float) x[i]) & 0xffffffffL
          : Double.doubleToRawLongBits(x[i]);
    }
    Path f = dir.resolve(name);
    Files.write(f, NpyBytes.encode(descr, fortran, new long[] {n, d}, raw, 1, false));
    return f;
  }

  private double[] values(int count, boolean asFloat) {
    double[] x = new double[count];
    for (int i = 0; i < count; i++) {
      x[i] = asFloat ? (float) (rnd.nextGaussian() * 10) : rnd.nextGaussian() * 10;
    }
    return x;
  }

  @Test
  void wholeMatrixAndBlocksAreTheTransposeForEveryLayout() throws IOException {
    int n = 2100; // more than one parallel task of samples, and not a multiple of the tile
    int d = 7;
    for (String descr : new String[] {"<f4", ">f4", "<f8", ">f8"}) {
      for (boolean fortran : new boolean[] {false, true}) {
        double[] x = values(n * d, descr.endsWith("4"));
        MappedNpy m = MappedNpy.open(write("x.npy", descr, fortran, n, d, x));
        assertThat(m.numSamples()).isEqualTo(n);
        assertThat(m.dim()).isEqualTo(d);
        DMatrixRMaj h = m.readAll();
        for (int i = 0; i < n; i++) {
          for (int a = 0; a < d; a++) {
            assertThat(h.get(a, i)).as("%s fortran=%s", descr, fortran).isEqualTo(x[i * d + a]);
          }
        }
        double[] buffer = new double[d * 300];
        FeatureBlocks.Block b = m.block(1234, 300, buffer);
        for (int t = 0; t < 300; t++) {
          for (int a = 0; a < d; a++) {
            assertThat(b.data()[b.offset() + a * b.ld() + t]).isEqualTo(x[(1234 + t) * d + a]);
          }
        }
      }
    }
  }

  @Test
  void theFirstNonFiniteValueInFileOrderIsNamed() throws IOException {
    int n = 50;
    int d = 4;
    for (boolean fortran : new boolean[] {false, true}) {
      double[] x = values(n * d, true);
      x[30 * d + 2] = Double.POSITIVE_INFINITY;
      x[31 * d + 0] = Double.NaN;
      x[12 * d + 3] = Double.NaN; // the first in row order
      MappedNpy m = MappedNpy.open(write("nan.npy", "<f4", fortran, n, d, x));
      assertThatThrownBy(m::readAll).isInstanceOf(InvalidInputException.class)
          .hasMessage("nan.npy: features contain NaN at row 12, column 3");
      assertThatThrownBy(() -> m.block(20, 30, new double[d * 30])).isInstanceOf(InvalidInputException.class)
          .hasMessage("nan.npy: features contain Inf at row 30, column 2");
    }
  }

  @Test
  void truncatedAndEmptyFilesAreRejectedAndOtherDtypesAreLeftToTheGeneralReader() throws IOException {
    double[] x = values(6, true);
    Path good = write("g.npy", "<f4", false, 2, 3, x);
    byte[] bytes = Files.readAllBytes(good);
    Path trunc = dir.resolve("t.npy");
    Files.write(trunc, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertThatThrownBy(() -> MappedNpy.open(trunc)).isInstanceOf(InvalidInputException.class)
        .hasMessage("t.npy: truncated: shape (2, 3) needs 24 data bytes, file has 23");
    Path empty = write("e.npy", "<f8", false, 0, 5, new double[0]);
    assertThatThrownBy(() -> MappedNpy.open(empty)).isInstanceOf(InvalidInputException.class)
        .hasMessage("e.npy: features are empty (shape (0, 5))");
    Path ints = dir.resolve("i.npy");
    Files.write(ints, NpyBytes.encode("<i8", false, new long[] {2, 3}, new long[] {1, 2, 3, 4, 5, 6}, 1, false));
    assertThat(MappedNpy.open(ints)).isNull();
    assertThat(ArrayFiles.features(ints).get(2, 1)).isEqualTo(6.0);
  }

  /** A sparse file declaring 200,000 x 40,000 float32 (32 GB as float64): larger than any test heap. */
  @Test
  void aFileLargerThanTheHeapIsAOneLineErrorWithoutAllocatingIt() throws IOException {
    Path f = NpyBytes.sparse(dir.resolve("big.npy"), "<f4", 200_000, 40_000); // no disk blocks are written
    MappedNpy m = MappedNpy.open(f);
    assertThat(m.describe()).isEqualTo("200000 x 40000 float32, 32.0 GB");
    long before = ReaderFuzzProperties.allocatedBytes();
    assertThatThrownBy(m::readAll).isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("big.npy: 200000 x 40000 float32, 32.0 GB needs 64.0 GB as float64 in memory, more"
            + " than the ")
        .hasMessageContaining("ncv metrics streams float32 and float64 .npy features files; other commands need a larger heap").hasMessageNotContaining("\n");
    assertThat(ReaderFuzzProperties.allocatedBytes() - before).isLessThan(1 << 20);
  }
}
