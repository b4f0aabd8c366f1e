package ncverify.properties.engine;

import java.util.Locale;

/**
 * The result of running one property.
 *
 * @param name property name
 * @param passed whether the property held on every valid try and every cover was reached
 * @param reason why it failed: {@code falsified}, {@code cover}, {@code discards} or {@code filter};
 *     {@code null} when passed
 * @param seed run seed (replays the whole run)
 * @param tries valid tries of the generation phase
 * @param discards tries discarded by {@link PropertyContext#assume} or by too many choices
 * @param targetEvaluations evaluations spent in the targeted phase
 * @param shrinkEvaluations evaluations spent shrinking
 * @param statistics labels and covers of the valid generation tries
 * @param originalValue {@code toString} of the first counterexample found, or {@code null}
 * @param shrunkValue {@code toString} of the shrunk counterexample, or {@code null}
 * @param originalChoices choices of the first counterexample, or {@code null}
 * @param shrunkChoices choices of the shrunk counterexample (replays it exactly), or {@code null}
 * @param failure what the body threw on the shrunk counterexample, or the cause of a non-falsified
 *     failure; {@code null} when passed
 */
public record PropertyResult(String name, boolean passed, String reason, long seed, int tries, int discards,
    int targetEvaluations, int shrinkEvaluations, Statistics statistics, String originalValue, String shrunkValue,
    ChoiceSequence originalChoices, ChoiceSequence shrunkChoices, Throwable failure) {

  /** The one-line summary printed for every run (carries the seed). */
  public String summary() {
    return String.format(Locale.ROOT, "property %s: %s, %d tries, %d discards%s, seed %d", name,
        passed ? "passed" : "FAILED (" + reason + ")", tries, discards,
        targetEvaluations > 0 ? ", " + targetEvaluations + " targeted" : "", seed);
  }

  /** The arguments that replay the shrunk counterexample exactly. */
  public String replayArguments() {
    return shrunkChoices == null ? "-D" + Seeds.SEED_PROPERTY + "=" + seed
        : "-D" + Seeds.SEED_PROPERTY + "=" + seed + " -D" + Seeds.REPLAY_PROPERTY + "=" + shrunkChoices;
  }

  /** A multi-line report: summary, counterexamples, failure, replay arguments and statistics. */
  public String report() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    if (originalValue != null) {
      sb.append("  original: ").append(originalValue).append('\n');
      sb.append("  shrunk:   ").append(shrunkValue)
          .append(String.format(Locale.ROOT, "   (%d shrink evaluations)%n", shrinkEvaluations));
      sb.append("  choices:  ").append(shrunkChoices).append('\n');
    }
    if (failure != null) {
      sb.append("  failure:  ").append(failure).append('\n');
    }
    if (!passed) {
      sb.append("  replay:   ").append(replayArguments()).append('\n');
    }
    String table = statistics.table();
    if (!table.isEmpty()) {
      sb.append("  statistics (").append(statistics.validTries()).append(" tries):\n").append(table);
    }
    return sb.toString();
  }

  /** Returns this result if it passed, else throws a {@link PropertyFailure} carrying it. */
  public PropertyResult orThrow() {
    if (!passed) {
      throw new PropertyFailure(this);
    }
    return this;
  }
}
