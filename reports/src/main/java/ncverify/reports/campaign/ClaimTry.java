package ncverify.reports.campaign;

import java.io.Serializable;
import java.util.Map;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.Verdict;

/**
 * The verdict of one claim on one try, reduced to plain serializable data.
 *
 * @param claimId the claim id
 * @param verdict HOLDS, VIOLATED or NOT_APPLICABLE
 * @param margin the conclusion's signed slack (bound minus measured for upper bounds), null when not
 *     applicable
 * @param detail {@link ClaimResult#toJsonMap()} (assumptions and conclusion with their numbers)
 */
public record ClaimTry(String claimId, Verdict verdict, Double margin, Map<String, Object> detail)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Reduces a claim result. */
  public static ClaimTry of(ClaimResult r) {
    return new ClaimTry(r.id(), r.verdict(), r.conclusion().map(c -> c.margin()).orElse(null),
        PlainMaps.copy(r.toJsonMap()));
  }
}
