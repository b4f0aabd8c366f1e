package ncverify.reports.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ReadAhead} cuts a byte range of the data into pieces of its mapped segments: consecutive, covering
 * the range exactly, never crossing a segment's end (what the background thread loads; a wrong piece would
 * fail silently there, so it is checked here).
 */
class ReadAheadTest {

  @Test
  void rangesAreCutAtSegmentBoundaries() {
    assertThat(ReadAhead.pieces(3, 25, 10)).containsExactly(new ReadAhead.Piece(0, 3, 7),
        new ReadAhead.Piece(1, 0, 10), new ReadAhead.Piece(2, 0, 5));
    assertThat(ReadAhead.pieces(20, 30, 10)).containsExactly(new ReadAhead.Piece(2, 0, 10));
    assertThat(ReadAhead.pieces(7, 7, 10)).isEmpty();
    long gib = 1L << 30; // segments of 1 GiB, as MappedNpy maps them, far into a 10.5 GB file
    assertThat(ReadAhead.pieces(9 * gib + 5, 10 * gib + 2, gib)).containsExactly(
        new ReadAhead.Piece(9, 5, (int) (gib - 5)), new ReadAhead.Piece(10, 0, 2));
  }
}
