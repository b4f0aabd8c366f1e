package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ncverify.reports.ErrorText;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.RealDataCheck;
import ncverify.reports.json.Json;

/**
 * Writes the figures, the optional real-data section and index.html of a run folder. A figure that
 * fails (e.g. a training run diverging) is reported as a line, never aborts the report.
 */
public final class CampaignReport {

  private final Path dir;
  private final boolean quick;
  private final long seed;

  /** What the report adds to the summary: one line per note and the figures written. */
  public record Extras(List<String> lines, List<Figure> figures, Map<String, Object> realData) {
  }

  public CampaignReport(Path dir, boolean quick, long seed) {
    this.dir = dir;
    this.quick = quick;
    this.seed = seed;
  }

  /** Writes everything; {@code log} gets one line per figure. */
  public Extras write(CampaignResult result, boolean figures, boolean realData, PrintWriter log) throws IOException {
    List<String> lines = new ArrayList<>();
    List<Figure> written = new ArrayList<>();
    if (figures) {
      for (FigureJob job : jobs(result)) {
        long start = System.nanoTime();
        try {
          written.add(job.write());
          log.printf(java.util.Locale.ROOT, "figure %s (%.1f s)%n", written.get(written.size() - 1).stem(),
              (System.nanoTime() - start) / 1e9);
        } catch (IOException | RuntimeException e) {
          lines.add("figure failed: " + ErrorText.of(e));
        }
        log.flush();
      }
    }
    Map<String, Object> real = null;
    if (realData) {
      if (RealDataCheck.available()) {
        long start = System.nanoTime();
        try {
          real = RealDataCheck.run(quick, seed);
          Json.writeFile(dir.resolve("real_data.json"), real);
          ncverify.reports.campaign.RunFolder.shareable(dir.resolve("real_data.json"));
          for (Map.Entry<String, Object> e : real.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> sub = (Map<String, Object>) e.getValue();
            lines.add(String.format(java.util.Locale.ROOT, "fashion-mnist %s (train error %.3f): [JSWM] claims %s"
                + " (real_data.json)", e.getKey(), (Double) sub.get("train_error"), sub.get("summary")));
          }
          log.printf(java.util.Locale.ROOT, "real data fashion-mnist (%.1f s)%n", (System.nanoTime() - start) / 1e9);
        } catch (RuntimeException e) {
          lines.add("fashion-mnist run failed: " + ErrorText.of(e));
        }
      } else {
        lines.add(RealDataCheck.NOT_INSTALLED);
      }
    }
    IndexHtml.write(dir, result, written, real);
    return new Extras(lines, written, real);
  }

  @FunctionalInterface
  private interface FigureJob {
    Figure write() throws IOException;
  }

  private List<FigureJob> jobs(CampaignResult result) {
    List<FigureJob> jobs = new ArrayList<>();
    jobs.add(() -> NcTrajectoryFigure.write(dir, quick, seed));
    jobs.add(() -> SeliDistanceFigure.write(dir, quick, seed));
    jobs.add(() -> DangNormsFigure.write(dir, quick, seed));
    jobs.add(() -> DufmDepthFigure.write(dir, quick, seed));
    jobs.add(() -> CoverageFigure.write(result, dir));
    jobs.add(() -> TightnessFigure.write(result, dir));
    return jobs;
  }
}
