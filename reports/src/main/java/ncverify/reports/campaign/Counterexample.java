package ncverify.reports.campaign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The minimal counterexample of a violated claim: the first violating case shrunk by the engine's
 * shrinker (on the choice sequence, keeping that claim violated), with its choices (replayable), the
 * violation message, why shrinking stopped and whether the shrunk case reproduced on a re-run.
 *
 * @param original the first violating try
 * @param shrunkCase the shrunk case as shown
 * @param shrunkChoices its choice sequence
 * @param message the claim's verdict line on the shrunk case
 * @param reproduced whether replaying the original case violated the claim again (if not, the
 *     violation is not deterministic and nothing was shrunk)
 * @param evaluations study runs spent shrinking
 * @param stopReason why shrinking stopped (no simpler case, the evaluation budget, the time bound)
 * @param flaky whether the shrunk case passed when re-run (the violation is not deterministic)
 */
public record Counterexample(TryRef original, String shrunkCase, String shrunkChoices, String message,
    boolean reproduced, int evaluations, String stopReason, boolean flaky) {

  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", shrunkCase);
    m.put("choices", shrunkChoices);
    m.put("message", message);
    m.put("reproduced", reproduced);
    m.put("shrink_evaluations", evaluations);
    m.put("shrink_stopped", stopReason);
    m.put("flaky", flaky);
    m.put("original", original.toJsonMap());
    return m;
  }
}
