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
 */
public record CampaignSettings(long seed, int tries, boolean quick, int threads, int shrinkBudget, String only,
    String data) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default tries per study = this factor x the study's own default (property-suite) tries. */
  public static final int DEFAULT_TRIES_FACTOR = 20;
  /** Tries per study in quick mode, at most. */
  public static final int QUICK_TRIES = 8;
  /** Default shrink budget (quick mode: a quarter of it). */
  public static final int DEFAULT_SHRINK_BUDGET = 200;

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
  }

  /** Settings with default tries and shrink budget. */
  public static CampaignSettings of(long seed, boolean quick, int threads) {
    return new CampaignSettings(seed, 0, quick, threads, quick ? DEFAULT_SHRINK_BUDGET / 4 : DEFAULT_SHRINK_BUDGET,
        null, null);
  }

  /** Tries for a study whose own default is {@code studyDefault}. */
  public int triesFor(int studyDefault) {
    if (tries > 0) {
      return tries;
    }
    return quick ? Math.max(1, Math.min(QUICK_TRIES, studyDefault)) : Math.max(1, DEFAULT_TRIES_FACTOR * studyDefault);
  }

  public CampaignSettings withTries(int n) {
    return new CampaignSettings(seed, n, quick, threads, shrinkBudget, only, data);
  }

  public CampaignSettings withThreads(int n) {
    return new CampaignSettings(seed, tries, quick, n, shrinkBudget, only, data);
  }

  public CampaignSettings withOnly(String id) {
    return new CampaignSettings(seed, tries, quick, threads, shrinkBudget, id, data);
  }

  public CampaignSettings withData(String d) {
    return new CampaignSettings(seed, tries, quick, threads, shrinkBudget, only, d);
  }

  public CampaignSettings withShrinkBudget(int n) {
    return new CampaignSettings(seed, tries, quick, threads, n, only, data);
  }
}
