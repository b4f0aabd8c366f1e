package ncverify.reports.spark;

import java.io.Serializable;
import java.util.List;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyRegistry;

/**
 * How an executor finds the studies named by the tasks it receives (studies themselves are not
 * serializable: only their ids travel). The default is {@link StudyRegistry#all()}; tests pass their
 * own fakes (they must then be on the executors' class path). Sources must be stateless: executors
 * cache the studies per source class.
 */
@FunctionalInterface
public interface StudySource extends Serializable {

  /** The studies known on this JVM. */
  List<Study<?>> studies();

  /** {@link StudyRegistry#all()}. */
  static StudySource registry() {
    return new Registry();
  }

  /** The registry source as a named class (stable across JVMs, unlike a lambda). */
  final class Registry implements StudySource {

    private static final long serialVersionUID = 1L;

    @Override
    public List<Study<?>> studies() {
      return StudyRegistry.all();
    }
  }
}
