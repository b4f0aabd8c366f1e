package ncverify.reports.campaign;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one try of a study produced: the generated case (as shown and as its replayable choice
 * sequence), the seeds that reproduce it, each claim's verdict, or the error the study threw.
 *
 * @param studyId the study
 * @param tryIndex index of the try within the study (0 is the simplest case), or the step of a
 *     targeted climb
 * @param caseSeed seed of the choice source that generated the case (0 for a targeted step: its
 *     choices alone reproduce it)
 * @param runSeed seed passed to {@code Study.run}
 * @param caseText the case's {@code toString}
 * @param choices the case's choice sequence, printable (replay with {@code -Dncverify.replay=...})
 * @param claims verdict of each claim judged, empty on error
 * @param error {@code ExceptionClass: message} when the study threw (divergence, bad case), else null
 * @param observations the study's named observations
 * @param millis wall time of the try
 * @param target the claim whose targeted climb ran this try, or null for a generation try
 */
public record TryRecord(String studyId, int tryIndex, long caseSeed, long runSeed, String caseText,
    String choices, List<ClaimTry> claims, String error, Map<String, Object> observations, long millis,
    String target) implements Serializable {

  private static final long serialVersionUID = 2L;

  public TryRecord {
    claims = List.copyOf(claims);
  }

  /** True when the study threw on this try. */
  public boolean failedWithError() {
    return error != null;
  }

  /** True for a try of the targeted phase. */
  public boolean targeted() {
    return target != null;
  }
}
