package ncverify.impl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import ncverify.theory.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shrunk inputs found by the IDX fuzz property (properties module): a tiny file declaring a huge
 * count must fail as truncated without allocating what it declares.
 */
class IdxReaderRegressionTest {

  /** Refusing a 12-byte file may allocate at most this much. */
  static final long ALLOCATION_LIMIT = 32L << 20;

  @TempDir
  Path tmp;

  static long allocatedBytes() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void aLabelFileDeclaringTwoBillionLabelsIsTruncatedNotAnOutOfMemoryError() throws IOException {
    Path p = tmp.resolve("labels.idx");
    IdxReaderTest.write(p, IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {Integer.MAX_VALUE}, new byte[4]), false);
    long before = allocatedBytes();
    assertThatThrownBy(() -> IdxReader.readLabels(p)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
    assertThat(allocatedBytes() - before).isLessThan(ALLOCATION_LIMIT);
  }

  @Test
  void anImageFileDeclaringTwoBillionPixelsIsTruncatedWithoutAllocatingThem() throws IOException {
    Path p = tmp.resolve("images.idx.gz");
    IdxReaderTest.write(p, IdxReaderTest.idx(IdxReader.IMAGES_MAGIC, new int[] {20_000, 300, 300}, new byte[10]), true);
    long before = allocatedBytes();
    assertThatThrownBy(() -> IdxReader.readImages(p)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
    assertThat(allocatedBytes() - before).isLessThan(ALLOCATION_LIMIT);
  }

  @Test
  void aFileCutInsideALaterChunkIsTruncated() throws IOException {
    Path p = tmp.resolve("labels2.idx");
    IdxReaderTest.write(p, IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {3 << 20}, new byte[(3 << 20) - 1]), false);
    assertThatThrownBy(() -> IdxReader.readLabels(p)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void aMultiChunkFileIsReadCompletely() throws IOException {
    Path p = tmp.resolve("labels3.idx");
    byte[] payload = new byte[(2 << 20) + 5];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i * 31);
    }
    IdxReaderTest.write(p, IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {payload.length}, payload), false);
    int[] y = IdxReader.readLabels(p);
    assertThat(y).hasSize(payload.length);
    for (int i = 0; i < y.length; i += 4099) {
      assertThat(y[i]).isEqualTo(payload[i] & 0xff);
    }
    assertThat(y[y.length - 1]).isEqualTo(payload[y.length - 1] & 0xff);
  }
}
