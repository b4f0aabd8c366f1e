package ncverify.properties.engine;

import java.security.SecureRandom;
import ncverify.theory.InvalidInputException;

/**
 * Seed handling: the run seed comes from an explicit value, else the system property
 * {@value #SEED_PROPERTY} (set by the root pom for surefire, so CI is reproducible; the value
 * {@code random} draws a fresh seed, which is printed), else {@link #DEFAULT_SEED}. Each try's seed is
 * a SplitMix64 hash of (run seed, try index), so results do not depend on the thread count.
 */
public final class Seeds {

  /** System property holding the run seed, or {@code random}. */
  public static final String SEED_PROPERTY = "ncverify.seed";

  /** System property holding a choice sequence to replay (see {@link ChoiceSequence#parse}). */
  public static final String REPLAY_PROPERTY = "ncverify.replay";

  /** Seed used when neither an explicit seed nor the system property is given. */
  public static final long DEFAULT_SEED = 20261125L;

  private Seeds() {}

  /** Parses {@code text}: a long, or {@code random} for a fresh seed; blank means "not given". */
  public static Long parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    if (t.equalsIgnoreCase("random")) {
      return new SecureRandom().nextLong();
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("seed '%s' is neither a long nor 'random'", t);
    }
  }

  /** The run seed: {@code explicit} if given, else the system property, else {@link #DEFAULT_SEED}. */
  public static long resolve(String explicit) {
    Long seed = parse(explicit);
    if (seed == null) {
      seed = parse(System.getProperty(SEED_PROPERTY));
    }
    return seed == null ? DEFAULT_SEED : seed;
  }

  /** The seed of try {@code index} of a run with {@code runSeed} (SplitMix64 finalizer). */
  public static long forTry(long runSeed, long index) {
    long z = runSeed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
