package ncverify.properties.engine;

import java.util.List;
import ncverify.properties.engine.ChoiceSource.Mode;
import ncverify.properties.engine.ChoiceSource.Span;

/** The outcome of running a property body once on the value generated from one choice source. */
record TryOutcome(Status status, ChoiceSequence choices, long[] maxes, List<Span> spans, String value,
    Throwable error, PropertyContext.Recorder recorder) {

  enum Status {
    PASS, FAIL, DISCARD, OVERRUN, FILTER_EXHAUSTED
  }

  boolean failed() {
    return status == Status.FAIL;
  }

  boolean valid() {
    return status == Status.PASS || status == Status.FAIL;
  }

  /** The target score of this try, or negative infinity when the body reported none. */
  double score() {
    return recorder.target == null ? Double.NEGATIVE_INFINITY : recorder.target;
  }

  /** Generates a value from {@code prefix} then {@code mode}, and checks it. */
  static <T> TryOutcome run(Gen<T> gen, PropertyBody<? super T> body, ChoiceSequence prefix, Mode mode,
      long seed) {
    ChoiceSource source = new ChoiceSource(prefix, mode, seed);
    PropertyContext.Recorder recorder = PropertyContext.begin();
    String shown = "<not generated>";
    try {
      T value = gen.generate(source);
      shown = String.valueOf(value);
      body.check(value);
      return of(Status.PASS, source, shown, null, recorder);
    } catch (DiscardException e) {
      return of(Status.DISCARD, source, shown, null, recorder);
    } catch (ChoiceSource.OverrunException e) {
      return of(Status.OVERRUN, source, shown, null, recorder);
    } catch (FilterExhaustedException e) {
      return of(Status.FILTER_EXHAUSTED, source, shown, e, recorder);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return of(Status.FAIL, source, shown, e, recorder);
    } finally {
      PropertyContext.end();
    }
  }

  private static TryOutcome of(Status status, ChoiceSource source, String value, Throwable error,
      PropertyContext.Recorder recorder) {
    return new TryOutcome(status, source.choices(), source.maxes(), source.spans(), value, error, recorder);
  }
}
