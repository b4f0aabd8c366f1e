package ncverify.reports.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the standalone scheduler backend says about the application and its executors, kept in memory:
 * "Application has been killed. Reason: Master removed our application: FAILED" and "Executor
 * app-.../3 removed: Error running executor: java.lang.IllegalStateException: Cannot find any build
 * directories.". The driver learns why an executor that never registered failed, and why the master
 * removed the application, only through these log lines (no listener event carries them), so a
 * {@link ClusterWatch} reads them here to name the cause of a failed run. The backend's logger is
 * raised to INFO for this appender only; the console keeps its level.
 */
final class SchedulerLog implements AutoCloseable {

  /** The logger of Spark's standalone scheduler backend. */
  static final String BACKEND = "org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend";
  private static final Pattern KILLED = Pattern.compile("Application has been killed\\. Reason: (.*)");
  private static final Pattern REMOVED = Pattern.compile("Executor \\S+ removed: (.*)");
  /** A Java class name prefix such as {@code java.lang.IllegalStateException: }. */
  private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  private final List<String> executorFailures = new ArrayList<>();
  private volatile String killedReason;
  private final Appender appender;
  private final LoggerConfig previous;
  private final LoggerConfig installed;

  SchedulerLog() {
    appender = new AbstractAppender("ncv-scheduler-log", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        record(event.getMessage().getFormattedMessage());
      }
    };
    appender.start();
    LoggerConfig prev = null;
    LoggerConfig added = null;
    if (LogManager.getContext(false) instanceof LoggerContext ctx) {
      Configuration cfg = ctx.getConfiguration();
      prev = cfg.getLoggerConfig(BACKEND);
      added = new LoggerConfig(BACKEND, Level.INFO, false);
      added.addAppender(appender, Level.INFO, null);
      for (Appender a : prev.getAppenders().values()) { // the console keeps what it printed before
        added.addAppender(a, prev.getLevel(), null);
      }
      if (prev.getName().equals(BACKEND)) {
        cfg.removeLogger(BACKEND);
      }
      cfg.addLogger(BACKEND, added);
      ctx.updateLoggers();
    }
    previous = prev;
    installed = added;
  }

  /** Records one message of the backend (also the test hook). */
  void record(String message) {
    Matcher k = KILLED.matcher(message);
    if (k.matches()) {
      killedReason = plain(k.group(1));
      return;
    }
    Matcher r = REMOVED.matcher(message);
    if (r.matches()) {
      synchronized (executorFailures) {
        executorFailures.add(plain(r.group(1)));
      }
    }
  }

  /** Why the application was killed ("Master removed our application: FAILED"), or null. */
  String killedReason() {
    return killedReason;
  }

  /** How many executors were removed, and the last reason given; null when none was. */
  String executorFailures() {
    synchronized (executorFailures) {
      if (executorFailures.isEmpty()) {
        return null;
      }
      int n = executorFailures.size();
      return n + (n == 1 ? " executor" : " executors") + " failed, the last with: "
          + executorFailures.get(n - 1);
    }
  }

  /** {@code message} without Java class-name prefixes and a final period, on one line. */
  static String plain(String message) {
    return CLASS_PREFIX.matcher(message.strip().split("\\R", 2)[0]).replaceAll("").replaceFirst("\\.$", "");
  }

  @Override
  public void close() {
    if (installed != null && LogManager.getContext(false) instanceof LoggerContext ctx) {
      Configuration cfg = ctx.getConfiguration();
      if (cfg.getLoggerConfig(BACKEND) == installed) {
        cfg.removeLogger(BACKEND);
        if (previous != null && previous.getName().equals(BACKEND)) {
          cfg.addLogger(BACKEND, previous);
        }
        ctx.updateLoggers();
      }
    }
    appender.stop();
  }
}
