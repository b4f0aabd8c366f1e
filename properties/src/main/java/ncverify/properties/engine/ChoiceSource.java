package ncverify.properties.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one source of randomness of a try, and its recorder (Hypothesis "ConjectureData"). Every
 * generator reduces to typed choices: {@link #draw} returns an integer choice in {@code [0, max]},
 * {@link #drawMagnitude} a double magnitude (both with 0 the simplest). Choices come first from a fixed prefix (replay, shrinking, targeted mutation) and then
 * from a {@link Mode}: uniform random, edge cases (each draw picks one of the values the generator
 * names as special), or zeros. The source records every choice and the spans (nested intervals of
 * choices made by one generator call) that the shrinker uses to delete, zero and sort whole values.
 *
 * <p>Not thread-safe: one source per try.
 */
public final class ChoiceSource {

  /** What to draw once the prefix is used up. */
  public enum Mode {
    /** Each draw uses its generator's random distribution. */
    RANDOM,
    /** Each draw picks one of its generator's edge values at random. */
    EDGE,
    /** Each draw returns 0, the simplest choice. */
    ZERO
  }

  /** How a generator samples a choice in {@code [0, max]} in random mode. */
  @FunctionalInterface
  public interface Sampler {
    long sample(SplittableRandom rng, long max);

    /** Uniform on {@code [0, max]}. */
    Sampler UNIFORM = (rng, max) -> max == Long.MAX_VALUE ? rng.nextLong() & Long.MAX_VALUE
        : rng.nextLong(max + 1);
  }

  /** How a generator samples a double magnitude in {@code [0, side]} in random mode. */
  @FunctionalInterface
  public interface MagnitudeSampler {
    double sample(SplittableRandom rng, double side);
  }

  /**
   * A span of choices {@code [start, end)} made by one generator call carrying {@code label};
   * {@code parent} is the opening index of the enclosing span (-1 at top level), so spans with equal
   * parent and label are siblings (e.g. the elements of one list).
   */
  public record Span(int start, int end, int depth, String label, int parent) {
    public int length() {
      return end - start;
    }
  }

  /** Thrown when a try draws more than {@link #MAX_CHOICES} choices; the try is discarded. */
  public static final class OverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OverrunException() {
      super("the try drew more than " + MAX_CHOICES + " choices", null, false, false);
    }
  }

  /** Upper bound on the number of choices of one try. */
  public static final int MAX_CHOICES = 100_000;

  private static final long[] ZERO_EDGE = {0};

  private final long[] prefix;
  private final Mode mode;
  private final SplittableRandom rng;
  private long[] recorded = new long[16];
  private long[] maxes = new long[16];
  private ChoiceKind[] kinds = new ChoiceKind[16];
  private int size;
  private final List<Span> spans = new ArrayList<>();
  private final Deque<int[]> open = new ArrayDeque<>();
  private final List<String> openLabels = new ArrayList<>();

  /** A source replaying {@code prefix}, then drawing in {@code mode} from a generator seeded by {@code seed}. */
  public ChoiceSource(ChoiceSequence prefix, Mode mode, long seed) {
    this.prefix = prefix.choices();
    this.mode = mode;
    this.rng = new SplittableRandom(seed);
  }

  /** A source drawing in {@code mode} from the start. */
  public ChoiceSource(Mode mode, long seed) {
    this(ChoiceSequence.EMPTY, mode, seed);
  }

  /**
   * Draws a choice in {@code [0, max]}.
   *
   * @param max largest allowed choice, {@code >= 0}
   * @param sampler distribution in random mode
   * @param edges special choices tried in edge mode, one picked uniformly (clamped to {@code max});
   *     none means 0
   */
  public long draw(long max, Sampler sampler, long... edges) {
    if (max < 0) {
      throw new IllegalArgumentException("max " + max + " is negative");
    }
    long value;
    if (size < prefix.length) {
      value = Math.min(prefix[size], max);
    } else {
      value = switch (mode) {
        case RANDOM -> sampler.sample(rng, max);
        case EDGE -> pickEdge(edges.length == 0 ? ZERO_EDGE : edges, max);
        case ZERO -> 0;
      };
    }
    record(value, max, ChoiceKind.INTEGER);
    return value;
  }

  /** Draws uniformly in {@code [0, max]}, edge cases 0 and {@code max}. */
  public long draw(long max) {
    return draw(max, Sampler.UNIFORM, 0, max);
  }

  /**
   * Draws the magnitude of a double in {@code [0, side]} as one typed choice ({@link ChoiceKind#magnitude},
   * encoded by {@link DoubleEncoding} so that simpler values have smaller choices). A replayed choice
   * is decoded, clamped to {@code side} and recorded in canonical form.
   *
   * @param side largest magnitude, {@code >= 0} (infinite: at most {@link Double#MAX_VALUE})
   * @param sampler distribution in random mode (values outside {@code [0, side]} are clamped)
   * @param edges special magnitudes tried in edge mode, one picked uniformly (clamped); none means 0
   */
  public double drawMagnitude(double side, MagnitudeSampler sampler, double... edges) {
    if (!(side >= 0)) {
      throw new IllegalArgumentException("side " + side + " is negative or NaN");
    }
    ChoiceKind.MagnitudeChoice kind = new ChoiceKind.MagnitudeChoice(side);
    long choice;
    if (size < prefix.length) {
      choice = kind.fit(prefix[size], Long.MAX_VALUE);
    } else {
      double m = switch (mode) {
        case RANDOM -> sampler.sample(rng, kind.limit());
        case EDGE -> edges.length == 0 ? 0.0 : edges[rng.nextInt(edges.length)];
        case ZERO -> 0.0;
      };
      choice = kind.at(m, Long.MAX_VALUE);
    }
    record(choice, Long.MAX_VALUE, kind);
    return kind.value(choice);
  }

  private long pickEdge(long[] edges, long max) {
    return Math.min(edges[rng.nextInt(edges.length)], max);
  }

  private void record(long value, long max, ChoiceKind kind) {
    if (size == MAX_CHOICES) {
      throw new OverrunException();
    }
    if (size == recorded.length) {
      recorded = Arrays.copyOf(recorded, size * 2);
      maxes = Arrays.copyOf(maxes, size * 2);
      kinds = Arrays.copyOf(kinds, size * 2);
    }
    maxes[size] = max;
    kinds[size] = kind;
    recorded[size++] = value;
  }

  /** Opens a span labelled {@code label}; close it with {@link #endSpan()}. */
  public void startSpan(String label) {
    open.push(new int[] {size, spans.size()});
    openLabels.add(label);
    spans.add(null); // placeholder to keep parent indices stable
  }

  /** Closes the innermost open span. */
  public void endSpan() {
    int[] start = open.pop();
    String label = openLabels.remove(openLabels.size() - 1);
    int parent = open.isEmpty() ? -1 : open.peek()[1];
    spans.set(start[1], new Span(start[0], size, open.size(), label, parent));
  }

  /** The choices drawn so far. */
  public ChoiceSequence choices() {
    return new ChoiceSequence(Arrays.copyOf(recorded, size));
  }

  /** The bound {@code max} of each choice drawn so far. */
  public long[] maxes() {
    return Arrays.copyOf(maxes, size);
  }

  /** The type of each choice drawn so far. */
  public ChoiceKind[] kinds() {
    return Arrays.copyOf(kinds, size);
  }

  /** The closed spans in opening order. */
  public List<Span> spans() {
    List<Span> closed = new ArrayList<>();
    for (Span s : spans) {
      if (s != null) {
        closed.add(s);
      }
    }
    return closed;
  }
}
