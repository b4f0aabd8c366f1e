package ncverify.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import ncverify.theory.linalg.blas.Backends;
import ncverify.properties.engine.Seeds;
import ncverify.properties.study.Study;
import ncverify.properties.study.StudyRegistry;
import ncverify.reports.ErrorText;
import ncverify.reports.campaign.Campaign;
import ncverify.reports.campaign.CampaignEngine;
import ncverify.reports.campaign.CampaignEngines;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.CampaignSettings;
import ncverify.reports.campaign.EngineFailedException;
import ncverify.reports.campaign.LedgerEntry;
import ncverify.reports.campaign.LocalEngine;
import ncverify.reports.campaign.RealDataCheck;
import ncverify.reports.campaign.RunFolder;
import ncverify.reports.campaign.TryRecord;
import ncverify.reports.campaign.figures.CampaignReport;
import ncverify.theory.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ncv campaign}: runs every registered study over generated cases, writes the claims ledger
 * (ledger.json, ledger.md), the figures and index.html into a run folder, and prints a one-screen
 * summary. Ctrl-C writes the finished tries as a ledger marked {@code "incomplete": true}.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
    description = {
        "Run the verification campaign: every claim over generated cases and trained networks.",
        "Writes the claims ledger (per claim: theorem-level or identity, how often its assumptions held, "
            + "its verdicts, worst margin, tightness (closest approach to the bound) after a targeted search "
            + "per claim, minimal counterexample and seeds), figures (PNG, SVG) and index.html, readable "
            + "from file://. Ctrl-C writes a partial ledger marked incomplete."},
    footer = {"", "Examples:", "  ncv campaign --quick", "  ncv campaign --only jswm.thm3.1.nc1 --tries 50 --threads 2",
        "  ncv campaign --data fashion-mnist --out /tmp/run1",
        "  ncv campaign --engine spark --master local[2]   (after mvn -Pspark package)"})
public final class CampaignCommand implements Callable<Integer> {

  /** Where the studies come from (tests substitute fakes). */
  static Supplier<List<Study<?>>> studies = StudyRegistry::all;

  @Spec
  CommandSpec spec;

  @Option(names = "--tries", paramLabel = "N", description = "Tries per study (default: 20 x the study's default, about 5 minutes on 2 cores; --quick: at most 8).")
  int tries;

  @Option(names = "--quick", description = "A few minutes in total: few tries per study, small figures.")
  boolean quick;

  @Option(names = "--seed", paramLabel = "SEED", description = "Campaign seed (a long or 'random'; default ${DEFAULT-VALUE}).",
      defaultValue = "" + Seeds.DEFAULT_SEED)
  String seed;

