package ncverify.reports.io;

import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Reads ranges of a memory-mapped file into the page cache on a background thread ({@link
 * MappedByteBuffer#load()}: the pages are touched in order, so the kernel reads ahead), while the caller
 * computes on the previous range: on a file that is not cached, reading the disk overlaps the computation
 * instead of stalling it page fault by page fault. It changes no value, only when the bytes arrive. The
 * thread is a daemon and ends after a second without work.
 */
final class ReadAhead {

  private final MappedByteBuffer[] segments;
  private final long segmentBytes;
  private final ThreadPoolExecutor thread;
  /** End of the bytes already requested: each byte is requested once per pass. */
  private long requestedTo;

  ReadAhead(MappedByteBuffer[] segments, long segmentBytes) {
    this.segments = segments;
    this.segmentBytes = segmentBytes;
    this.thread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "ncverify-read-ahead");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Asks for bytes {@code from} (inclusive) to {@code to} (exclusive) of the data to be loaded in the
   * background; a request starting before the previous one (a new pass) starts over.
   */
  synchronized void request(long from, long to) {
    long start = from < requestedTo && to > requestedTo ? requestedTo : from;
    if (to <= start) {
      return;
    }
    requestedTo = to;
    thread.execute(() -> load(start, to));
  }

  /** Bytes {@code length} at {@code offset} of segment {@code segment}. */
  record Piece(int segment, int offset, int length) {
  }

  /** Bytes from .. to - 1 of the data as pieces of consecutive segments of {@code segmentBytes} each. */
  static List<Piece> pieces(long from, long to, long segmentBytes) {
    List<Piece> out = new ArrayList<>();
    long pos = from;
    while (pos < to) {
      int s = (int) (pos / segmentBytes);
      int off = (int) (pos - s * segmentBytes);
      int len = (int) Math.min(to - pos, segmentBytes - off);
      out.add(new Piece(s, off, len));
      pos += len;
    }
    return out;
  }

  private void load(long from, long to) {
    for (Piece p : pieces(from, to, segmentBytes)) {
      segments[p.segment()].slice(p.offset(), p.length()).load();
    }
  }
}
