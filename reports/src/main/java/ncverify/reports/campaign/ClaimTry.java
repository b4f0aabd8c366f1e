package ncverify.reports.campaign;

import java.io.Serializable;
import java.util.Map;
import ncverify.theory.claims.ClaimResult;
import ncverify.theory.claims.ConclusionCheck;
import ncverify.theory.claims.Verdict;

/**
 * The verdict of one claim on one try, reduced to plain serializable data.
 *
 * @param claimId the claim id
 * @param verdict HOLDS, VIOLATED or NOT_APPLICABLE
 * @param margin the conclusion's signed slack (bound minus measured for upper bounds), null when not
 *     applicable
 * @param tightness {@link ConclusionCheck#tightness()} (measured/bound for upper bounds,
 *     bound/measured for lower bounds; above 1 is violated up to roundoff), null when not applicable or
 *     undefined
 * @param detail {@link ClaimResult#toJsonMap()} (assumptions and conclusion with their numbers)
 */
public record ClaimTry(String claimId, Verdict verdict, Double margin, Double tightness, Map<String, Object> detail)
    implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Reduces a claim result. */
  public static ClaimTry of(ClaimResult r) {
    Double t = r.conclusion().map(ConclusionCheck::tightness).filter(Double::isFinite).orElse(null);
    return new ClaimTry(r.id(), r.verdict(), r.conclusion().map(ConclusionCheck::margin).orElse(null), t,
        PlainMaps.copy(r.toJsonMap()));
  }
}
