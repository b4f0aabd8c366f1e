package ncverify.reports.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import ncverify.impl.model.Model;
import ncverify.impl.train.TrajectoryProbe;

/**
 * Progress of {@code ncv train}, reported at every recorded trajectory point: a progress bar on
 * stderr when a terminal is attached ({@code System.console() != null}), otherwise one plain line
 * per point on the command's error stream ({@code step s/T loss ... nc1 ...}), or nothing when quiet.
 * It wraps the metrics probe so that the line shows the values just recorded. The i-th call is the
 * point after min(i k, T) steps (k = record interval, the Trainer's recording order).
 */
final class TrainProgress implements TrajectoryProbe, AutoCloseable {

  private final TrajectoryProbe inner;
  private final int steps;
  private final int every;
  private final PrintWriter err;
  private final ProgressBar bar;
  private final boolean quiet;
  private int calls;

  TrainProgress(TrajectoryProbe inner, int steps, int every, PrintWriter err, boolean quiet, boolean terminal) {
    this.inner = inner;
    this.steps = steps;
    this.every = every;
    this.err = err;
    this.quiet = quiet;
    this.bar = quiet || !terminal ? null : new ProgressBarBuilder().setTaskName("train").setInitialMax(steps)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).build();
  }

  @Override
  public Map<String, Double> measure(Model model) {
    Map<String, Double> values = inner.measure(model);
    int step = calls == 0 ? 0 : every == 0 ? steps : Math.min(calls * every, steps);
    calls++;
    if (quiet) {
      return values;
    }
    double loss = model.evaluate().objective();
    Double nc1 = values.get("nc1");
    String msg = String.format(Locale.ROOT, "loss %.6g  nc1 %s", loss, nc1 == null ? "undefined"
        : String.format(Locale.ROOT, "%.4g", nc1));
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(" " + msg);
    } else {
      err.printf(Locale.ROOT, "step %d/%d  %s%n", step, steps, msg);
      err.flush();
    }
    return values;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
