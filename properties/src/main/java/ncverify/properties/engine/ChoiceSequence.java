package ncverify.properties.engine;

import java.util.Arrays;
import java.util.StringJoiner;
import ncverify.theory.InvalidInputException;

/**
 * The recorded choices of one try: each primitive draw of a generator is a non-negative {@code long}
 * where 0 is the simplest value (Hypothesis "Conjecture" choice sequence, see STYLE.md). Replaying a
 * sequence regenerates exactly the same values; shrinking edits the sequence, never the values.
 *
 * <p>Sequences are ordered shortlex: shorter is simpler, then lexicographically smaller is simpler.
 * The printable form is a comma-separated list without spaces, e.g. {@code 1,0,1,2147483646}, so it
 * can be passed as {@code -Dncverify.replay=...}.
 */
public record ChoiceSequence(long[] choices) implements Comparable<ChoiceSequence> {

  public static final ChoiceSequence EMPTY = new ChoiceSequence(new long[0]);

  public ChoiceSequence {
    choices = choices.clone();
    for (int i = 0; i < choices.length; i++) {
      if (choices[i] < 0) {
        throw InvalidInputException.of("choice %d at index %d is negative", choices[i], i);
      }
    }
  }

  /** Number of choices. */
  public int length() {
    return choices.length;
  }

  /** The choice at {@code index}. */
  public long get(int index) {
    return choices[index];
  }

  /** A copy of the choices. */
  @Override
  public long[] choices() {
    return choices.clone();
  }

  /** Parses the printable form {@link #toString()}; brackets and spaces are tolerated. */
  public static ChoiceSequence parse(String text) {
    String body = text.replace("[", "").replace("]", "").replace(" ", "").trim();
    if (body.isEmpty()) {
      return EMPTY;
    }
    String[] parts = body.split(",");
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        throw InvalidInputException.of("choice '%s' at index %d of the replay string is not an integer",
            parts[i], i);
      }
    }
    return new ChoiceSequence(values);
  }

  @Override
  public int compareTo(ChoiceSequence other) {
    if (choices.length != other.choices.length) {
      return Integer.compare(choices.length, other.choices.length);
    }
    return Arrays.compare(choices, other.choices);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChoiceSequence c && Arrays.equals(choices, c.choices);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(choices);
  }

  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(",");
    for (long c : choices) {
      joiner.add(Long.toString(c));
    }
    return joiner.toString();
  }
}
