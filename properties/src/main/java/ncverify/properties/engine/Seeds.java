package ncverify.properties.engine;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import ncverify.theory.InvalidInputException;

/**
 * Seed handling: the run seed comes from an explicit value, else the system property
 * {@value #SEED_PROPERTY} (set by the root pom for surefire, so CI is reproducible; the value
 * {@code random} draws a fresh seed, which is printed), else {@link #DEFAULT_SEED}. Every other seed
 * derives from it here and nowhere else: a try's seed is a SplitMix64 hash of (run seed, try index)
 * ({@link #forTry}), a named part's seed (a study in a campaign) hashes the name in ({@link #derive}),
 * and the seed a case runs with is a hash of the case itself ({@link #ofValue}), so a replayed or
 * shrunk case reruns identically. Nothing depends on the thread count.
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

  /** The seed of the part {@code name} (e.g. a study id) of a run with {@code runSeed}: FNV-1a of the name, then {@link #forTry}. */
  public static long derive(long runSeed, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return forTry(runSeed, h & Long.MAX_VALUE);
  }

  /**
   * The seed a generated value runs with (e.g. a study case's training seed): a hash of its
   * {@code toString}, so the same value gets the same seed in the property suite, the campaign, a
   * replay and every shrink step.
   */
  public static long ofValue(Object value) {
    return 0x9E3779B97F4A7C15L * String.valueOf(value).hashCode() + 17;
  }
}
