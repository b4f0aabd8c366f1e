package ncverify.properties.study;

import java.util.List;
import ncverify.properties.engine.FailureKey;

/**
 * A study case on which claims came out VIOLATED: the property failure of {@link StudyProperty} and
 * of the campaign's shrinking. It names the violated claim ids ({@link FailureKey.Identified}, in the
 * study's claim order), so shrinking keeps to the first claim it started from instead of sliding to a
 * case that violates another claim.
 */
public final class ClaimViolation extends AssertionError implements FailureKey.Identified {

  private static final long serialVersionUID = 1L;

  private final List<String> claimIds;

  /**
   * @param claimIds the violated claims, first the one the failure is about
   * @param message the case and each violated claim's verdict line
   */
  public ClaimViolation(List<String> claimIds, String message) {
    super(message);
    if (claimIds.isEmpty()) {
      throw new IllegalArgumentException("a claim violation names at least one claim");
    }
    this.claimIds = List.copyOf(claimIds);
  }

  @Override
  public List<String> failureIds() {
    return claimIds;
  }
}
