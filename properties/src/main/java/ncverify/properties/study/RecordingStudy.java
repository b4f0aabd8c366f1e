package ncverify.properties.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import ncverify.properties.engine.Gen;

/**
 * A study that delegates to another and keeps every outcome, so a test can summarize observations or
 * judge wrong versions of its claims ({@link Falsifiability}).
 */
public final class RecordingStudy<C> implements Study<C> {

  private final Study<C> inner;
  private final ConcurrentLinkedQueue<StudyOutcome> outcomes = new ConcurrentLinkedQueue<>();

  public RecordingStudy(Study<C> inner) {
    this.inner = inner;
  }

  public List<StudyOutcome> outcomes() {
    return new ArrayList<>(outcomes);
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public String description() {
    return inner.description();
  }

  @Override
  public List<String> claimIds() {
    return inner.claimIds();
  }

  @Override
  public Gen<C> cases() {
    return inner.cases();
  }

  @Override
  public StudyOutcome run(C c, long seed) {
    StudyOutcome o = inner.run(c, seed);
    outcomes.add(o);
    return o;
  }

  @Override
  public Map<String, Double> minCoverage() {
    return inner.minCoverage();
  }

  @Override
  public int defaultTries() {
    return inner.defaultTries();
  }
}
