package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

  static final double TOL = 1e-15;

  @TempDir
  Path tmp;

  /** Writes a fake split: image i has every pixel equal to i, label i % 10. */
  void writeFake(String prefix, int n, boolean gz) throws IOException {
    byte[] px = new byte[n * 784];
    byte[] lab = new byte[n];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(px, i * 784, (i + 1) * 784, (byte) i);
      lab[i] = (byte) (i % 10);
    }
    String ext = gz ? ".gz" : "";
    IdxReaderTest.write(tmp.resolve(prefix + "-images-idx3-ubyte" + ext),
        IdxReaderTest.idx(2051, new int[] {n, 28, 28}, px), gz);
    IdxReaderTest.write(tmp.resolve(prefix + "-labels-idx1-ubyte" + ext),
        IdxReaderTest.idx(2049, new int[] {n}, lab), gz);
  }

  @Test
  void loadsScaledColumnsFromFakeFiles() throws IOException {
    writeFake("train", 30, true);
    writeFake("t10k", 20, false);
    FashionMnist f = new FashionMnist(tmp);
    assertThat(f.isAvailable()).isTrue();
    Dataset d = f.load(FashionMnist.Split.TRAIN);
    assertThat(d.dim()).isEqualTo(784);
    assertThat(d.size()).isEqualTo(30);
    assertThat(d.x().get(0, 7)).isEqualTo(7 / 255.0);
    assertThat(d.x().get(783, 29)).isEqualTo(29 / 255.0);
    assertThat(d.label(13)).isEqualTo(3);
    assertThat(f.load(FashionMnist.Split.TEST).size()).isEqualTo(20);
  }

  @Test
  void subsamplesPerClassDeterministically() throws IOException {
    writeFake("train", 100, false);
    FashionMnist f = new FashionMnist(tmp);
    ClassSizes sizes = ClassSizes.of(5, 4, 3, 2, 1, 1, 2, 3, 4, 5);
    Dataset a = f.load(FashionMnist.Split.TRAIN, sizes, 11);
    Dataset b = f.load(FashionMnist.Split.TRAIN, sizes, 11);
    assertThat(a.classSizes()).isEqualTo(sizes);
    assertThat(a.x().data).containsExactly(b.x().data);
    // Each column is a real image of its class: pixel value i with i % 10 == label.
    for (int j = 0; j < a.size(); j++) {
      int image = (int) Math.round(a.x().get(0, j) * 255);
      assertThat(image % 10).isEqualTo(a.label(j));
    }
    assertThatThrownBy(() -> f.load(FashionMnist.Split.TRAIN, ClassSizes.balanced(10, 11), 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("11 requested");
  }

  @Test
  void missingDirectoryGivesTheInstallHint() {
    FashionMnist f = new FashionMnist(tmp.resolve("absent"));
    assertThat(f.isAvailable()).isFalse();
    assertThatThrownBy(() -> f.load(FashionMnist.Split.TRAIN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Fashion-MNIST not found at")
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
  }

  @Test
  void readsTheRealFilesWhenInstalled() {
    FashionMnist f = new FashionMnist();
    assumeTrue(f.isAvailable()
        && java.nio.file.Files.exists(f.dir().resolve("train-images-idx3-ubyte.gz")),
        "dataset-fashion-mnist not installed");
    Dataset test = f.load(FashionMnist.Split.TEST);
    assertThat(test.size()).isEqualTo(10_000);
    assertThat(test.classSizes()).isEqualTo(ClassSizes.balanced(10, 1000));
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : test.x().data) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isEqualTo(0.0);
    assertThat(max).isEqualTo(1.0);
    // The published normalization constant of Fashion-MNIST: train pixel mean 0.2860.
    IdxReader.Images train = IdxReader.readImages(f.dir().resolve("train-images-idx3-ubyte.gz"));
    assertThat(train.count()).isEqualTo(60_000);
    long sum = 0;
    for (byte b : train.pixels()) {
      sum += b & 0xff;
    }
    assertThat(sum / 255.0 / train.pixels().length).isCloseTo(0.2860, within(5e-4));
    Dataset sub = f.load(FashionMnist.Split.TRAIN, ClassSizes.step(10, 5, 0.5, 20), 3);
    assertThat(sub.size()).isEqualTo(5 * 100 + 5 * 20);
    assertThat(sub.classSizes().toArray()).containsExactly(100, 100, 100, 100, 100, 20, 20, 20, 20,
        20);
  }
}
