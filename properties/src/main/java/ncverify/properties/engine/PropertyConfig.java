package ncverify.properties.engine;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import ncverify.theory.InvalidInputException;

/**
 * How a property is run; immutable, changed through the {@code with...} methods.
 *
 * <ul>
 *   <li>{@code tries}: valid (not discarded) tries of the generation phase (100);
 *   <li>{@code seed}: run seed; each try's seed derives from (seed, try index) ({@link Seeds});
 *   <li>{@code threadSafe}, {@code threads}: whether tries may run in parallel, on how many threads;
 *       results are identical for any thread count;
 *   <li>{@code maxDiscardRatio}: the property fails when discards exceed {@code ratio * tries} (5);
 *   <li>{@code targetTries}: evaluations of the targeted phase, shared by the target labels;
 *       {@link #AUTO} (the default) means half the tries, so the budget scales with the try budget a
 *       property sets for its cost; 0 turns the phase off. Runs only if the body calls
 *       {@link PropertyContext#target};
 *   <li>{@code shrinkBudget}, {@code shrinkTime}: evaluation and wall-time bounds of shrinking (5000,
 *       5 minutes);
 *   <li>{@code deadline}: the longest a single try may take before the run fails the "too slow"
 *       health check (2 minutes, or the system property {@value #DEADLINE_PROPERTY} in seconds, 0 = none);
 *   <li>{@code replay}: a choice sequence to run instead of searching, or null;
 *   <li>{@code examples}: pinned choice sequences run before any generated try;
 *   <li>{@code database}: the failure database ({@link ExampleDatabase}), or null for none;
 *   <li>{@code selector}: how to select this property in a test run (e.g. {@code -Dtest=Class#method}),
 *       printed in the replay line, or null;
 *   <li>{@code log}: where the report of each run goes.
 * </ul>
 */
public final class PropertyConfig {

  /** {@link #targetTries()} value meaning "half the tries". */
  public static final int AUTO = -1;
  /** System property: per-try deadline in seconds (0 turns it off). */
  public static final String DEADLINE_PROPERTY = "ncverify.deadline";
  /** Default per-try deadline. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);
  /** Default shrink time bound. */
  public static final Duration DEFAULT_SHRINK_TIME = Duration.ofMinutes(5);

  private int tries = 100;
  private long seed = Seeds.DEFAULT_SEED;
  private boolean threadSafe;
  private int threads = 1;
  private double maxDiscardRatio = 5.0;
  private int targetTries = AUTO;
  private int shrinkBudget = 5000;
  private Duration shrinkTime = DEFAULT_SHRINK_TIME;
  private Duration deadline = DEFAULT_DEADLINE;
  private ChoiceSequence replay;
  private List<ChoiceSequence> examples = List.of();
  private ExampleDatabase database;
  private String selector;
  private Consumer<String> log = line -> { };

  private PropertyConfig() {
  }

  /** A copy of this configuration with {@code change} applied. */
  private PropertyConfig with(java.util.function.Consumer<PropertyConfig> change) {
    PropertyConfig c = copy();
    change.accept(c);
    return c;
  }

  private PropertyConfig copy() {
    PropertyConfig c = new PropertyConfig();
    c.tries = tries;
    c.seed = seed;
    c.threadSafe = threadSafe;
    c.threads = threads;
    c.maxDiscardRatio = maxDiscardRatio;
    c.targetTries = targetTries;
    c.shrinkBudget = shrinkBudget;
    c.shrinkTime = shrinkTime;
    c.deadline = deadline;
    c.replay = replay;
    c.examples = examples;
    c.database = database;
    c.selector = selector;
    c.log = log;
    return c;
  }

  /**
   * 100 tries, the seed from {@link Seeds#resolve} (system property {@value Seeds#SEED_PROPERTY}),
   * sequential, all cores when thread-safe, discard ratio 5, automatic targeted budget, shrink budget
   * 5000 within 5 minutes, the deadline from {@value #DEADLINE_PROPERTY} (default 2 minutes), replay from
   * the system property {@value Seeds#REPLAY_PROPERTY} if set, the failure database of
   * {@link ExampleDatabase#fromSystemProperties()}, log to standard output.
   */
  public static PropertyConfig defaults() {
    PropertyConfig c = new PropertyConfig();
    c.seed = Seeds.resolve(null);
    c.threads = Runtime.getRuntime().availableProcessors();
    String replay = System.getProperty(Seeds.REPLAY_PROPERTY);
    c.replay = replay == null || replay.isBlank() ? null : ChoiceSequence.parse(replay);
    c.deadline = deadlineFromSystemProperty();
    c.database = ExampleDatabase.fromSystemProperties();
    c.log = System.out::println;
    return c;
  }

