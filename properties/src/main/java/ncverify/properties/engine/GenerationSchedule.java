package ncverify.properties.engine;

import ncverify.properties.engine.ChoiceSource.Mode;

/**
 * Which choices try {@code i} of a run draws: the one schedule of the property runner and of
 * {@code ncv campaign}. Try 0 draws all-zero choices (the simplest value), tries 1..E-1 draw edge
 * cases (bounds, small lists, named values) with {@code E = min(32, tries / 4)}, the rest draw at
 * random; try {@code i} is seeded by {@link Seeds#forTry}(run seed, i). Tries beyond {@code tries}
 * (coverage extension, a campaign's extra tries) are random.
 *
 * @param seed the run seed (a property run's seed, or a study's seed in a campaign)
 * @param tries the planned tries, which fix the number of edge-case tries
 */
public record GenerationSchedule(long seed, int tries) {

  /** Most edge-case tries of a run. */
  public static final int MAX_EDGE_TRIES = 32;

  /** Number of leading tries that are the zero try or edge cases. */
  public int edgeTries() {
    return Math.min(MAX_EDGE_TRIES, tries / 4);
  }

  /** The mode of try {@code index}. */
  public Mode mode(long index) {
    if (index == 0) {
      return Mode.ZERO;
    }
    return index < edgeTries() ? Mode.EDGE : Mode.RANDOM;
  }

  /** The seed of try {@code index}'s choice source. */
  public long trySeed(long index) {
    return Seeds.forTry(seed, index);
  }

  /** A fresh choice source for try {@code index}. */
  public ChoiceSource source(long index) {
    return new ChoiceSource(mode(index), trySeed(index));
  }
}