  @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: number of cores).")
  Integer threads;

  @Option(names = "--only", paramLabel = "ID", description = "Only this study id or claim id.")
  String only;

  @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: reports/out/<timestamp>/).")
  Path out;

  @Option(names = "--data", paramLabel = "SET", description = "Also check the [JSWM] claims on real data: fashion-mnist.")
  String data;

  @Option(names = "--engine", paramLabel = "E", description = "Where the tries run: local (thread pool, default) or spark "
      + "(needs the -Pspark build).", defaultValue = "local")
  String engine;

  @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: local[N], local[*] or spark://host:port "
      + "(default: local[T]).")
  String master;

  @Option(names = "--no-figures", description = "Skip the figures (ledger and index.html only).")
  boolean noFigures;

  @Option(names = "--target-tries", paramLabel = "N", description = "Evaluations of the targeted search per claim:"
      + " a hill-climb of the claim's tightness (measured/bound) from the generated case closest to its bound"
      + " (default: a quarter of the study's tries shared by its claims, at least 4; 0 turns it off).")
  Integer targetTries;

  @Override
  public Integer call() throws Exception {
    if (data != null && !data.equals("fashion-mnist")) {
      throw InvalidInputException.of("--data must be 'fashion-mnist', got '%s'", data);
    }
    int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    CampaignSettings settings = CampaignSettings.of(Seeds.resolve(seed), quick, t).withTries(tries).withOnly(only)
        .withData(data).withTargetTries(targetTries == null ? CampaignSettings.AUTO : targetTries);
    Campaign campaign = new Campaign(studies.get(), settings, Backends.best().name());
    try (CampaignEngine e = CampaignEngines.open(engine, master, t)) {
      return run(campaign, settings, e);
    }
  }

  private Integer run(Campaign campaign, CampaignSettings settings, CampaignEngine engineUsed) throws Exception {
    int t = settings.threads();
    RunFolder folder = RunFolder.create(out == null ? RunFolder.defaultDir() : out);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "ncv campaign: %d studies, %d tries, %s, seed %d -> %s%n",
        campaign.studies().size(), campaign.plannedTries(),
        engineUsed instanceof LocalEngine ? t + " threads" : "engine " + engineUsed.name(), settings.seed(), folder.dir());
    if (data != null && !RealDataCheck.available()) {
      o.println("ncv campaign: " + RealDataCheck.NOT_INSTALLED);
    }
    if (!ncverify.theory.linalg.blas.Backends.best().name().startsWith("native")) {
      o.println("ncv campaign: native BLAS not in use, running on the pure-Java backend (slower; for the fast path: "
          + "apt-get install libopenblas0-pthread)");
    }
    o.flush();
    Object lock = new Object();
    boolean[] finished = {false};
    Thread hook = new Thread(() -> {
      campaign.cancel();
      synchronized (lock) {
        if (!finished[0]) {
          try {
            folder.writeLedger(campaign.snapshot());
            System.err.println("ncv campaign: interrupted; partial ledger (incomplete) in " + folder.dir());
          } catch (IOException | RuntimeException e) {
            System.err.println("ncv campaign: interrupted; could not write the partial ledger: " + ErrorText.of(e));
          }
        }
      }
    }, "campaign-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    CampaignResult result;
    try {
      try {
        result = runWithProgress(campaign, engineUsed, o);
      } catch (EngineFailedException failed) {
        // the cluster gave up (or was lost): the finished tries become an incomplete ledger, then one line
        CampaignResult partial = campaign.snapshot();
        synchronized (lock) {
          folder.writeLedger(partial);
          finished[0] = true;
        }
        throw new UserErrorException(String.format(Locale.ROOT, "%s; %d of %d tries finished, incomplete ledger in %s",
            failed.getMessage(), partial.triesRun(), partial.plannedTries(), folder.dir()));
      }
      synchronized (lock) {
        folder.writeLedger(result);
        finished[0] = true;
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it writes the partial ledger
      }
    }
    CampaignReport.Extras extras = new CampaignReport(folder.dir(), quick, settings.seed()).write(result, !noFigures,
        data != null, o);
    o.print(summary(result, folder.dir(), extras));
    o.flush();
    return 0;
  }

  private CampaignResult runWithProgress(Campaign campaign, CampaignEngine engineUsed, PrintWriter o) throws InterruptedException {
    int planned = campaign.plannedTries();
    AtomicInteger done = new AtomicInteger();
    if (System.console() != null) {
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("campaign").setInitialMax(planned).build()) {
        return campaign.run(engineUsed, recs -> {
          bar.stepBy(recs.size());
          bar.setExtraMessage(recs.isEmpty() ? "" : recs.get(0).studyId());
        });
      }
    }
    AtomicInteger climbs = new AtomicInteger();
    return campaign.run(engineUsed, recs -> {
      for (TryRecord r : recs) {
        synchronized (o) {
          if (r.targeted()) {
            if (climbs.getAndIncrement() == 0) {
              o.println("targeted search: climbing each claim's tightness from its closest case");
            }
            o.printf(Locale.ROOT, "[targeted %s step %d] %s: %s (%.1f s)%n", r.target(), r.tryIndex(), r.studyId(),
                brief(r), r.millis() / 1000.0);
          } else {
            o.printf(Locale.ROOT, "[%d/%d] %s try %d: %s (%.1f s)%n", done.incrementAndGet(), planned, r.studyId(),
                r.tryIndex(), brief(r), r.millis() / 1000.0);
          }
          o.flush();
        }
      }
    });
  }

  private static String brief(TryRecord r) {
    if (r.failedWithError()) {
      return "ERROR " + r.error();
    }
    long h = r.claims().stream().filter(c -> c.verdict().name().equals("HOLDS")).count();
    long v = r.claims().stream().filter(c -> c.verdict().name().equals("VIOLATED")).count();
    long n = r.claims().size() - h - v;
    return h + " hold, " + v + " violated, " + n + " n/a";
  }

  /** "Tightness: n claims within 10% of their bound (ids), closest ..." for the summary. */
  static String tightnessLine(CampaignResult r) {
    List<String> close = new java.util.ArrayList<>();
    int defined = 0;
    for (LedgerEntry e : r.entries()) {
      Double t = e.tightness().best();
      if (t != null) {
        defined++;
        if (t >= CLOSE_TO_BOUND) {
          close.add(String.format(Locale.ROOT, "%s %.3g", e.claimId(), t));
        }
      }
    }
    return String.format(Locale.ROOT, "Tightness (closest approach to the bound, 1 = at it): defined for %d claims,"
        + " %d within %.0f%% of the bound%s (ledger.md, tightness.png).%n", defined, close.size(),
        100 * (1 - CLOSE_TO_BOUND), close.isEmpty() ? "" : ": " + String.join(", ", close));
  }

  /** A tightness at least this is "close to the bound" in the summary. */
  static final double CLOSE_TO_BOUND = 0.9;

  static String summary(CampaignResult r, Path dir, CampaignReport.Extras extras) {
    StringBuilder b = new StringBuilder("\n");
    b.append(String.format(Locale.ROOT, "Campaign %s in %.1f s: %d tries of %d studies and %d targeted tries"
        + " (%d errors).%n", r.incomplete() ? "INCOMPLETE" : "finished", r.seconds(), r.generatedTriesRun(),
        r.studies().size(), r.triesRun() - r.generatedTriesRun(),
        r.records().stream().filter(TryRecord::failedWithError).count()));
    b.append("Claims: ").append(r.countsLine()).append(".\n");
    b.append(tightnessLine(r));
    b.append("Findings:\n");
    int findings = 0;
    List<String> never = new java.util.ArrayList<>();
    for (LedgerEntry e : r.entries()) {
      if (e.overall().equals("VIOLATED")) {
        findings++;
        b.append("  VIOLATED ").append(e.claimId()).append(" (").append(e.paper()).append(' ').append(e.theorem())
            .append(") in ").append(e.violated()).append('/').append(e.judged()).append(" tries");
        if (e.tightness().targetedViolations() > 0) {
          b.append(" and ").append(e.tightness().targetedViolations()).append(" targeted tries");
        }
        if (e.counterexample() != null) {
          b.append("; minimal case ").append(e.counterexample().shrunkCase());
        }
        b.append('\n');
      } else if (e.holds() == 0) {
        never.add(e.claimId());
      }
    }
    List<String> low = new java.util.ArrayList<>();
    for (LedgerEntry e : r.entries()) {
      if (e.holds() + e.violated() > 0 && !e.coverageOk()) {
        low.add(String.format(Locale.ROOT, "%s %.0f%% < %.0f%%", e.claimId(), 100 * e.applicableFraction(),
            100 * e.minCoverage()));
      }
    }
    if (!low.isEmpty()) {
      findings++;
      b.append("  low coverage (assumptions held less often than the study asks): ").append(String.join(", ", low))
          .append('\n');
    }
    if (!never.isEmpty()) {
      findings++;
      b.append("  never applicable (assumptions never held): ").append(String.join(", ", never)).append('\n');
    }
    for (CampaignResult.StudySummary s : r.studies()) {
      if (s.errors() > 0) {
        findings++;
        String example = r.records().stream().filter(t -> t.studyId().equals(s.id()) && t.failedWithError())
            .map(TryRecord::error).findFirst().orElse("");
        b.append(String.format(Locale.ROOT, "  errors: study %s failed on %d of %d tries, e.g. %s%n", s.id(), s.errors(),
            s.tries(), example));
      }
    }
    if (r.entries().isEmpty()) {
      findings++;
      b.append("  no study is registered (StudyRegistry.all() is empty): the ledger is empty\n");
    }
    if (findings == 0) {
      b.append("  none: every claim held wherever its assumptions held\n");
    }
    for (String line : extras.lines()) {
      b.append("  ").append(line).append('\n');
    }
    b.append("Report: ").append(dir.resolve("index.html").toAbsolutePath()).append('\n');
    b.append("Ledger: ").append(dir.resolve("ledger.md").toAbsolutePath()).append('\n');
    return b.toString();
  }
}
