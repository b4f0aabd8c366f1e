package ncverify.properties.engine;

import java.util.List;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.ChoiceSource.Span;

/**
 * The outcome of running a property body once on the value generated from one choice source: status,
 * the choices actually drawn with their bounds and types, spans, the value as shown, the error, what
 * the body reported ({@link PropertyContext}) and the wall time of the try.
 */
record TryOutcome(Status status, ChoiceSequence choices, long[] maxes, ChoiceKind[] kinds, List<Span> spans,
    String value, Throwable error, PropertyContext.Recorder recorder, long nanos) {

  enum Status {
    PASS, FAIL, DISCARD, OVERRUN, FILTER_EXHAUSTED
  }

  boolean failed() {
    return status == Status.FAIL;
  }

  boolean valid() {
    return status == Status.PASS || status == Status.FAIL;
  }

  /** Whether this try fails with the failure keyed {@code key} ({@link FailureKey}). */
  boolean failsWith(String key) {
    return failed() && FailureKey.keys(error).contains(key);
  }

  /** The score this try reported for target {@code label}, or negative infinity when none. */
  double score(String label) {
    Double s = recorder.targets.get(label);
    return s == null ? Double.NEGATIVE_INFINITY : s;
  }

  /** Generates a value from {@code prefix} then {@code mode}, and checks it. */
  static <T> TryOutcome run(Gen<T> gen, PropertyBody<? super T> body, ChoiceSequence prefix, Mode mode,
      long seed) {
    return run(gen, body, new ChoiceSource(prefix, mode, seed));
  }

  /** Generates a value from {@code source} and checks it. */
  static <T> TryOutcome run(Gen<T> gen, PropertyBody<? super T> body, ChoiceSource source) {
    long start = System.nanoTime();
    PropertyContext.Recorder recorder = PropertyContext.begin();
    String shown = "<not generated>";
    Status status;
    Throwable error = null;
    try {
      T value = gen.generate(source);
      shown = String.valueOf(value);
      body.check(value);
      status = Status.PASS;
    } catch (DiscardException e) {
      status = Status.DISCARD;
    } catch (ChoiceSource.OverrunException e) {
      status = Status.OVERRUN;
    } catch (FilterExhaustedException e) {
      status = Status.FILTER_EXHAUSTED;
      error = e;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      status = Status.FAIL;
      error = e;
    } finally {
      PropertyContext.end();
    }
    return new TryOutcome(status, source.choices(), source.maxes(), source.kinds(), source.spans(), shown, error,
        recorder, System.nanoTime() - start);
  }

  /** Checks a pinned value directly (no choices): how explicit examples run. */
  static <T> TryOutcome runValue(T value, PropertyBody<? super T> body) {
    ChoiceSource none = new ChoiceSource(Mode.ZERO, 0);
    return run(s -> value, body, none);
  }
}
