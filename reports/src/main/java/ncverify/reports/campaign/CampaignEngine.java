package ncverify.reports.campaign;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import ncverify.properties.study.Study;

/**
 * Where a campaign's {@link CampaignTask}s run: the embedded {@link LocalEngine} (a thread pool, the
 * default) or a distributed engine found at run time ({@link CampaignEngines}). An engine only runs the
 * search; the driver merges the records in task order and shrinks violations afterwards, so the same
 * seeds give the same ledger on every engine.
 */
public interface CampaignEngine extends AutoCloseable {

  /** A short name for the ledger's provenance and the start line, e.g. {@code local[2]}. */
  String name();

  /**
   * Runs every task and returns the records of the tasks that ran, in task order. {@code onDone}
   * receives records as they arrive (possibly from other threads); tasks not yet started when
   * {@code cancelled} turns true may be skipped. {@code studies} maps the planned study ids to the
   * driver's instances (an engine running elsewhere resolves the ids there instead).
   */
  List<TryRecord> run(List<CampaignTask> tasks, Map<String, Study<?>> studies, Consumer<List<TryRecord>> onDone,
      BooleanSupplier cancelled) throws InterruptedException;

  /** Releases the engine's resources (a cluster connection); the local engine has none. */
  @Override
  default void close() {
  }
}
