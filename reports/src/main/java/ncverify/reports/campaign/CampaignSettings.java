package ncverify.reports.campaign;

import java.io.Serializable;
import ncverify.theory.InvalidInputException;

/**
 * How a campaign runs.
 *
 * @param seed campaign seed; every case and run seed derives from it and the study id
 * @param tries tries per study, or 0 for the default ({@link #triesFor})
 * @param quick the few-minutes mode: fewer tries per study by default, a smaller shrink budget
 * @param threads worker threads
 * @param shrinkBudget study runs spent shrinking each violated claim
 * @param only the study or claim id given by {@code --only}, or null for all
 * @param data the real data set requested ({@code fashion-mnist}) or null
 * @param targetTries evaluations of the targeted climb per claim, {@link #AUTO} for {@link #climbBudget}'s
 *     default, 0 to turn the targeted search off
 */
public record CampaignSettings(long seed, int tries, boolean quick, int threads, int shrinkBudget, String only,
    String data, int targetTries) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default tries per study = this factor x the study's own default (property-suite) tries. */
  public static final int DEFAULT_TRIES_FACTOR = 20;
  /** Tries per study in quick mode, at most. */
  public static final int QUICK_TRIES = 8;
  /** Default shrink budget (quick mode: a quarter of it). */
  public static final int DEFAULT_SHRINK_BUDGET = 200;
  /** Wall-time bound of shrinking one violated claim. */
  public static final java.time.Duration SHRINK_TIME = java.time.Duration.ofMinutes(3);
  /** {@link #targetTries} value meaning the default climb budget. */
  public static final int AUTO = -1;
  /** Targeted evaluations of a study, as a fraction of its generation tries (shared by its claims). */
  public static final double TARGET_FRACTION = 0.25;
  /** Fewest evaluations of one claim's climb (the replay of its start case included). */
  public static final int MIN_CLIMB = 4;

  public CampaignSettings {
    if (tries < 0) {
      throw InvalidInputException.of("--tries %d must be at least 1", tries);
    }
    if (threads < 1) {
      throw InvalidInputException.of("--threads %d must be at least 1", threads);
    }
    if (shrinkBudget < 0) {
      throw InvalidInputException.of("shrink budget %d must be >= 0", shrinkBudget);
    }
    if (targetTries < 0 && targetTries != AUTO) {
      throw InvalidInputException.of("--target-tries %d must be >= 0", targetTries);
    }
  }

  /** Settings with default tries and shrink budget. */
  public static CampaignSettings of(long seed, boolean quick, int threads) {
    return new CampaignSettings(seed, 0, quick, threads, quick ? DEFAULT_SHRINK_BUDGET / 4 : DEFAULT_SHRINK_BUDGET,
        null, null, AUTO);
  }

  /**
   * Evaluations of each claim's targeted climb in a study of {@code studyTries} generation tries with
   * {@code claims} claims to climb: {@link #targetTries} when set, else {@link #TARGET_FRACTION} of the
   * tries shared equally, at least {@link #MIN_CLIMB}. Counted in evaluations, not seconds, so the
   * same seed gives the same ledger; the study's try budget already reflects the cost of its tries.
   */
  public int climbBudget(int studyTries, int claims) {
    if (targetTries != AUTO) {
      return targetTries;
    }
    if (claims == 0) {
      return 0;
    }
    return Math.max(MIN_CLIMB, (int) Math.round(TARGET_FRACTION * studyTries / claims));
  }

  /** Tries for a study whose own default is {@code studyDefault}. */
  public int triesFor(int studyDefault) {
    if (tries > 0) {
      return tries;
    }
    return quick ? Math.max(1, Math.min(QUICK_TRIES, studyDefault)) : Math.max(1, DEFAULT_TRIES_FACTOR * studyDefault);
  }

  public CampaignSettings withTries(int n) {
    return new CampaignSettings(seed, n, quick, threads, shrinkBudget, only, data, targetTries);
  }

  public CampaignSettings withThreads(int n) {
    return new CampaignSettings(seed, tries, quick, n, shrinkBudget, only, data, targetTries);
  }

  public CampaignSettings withOnly(String id) {
    return new CampaignSettings(seed, tries, quick, threads, shrinkBudget, id, data, targetTries);
  }

  public CampaignSettings withData(String d) {
    return new CampaignSettings(seed, tries, quick, threads, shrinkBudget, only, d, targetTries);
  }

  public CampaignSettings withShrinkBudget(int n) {
    return new CampaignSettings(seed, tries, quick, threads, n, only, data, targetTries);
  }

  /** Evaluations per claim's climb ({@link #AUTO} or a count; 0 turns the targeted search off). */
  public CampaignSettings withTargetTries(int n) {
    return new CampaignSettings(seed, tries, quick, threads, shrinkBudget, only, data, n);
  }
}
