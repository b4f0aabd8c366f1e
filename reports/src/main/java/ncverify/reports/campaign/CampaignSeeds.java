package ncverify.reports.campaign;

import java.nio.charset.StandardCharsets;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.Seeds;

/**
 * Seeds of a campaign: study seed = SplitMix64(campaign seed, FNV-1a hash of the study id); the case
 * of try i is generated from a choice source seeded by {@link Seeds#forTry}(study seed, i) in mode
 * ZERO for try 0 (the simplest case), EDGE for tries 1..{@link #EDGE_TRIES} and RANDOM after; the run
 * seed is derived from the case text (as in the property suite), so a replayed or shrunk case reruns
 * identically. Nothing depends on the thread count.
 */
public final class CampaignSeeds {

  /** Tries after the first that draw edge cases. */
  public static final int EDGE_TRIES = 2;

  private CampaignSeeds() {
  }

  /** The seed of a study within a campaign. */
  public static long studySeed(long campaignSeed, String studyId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : studyId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return Seeds.forTry(campaignSeed, h & Long.MAX_VALUE);
  }

  /** The seed of the choice source of try {@code index}. */
  public static long caseSeed(long studySeed, int index) {
    return Seeds.forTry(studySeed, index);
  }

  /** The generation mode of try {@code index}. */
  public static Mode mode(int index) {
    if (index == 0) {
      return Mode.ZERO;
    }
    return index <= EDGE_TRIES ? Mode.EDGE : Mode.RANDOM;
  }

  /** The seed passed to {@code Study.run}: a hash of the case text (same formula as StudyProperty). */
  public static long runSeed(Object c) {
    return 0x9E3779B97F4A7C15L * c.toString().hashCode() + 17;
  }
}