  private static Duration deadlineFromSystemProperty() {
    String v = System.getProperty(DEADLINE_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_DEADLINE;
    }
    try {
      double seconds = Double.parseDouble(v.trim());
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new NumberFormatException();
      }
      return seconds == 0 ? null : Duration.ofNanos((long) (seconds * 1e9));
    } catch (NumberFormatException e) {
      throw InvalidInputException.of("-D%s=%s is not a number of seconds >= 0", DEADLINE_PROPERTY, v);
    }
  }

  public int tries() {
    return tries;
  }

  public long seed() {
    return seed;
  }

  public boolean threadSafe() {
    return threadSafe;
  }

  public int threads() {
    return threads;
  }

  public double maxDiscardRatio() {
    return maxDiscardRatio;
  }

  /** The configured targeted budget ({@link #AUTO} or a count). */
  public int targetTries() {
    return targetTries;
  }

  /** The targeted budget in evaluations: the configured count, or half the tries for {@link #AUTO}. */
  public int targetBudget() {
    return targetTries == AUTO ? tries / 2 : targetTries;
  }

  public int shrinkBudget() {
    return shrinkBudget;
  }

  public Duration shrinkTime() {
    return shrinkTime;
  }

  /** The per-try deadline, or null for none. */
  public Duration deadline() {
    return deadline;
  }

  public ChoiceSequence replay() {
    return replay;
  }

  public List<ChoiceSequence> examples() {
    return examples;
  }

  public ExampleDatabase database() {
    return database;
  }

  public String selector() {
    return selector;
  }

  public Consumer<String> log() {
    return log;
  }

  public PropertyConfig withTries(int n) {
    if (n < 1) {
      throw InvalidInputException.of("tries %d must be at least 1", n);
    }
    return with(c -> c.tries = n);
  }

  public PropertyConfig withSeed(long s) {
    return with(c -> c.seed = s);
  }

  public PropertyConfig withThreadSafe(boolean t) {
    return with(c -> c.threadSafe = t);
  }

  public PropertyConfig withThreads(int n) {
    if (n < 1) {
      throw InvalidInputException.of("threads %d must be at least 1", n);
    }
    return with(c -> c.threads = n);
  }

  public PropertyConfig withMaxDiscardRatio(double r) {
    if (!(r >= 0)) {
      throw InvalidInputException.of("maxDiscardRatio %s must be >= 0", r);
    }
    return with(c -> c.maxDiscardRatio = r);
  }

  /** Targeted evaluations: a count {@code >= 0} or {@link #AUTO}. */
  public PropertyConfig withTargetTries(int n) {
    if (n < 0 && n != AUTO) {
      throw InvalidInputException.of("targetTries %d must be >= 0 (or AUTO)", n);
    }
    return with(c -> c.targetTries = n);
  }

  public PropertyConfig withShrinkBudget(int n) {
    if (n < 0) {
      throw InvalidInputException.of("shrinkBudget %d must be >= 0", n);
    }
    return with(c -> c.shrinkBudget = n);
  }

  public PropertyConfig withShrinkTime(Duration d) {
    if (d == null || d.isNegative()) {
      throw InvalidInputException.of("shrink time %s must be >= 0", d);
    }
    return with(c -> c.shrinkTime = d);
  }

  /** The per-try deadline; null or zero for none. */
  public PropertyConfig withDeadline(Duration d) {
    if (d != null && d.isNegative()) {
      throw InvalidInputException.of("deadline %s must be >= 0", d);
    }
    return with(c -> c.deadline = d == null || d.isZero() ? null : d);
  }

  public PropertyConfig withReplay(ChoiceSequence r) {
    return with(c -> c.replay = r);
  }

  /** Pinned examples as choice sequences, run (and shrunk if they fail) before any generated try. */
  public PropertyConfig withExamples(List<ChoiceSequence> pinned) {
    return with(c -> c.examples = List.copyOf(pinned));
  }

  /** The failure database, or null for none. */
  public PropertyConfig withDatabase(ExampleDatabase db) {
    return with(c -> c.database = db);
  }

  public PropertyConfig withSelector(String s) {
    return with(c -> c.selector = s);
  }

  public PropertyConfig withLog(Consumer<String> l) {
    return with(c -> c.log = l);
  }
}
