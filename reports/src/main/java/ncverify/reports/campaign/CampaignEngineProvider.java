package ncverify.reports.campaign;

/**
 * A campaign engine that is not on the default class path (the Spark engine of the {@code -Pspark}
 * build), found with {@link java.util.ServiceLoader} only when {@code --engine NAME} asks for it.
 */
public interface CampaignEngineProvider {

  /** The {@code --engine} name, e.g. {@code spark}. */
  String name();

  /**
   * Connects to {@code master} (engine specific, e.g. {@code local[2]} or {@code spark://host:7077}).
   *
   * @throws ncverify.theory.InvalidInputException when the master is malformed or unreachable
   */
  CampaignEngine open(String master, int threads);
}
