package ncverify.impl.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ncverify.theory.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 28 x 28 grey images of K = 10 clothing classes,
 * 60,000 train and 10,000 test, read from the IDX files in a directory (by default
 * {@value #DEFAULT_DIR}, where the Debian package {@code dataset-fashion-mnist} installs
 * {@code train-images-idx3-ubyte.gz} etc.; uncompressed files without {@code .gz} are used too).
 * Pixels are scaled to [0, 1] (byte / 255) and form the columns of X (784 x N).
 *
 * <p>{@link #load(Split, ClassSizes, long)} subsamples n_k images of each class k uniformly without
 * replacement (seeded), keeping the selected images in file order.
 */
public final class FashionMnist {

  /** Where the Debian package dataset-fashion-mnist installs the files. */
  public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist/";
  /** Number of classes. */
  public static final int K = 10;
  /** Pixels per image (28 x 28). */
  public static final int DIM = 784;
  /** One grey channel of 28 x 28 pixels. */
  public static final ImageShape SHAPE = new ImageShape(1, 28, 28);

  /** Which half of the data. */
  public enum Split {
    TRAIN("train"), TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }
  }

  private final Path dir;

  /** Reads from {@value #DEFAULT_DIR}. */
  public FashionMnist() {
    this(Path.of(DEFAULT_DIR));
  }

  /** Reads from {@code dir}. */
  public FashionMnist(Path dir) {
    this.dir = dir;
  }

  /** The directory read from. */
  public Path dir() {
    return dir;
  }

  /** True when all four files (plain or .gz) are present. */
  public boolean isAvailable() {
    for (Split s : Split.values()) {
      if (find(s.prefix + "-images-idx3-ubyte") == null
          || find(s.prefix + "-labels-idx1-ubyte") == null) {
        return false;
      }
    }
    return true;
  }

  /** The whole split. */
  public Dataset load(Split split) {
    Raw raw = readRaw(split);
    int[] all = new int[raw.labels.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return toDataset(raw, all, "fashion-mnist-" + split.prefix);
  }

  /** n_k images of each class k (uniform without replacement, seeded), in file order. */
  public Dataset load(Split split, ClassSizes sizes, long seed) {
    if (sizes.k() != K) {
      throw InvalidInputException.of("Fashion-MNIST has %d classes, class sizes give %d", K,
          sizes.k());
    }
    Raw raw = readRaw(split);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < K; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < raw.labels.length; i++) {
      byClass.get(raw.labels[i]).add(i);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    boolean[] keep = new boolean[raw.labels.length];
    for (int c = 0; c < K; c++) {
      List<Integer> idx = byClass.get(c);
      int want = sizes.size(c);
      if (want > idx.size()) {
        throw InvalidInputException.of("Fashion-MNIST %s has %d images of class %d, %d requested",
            split.prefix, idx.size(), c, want);
      }
      // Partial Fisher-Yates: the first `want` entries become a uniform sample.
      for (int j = 0; j < want; j++) {
        int r = j + rnd.nextInt(idx.size() - j);
        Integer t = idx.get(j);
        idx.set(j, idx.get(r));
        idx.set(r, t);
        keep[idx.get(j)] = true;
      }
    }
    int[] chosen = new int[sizes.total()];
    int n = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        chosen[n++] = i;
      }
    }
    return toDataset(raw, chosen, "fashion-mnist-" + split.prefix + "-" + sizes + "-seed" + seed);
  }

  private record Raw(IdxReader.Images images, int[] labels) {
  }

  private Raw readRaw(Split split) {
    Path img = find(split.prefix + "-images-idx3-ubyte");
    Path lab = find(split.prefix + "-labels-idx1-ubyte");
    if (img == null || lab == null) {
      throw new InvalidInputException("Fashion-MNIST not found at " + dir + ": install the Debian "
          + "package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass "
          + "--data-dir");
    }
    IdxReader.Images images = IdxReader.readImages(img);
    int[] labels = IdxReader.readLabels(lab);
    if (images.rows() * images.cols() != DIM) {
      throw InvalidInputException.of("IDX file %s has %d x %d images, expected 28 x 28", img,
          images.rows(), images.cols());
    }
    if (images.count() != labels.length) {
      throw InvalidInputException.of("IDX files %s and %s hold %d images but %d labels", img, lab,
          images.count(), labels.length);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= K) {
        throw InvalidInputException.of("label %d at index %d of %s is outside 0..%d", labels[i], i,
            lab, K - 1);
      }
    }
    return new Raw(images, labels);
  }

  private Path find(String base) {
    for (String name : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static Dataset toDataset(Raw raw, int[] chosen, String name) {
    int n = chosen.length;
    DMatrixRMaj x = new DMatrixRMaj(DIM, n);
    byte[] px = raw.images.pixels();
    int[] y = new int[n];
    for (int j = 0; j < n; j++) {
      int src = chosen[j] * DIM;
      for (int p = 0; p < DIM; p++) {
        x.data[p * n + j] = (px[src + p] & 0xff) / 255.0;
      }
      y[j] = raw.labels[chosen[j]];
    }
    return new Dataset(x, y, K, name);
  }
}
