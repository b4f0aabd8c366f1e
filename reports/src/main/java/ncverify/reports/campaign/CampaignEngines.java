package ncverify.reports.campaign;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import ncverify.theory.InvalidInputException;

/**
 * Chooses the engine named by {@code --engine}: {@code local} is the built-in {@link LocalEngine};
 * any other name is looked up among the {@link CampaignEngineProvider}s on the class path, so Spark is
 * loaded only when asked for.
 */
public final class CampaignEngines {

  /** The message when the Spark engine is not on the class path. */
  public static final String SPARK_NOT_BUILT = "Spark engine not built: run mvn -Pspark package";

  private CampaignEngines() {
  }

  /**
   * Opens engine {@code name}.
   *
   * @throws InvalidInputException for an unknown or unbuilt engine, or a master the engine rejects
   */
  public static CampaignEngine open(String name, String master, int threads) {
    if (name == null || name.equals("local")) {
      if (master != null) {
        throw InvalidInputException.of("--master %s needs --engine spark", master);
      }
      return new LocalEngine(threads);
    }
    Iterator<CampaignEngineProvider> it = ServiceLoader.load(CampaignEngineProvider.class).iterator();
    while (true) {
      CampaignEngineProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError | LinkageError listedButMissing) {
        continue; // e.g. a stale service entry whose class is not on this class path
      }
      if (p.name().equals(name)) {
        try {
          return p.open(master, threads);
        } catch (LinkageError engineMissing) {
          // the provider is there but its engine (Spark itself) is not on the class path
          break;
        }
      }
    }
    if (name.equals("spark")) {
      throw InvalidInputException.of("%s", SPARK_NOT_BUILT);
    }
    throw InvalidInputException.of("unknown engine '%s' (local or spark)", name);
  }
}
