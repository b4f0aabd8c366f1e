package ncverify.reports.campaign;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a ledger comes from (Tribuo-style provenance): campaign settings and seed, BLAS backend,
 * versions, host, start time, duration and the git commit of the working directory when available.
 */
public record Provenance(CampaignSettings settings, String backend, String ncverifyVersion, String javaVersion,
    String os, int cores, String gitCommit, Instant started, String engine) {

  /** Version of ncv written into every ledger. */
  public static final String NCVERIFY_VERSION = "0.1.0";

  /** Provenance of a campaign starting now. */
  public static Provenance now(CampaignSettings settings, String backend) {
    return new Provenance(settings, backend, NCVERIFY_VERSION, System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), gitCommit(Path.of("").toAbsolutePath()), Instant.now(), null);
  }

  /** The same provenance, naming the engine the tries ran on (e.g. {@code local[2]}, {@code spark spark://h:7077}). */
  public Provenance withEngine(String engineName) {
    return new Provenance(settings, backend, ncverifyVersion, javaVersion, os, cores, gitCommit, started, engineName);
  }

  Map<String, Object> toJsonMap(double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", settings.seed());
    m.put("tries_per_study", settings.tries() > 0 ? (Object) settings.tries() : settings.quick()
        ? "min(" + CampaignSettings.QUICK_TRIES + ", study default)"
        : CampaignSettings.DEFAULT_TRIES_FACTOR + " x study default");
    m.put("quick", settings.quick());
    m.put("target_tries_per_claim", settings.targetTries() == CampaignSettings.AUTO ? "auto" : (Object) settings.targetTries());
    m.put("threads", settings.threads());
    m.put("only", settings.only());
    m.put("data", settings.data());
    m.put("engine", engine);
    m.put("backend", backend);
    m.put("ncverify_version", ncverifyVersion);
    m.put("java_version", javaVersion);
    m.put("os", os);
    m.put("cores", cores);
    m.put("git_commit", gitCommit);
    m.put("started", started.toString());
    m.put("seconds", seconds);
    return m;
  }

  /** The HEAD commit of the git work tree containing {@code dir}, or null (no git, not a repo, timeout). */
  static String gitCommit(Path dir) {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile()).redirectErrorStream(true)
          .start();
      String line;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        line = r.readLine();
      }
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 && line != null && line.matches("[0-9a-f]{40}") ? line : null;
    } catch (Exception e) {
      return null;
    }
  }
}
