package ncverify.reports.campaign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The minimal counterexample of a violated claim: the first violating case shrunk by the engine's
 * shrinker (on the choice sequence), with its choices (replayable) and the violation message.
 *
 * @param original the first violating try
 * @param shrunkCase the shrunk case as shown
 * @param shrunkChoices its choice sequence
 * @param message the claim's verdict line on the shrunk case
 * @param reproduced whether replaying the original case violated the claim again (if not, the
 *     violation is not deterministic and nothing was shrunk)
 * @param evaluations study runs spent shrinking
 */
public record Counterexample(TryRef original, String shrunkCase, String shrunkChoices, String message,
    boolean reproduced, int evaluations) {

  Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", shrunkCase);
    m.put("choices", shrunkChoices);
    m.put("message", message);
    m.put("reproduced", reproduced);
    m.put("shrink_evaluations", evaluations);
    m.put("original", original.toJsonMap());
    return m;
  }
}
