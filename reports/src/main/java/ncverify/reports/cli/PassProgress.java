package ncverify.reports.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import ncverify.theory.metrics.PassListener;

/**
 * Progress of the passes of a streamed {@code ncv metrics}: a progress bar per pass on stderr when a
 * terminal is attached, otherwise one line per tenth of a pass ({@code pass 1/2 (class means) 30% ...})
 * on the command's error stream.
 */
final class PassProgress implements PassListener, AutoCloseable {

  private static final String[] WHAT = {"class means", "NC1, NC4, errors"};

  private final PrintWriter err;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private ProgressBar bar;
  private int barPass;
  private int lastPass;
  private int lastTenth = -1;

  PassProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void progress(int pass, int passes, long done, long total) {
    String what = pass - 1 < WHAT.length ? WHAT[pass - 1] : "";
    if (terminal) {
      if (bar == null || barPass != pass) {
        close();
        bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "pass %d/%d %s", pass, passes, what))
            .setInitialMax(total).setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500)
            .build();
        barPass = pass;
      }
      bar.stepTo(done);
      return;
    }
    int tenth = (int) (10 * done / Math.max(1, total));
    if (pass != lastPass || tenth != lastTenth) {
      lastPass = pass;
      lastTenth = tenth;
      err.printf(Locale.ROOT, "pass %d/%d (%s) %3d%%  %d/%d samples  %.1f s%n", pass, passes, what, 10 * tenth, done,
          total, (System.nanoTime() - startNanos) / 1e9);
      err.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
