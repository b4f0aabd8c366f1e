package ncverify.properties.engine;

import java.util.List;
import java.util.Locale;

/**
 * The result of running one property.
 *
 * @param name property name
 * @param seed run seed (replays the whole run)
 * @param reason why it failed ({@link Reason}), or null when it passed
 * @param counts how many tries each phase ran
 * @param statistics labels, covers and targets of the valid generation tries
 * @param counterexample the failing case (original and shrunk), or null
 * @param failure what the body threw on the shrunk counterexample, or the health check that failed;
 *     null when passed
 * @param selector how to select this property in a test run, printed in the replay line, or null
 * @param notes further lines for the report (database replays, coverage extension, ...)
 */
public record PropertyResult(String name, long seed, Reason reason, Counts counts, Statistics statistics,
    Counterexample counterexample, Throwable failure, String selector, List<String> notes) {

  /** Why a property failed. */
  public enum Reason {
    /** A counterexample was found (and shrunk). */
    FALSIFIED("falsified"),
    /** A counterexample was found, but its shrunk form passed when re-run: the body is not deterministic. */
    FLAKY("flaky"),
    /** A cover condition held too rarely. */
    COVER("cover"),
    /** Too many tries were discarded by assume(). */
    DISCARDS("discards"),
    /** A filter rejected every value of its budget. */
    FILTER("filter"),
    /** A try took longer than the deadline. */
    DEADLINE("deadline"),
    /** Tries drew more choices than the engine allows. */
    DATA_TOO_LARGE("data too large"),
    /** The replayed choices did not give a valid try (assume() or too many choices). */
    REPLAY_INVALID("replay invalid");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /**
   * Tries per phase.
   *
   * @param tries valid generation tries
   * @param discards tries discarded by {@link PropertyContext#assume}
   * @param overruns tries that drew too many choices (discarded too)
   * @param pinned pinned examples run
   * @param fromDatabase saved counterexamples replayed from the failure database
   * @param targetEvaluations evaluations of the targeted phase
   * @param shrinkEvaluations evaluations spent shrinking
   */
  public record Counts(int tries, int discards, int overruns, int pinned, int fromDatabase, int targetEvaluations,
      int shrinkEvaluations) {
    static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * A failing case.
   *
   * @param origin where it came from: {@code generated}, {@code targeted}, {@code database},
   *     {@code pinned} or {@code replay}
   * @param originalValue the value as first found
   * @param originalChoices its choices, or null for a pinned value
   * @param shrunkValue the value after shrinking
   * @param shrunkChoices its choices (replays it exactly), or null for a pinned value
   * @param shrinkStop why shrinking stopped, or null when nothing was shrunk
   * @param flaky whether the shrunk case passed when re-run
   */
  public record Counterexample(String origin, String originalValue, ChoiceSequence originalChoices,
      String shrunkValue, ChoiceSequence shrunkChoices, String shrinkStop, boolean flaky) {
  }

  public PropertyResult {
    notes = List.copyOf(notes);
  }

  public boolean passed() {
    return reason == null;
  }

  public int tries() {
    return counts.tries();
  }

  public int discards() {
    return counts.discards();
  }

  public int targetEvaluations() {
    return counts.targetEvaluations();
  }

  public int shrinkEvaluations() {
    return counts.shrinkEvaluations();
  }

  public String originalValue() {
    return counterexample == null ? null : counterexample.originalValue();
  }

  public String shrunkValue() {
    return counterexample == null ? null : counterexample.shrunkValue();
  }

  public ChoiceSequence originalChoices() {
    return counterexample == null ? null : counterexample.originalChoices();
  }

  public ChoiceSequence shrunkChoices() {
    return counterexample == null ? null : counterexample.shrunkChoices();
  }

  /** The one-line summary printed for every run (carries the seed). */
  public String summary() {
    StringBuilder extra = new StringBuilder();
    if (counts.pinned() > 0) {
      extra.append(", ").append(counts.pinned()).append(" pinned");
    }
    if (counts.fromDatabase() > 0) {
      extra.append(", ").append(counts.fromDatabase()).append(" from the failure database");
    }
    if (counts.targetEvaluations() > 0) {
      extra.append(", ").append(counts.targetEvaluations()).append(" targeted");
    }
    return String.format(Locale.ROOT, "property %s: %s, %d tries, %d discards%s, seed %d", name,
        passed() ? "passed" : "FAILED (" + reason + ")", counts.tries(), counts.discards(), extra, seed);
  }

  /** The arguments that replay the shrunk counterexample exactly (or rerun the whole run). */
  public String replayArguments() {
    String args = "-D" + Seeds.SEED_PROPERTY + "=" + seed;
    if (shrunkChoices() != null) {
      args += " -D" + Seeds.REPLAY_PROPERTY + "=" + shrunkChoices();
    }
    return selector == null ? args : selector + " " + args;
  }

  /** A multi-line report: summary, counterexamples, failure, replay arguments, notes and statistics. */
  public String report() {
    StringBuilder sb = new StringBuilder(summary()).append('\n');
    if (counterexample != null) {
      Counterexample c = counterexample;
      sb.append("  original: ").append(c.originalValue()).append("   (").append(c.origin()).append(")\n");
      sb.append("  shrunk:   ").append(c.shrunkValue());
      if (c.shrinkStop() != null) {
        sb.append(String.format(Locale.ROOT, "   (%d shrink evaluations; %s)", counts.shrinkEvaluations(),
            c.shrinkStop()));
      }
      sb.append('\n');
      if (c.shrunkChoices() != null) {
        sb.append("  choices:  ").append(c.shrunkChoices()).append('\n');
      }
      if (c.flaky()) {
        sb.append("  FLAKY:    the shrunk counterexample passed when re-run; the property is not deterministic"
            + " in its generated value (shared state, timing, an unseeded random source)\n");
      }
    }
    if (failure != null) {
      sb.append("  failure:  ").append(failure).append('\n');
    }
    if (!passed()) {
      sb.append("  replay:   ").append(replayArguments()).append('\n');
    }
    for (String n : notes) {
      sb.append("  note:     ").append(n).append('\n');
    }
    String table = statistics.table();
    if (!table.isEmpty()) {
      sb.append("  statistics (").append(statistics.validTries()).append(" tries):\n").append(table);
    }
    return sb.toString();
  }

  /** Returns this result if it passed, else throws a {@link PropertyFailure} carrying it. */
  public PropertyResult orThrow() {
    if (!passed()) {
      throw new PropertyFailure(this);
    }
    return this;
  }
}
