package ncverify.reports.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import ncverify.properties.study.Study;

/**
 * Test engine {@code --engine failing}: runs the first half of the tasks, delivers their records, then
 * fails as a cluster that removed the application would ({@link EngineFailedException}).
 */
public final class FailingEngineProvider implements CampaignEngineProvider {

  /** The failure message. */
  public static final String CAUSE = "the test cluster removed the application";

  @Override
  public String name() {
    return "failing";
  }

  @Override
  public CampaignEngine open(String master, int threads) {
    return new CampaignEngine() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public List<TryRecord> run(List<CampaignTask> tasks, Map<String, Study<?>> studies,
          Consumer<List<TryRecord>> onDone, BooleanSupplier cancelled) {
        List<TryRecord> out = new ArrayList<>();
        for (CampaignTask t : tasks.subList(0, tasks.size() / 2)) {
          List<TryRecord> records = t.run(studies.get(t.studyId()));
          onDone.accept(records);
          out.addAll(records);
        }
        throw new EngineFailedException(CAUSE);
      }
    };
  }
}
