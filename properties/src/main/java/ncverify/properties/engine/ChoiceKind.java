package ncverify.properties.engine;

/**
 * The type of one recorded choice, which tells the source how to read a replayed choice and the
 * shrinker and targeted search how to move it: an integer in {@code [0, max]}, or the magnitude of a
 * double in {@code [0, side]} encoded by {@link DoubleEncoding} (Hypothesis's typed choices).
 */
public sealed interface ChoiceKind permits ChoiceKind.IntegerChoice, ChoiceKind.MagnitudeChoice {

  /** Integer choices: the choice is the value. */
  ChoiceKind INTEGER = new IntegerChoice();

  /** The choice actually drawn when {@code raw} is replayed at a choice with bound {@code max}. */
  long fit(long raw, long max);

  /** The position of {@code choice} on the number line the targeted search moves along. */
  double position(long choice);

  /** The choice at {@code position}, clamped to the allowed range. */
  long at(double position, long max);

  /** The largest position (the targeted search's range). */
  double extent(long max);

  /** A magnitude choice for doubles in {@code [0, side]}. */
  static ChoiceKind magnitude(double side) {
    return new MagnitudeChoice(side);
  }

  /** An integer in {@code [0, max]}; a replayed value above {@code max} is read as {@code max}. */
  record IntegerChoice() implements ChoiceKind {
    @Override
    public long fit(long raw, long max) {
      return Math.min(raw, max);
    }

    @Override
    public double position(long choice) {
      return choice;
    }

    @Override
    public long at(double position, long max) {
      if (!(position > 0)) {
        return 0;
      }
      return position >= max ? max : (long) Math.rint(position);
    }

    @Override
    public double extent(long max) {
      return max;
    }
  }

  /**
   * The magnitude {@code |x - target|} of a double, in {@code [0, side]} ({@code side} may be
   * infinite: then at most {@link Double#MAX_VALUE}); a replayed choice is canonicalized and a value
   * beyond {@code side} is read as {@code side}.
   */
  record MagnitudeChoice(double side) implements ChoiceKind {
    /** The largest finite magnitude. */
    public double limit() {
      return Math.min(side, Double.MAX_VALUE);
    }

    /** The magnitude a choice stands for, clamped to {@code [0, side]}. */
    public double value(long choice) {
      return Math.min(DoubleEncoding.decode(choice), limit());
    }

    @Override
    public long fit(long raw, long max) {
      return DoubleEncoding.encode(value(raw));
    }

    @Override
    public double position(long choice) {
      return value(choice);
    }

    @Override
    public long at(double position, long max) {
      return position > 0 ? DoubleEncoding.encode(Math.min(limit(), position)) : 0;
    }

    @Override
    public double extent(long max) {
      return limit();
    }
  }
}
