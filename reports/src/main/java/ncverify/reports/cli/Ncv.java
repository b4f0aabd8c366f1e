package ncverify.reports.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import ncverify.reports.ErrorText;
import ncverify.theory.IoErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code ncv} command line. Every user-facing failure (bad flag, bad file, bad
 * value, diverged training) ends with one line on stderr and exit code {@value #EXIT_USER_ERROR};
 * an unexpected internal error prints one line and exits with {@value #EXIT_INTERNAL_ERROR}
 * (set {@code NCV_DEBUG=1} to see its stack trace).
 */
@Command(name = "ncv", mixinStandardHelpOptions = true, version = "ncv 0.1.0",
    description = {
        "ncverify: neural-collapse theory as executable, property-tested claims.",
        "Measures NC metrics on your own models, builds the closed-form geometries of the papers, "
            + "trains networks and checks each paper's claims where their assumptions hold.",
        "", "Start with: ncv campaign --quick"},
    subcommands = {CommandLine.HelpCommand.class})
public final class Ncv implements Runnable {

  /** Exit code of every user-facing failure. */
  public static final int EXIT_USER_ERROR = 2;
  /** Exit code of an internal error (a bug in ncv). */
  public static final int EXIT_INTERNAL_ERROR = 1;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: the usage, on the command line's own output (not System.out). */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
  }

  /** Builds the command line with all subcommands and the project's error handling. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Ncv());
    for (Object sub : Subcommands.all()) {
      cl.addSubcommand(sub);
    }
    inheritVersion(cl, cl.getCommandSpec().version());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      err.println("ncv: " + oneLine(ex.getMessage()) + " (try '" + c.getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return EXIT_USER_ERROR;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      Throwable t = ErrorText.unwrap(ex);
      if (isUserError(t) || ErrorText.isIo(t)) {
        // an IOException here is a file operation without a message of its own (e.g. the disk filled while
        // writing a report): its text is the operating system's
        err.println("ncv: " + (isUserError(t) ? oneLine(t.getMessage()) : ErrorText.of(t)));
        err.flush();
        return EXIT_USER_ERROR;
      }
      if (t instanceof OutOfMemoryError) {
        err.println("ncv: out of memory; give the JVM more with NCV_JAVA_OPTS=-Xmx20g");
        err.flush();
        return EXIT_USER_ERROR;
      }
      err.println("ncv: " + ErrorText.of(t) + " (set NCV_DEBUG=1 for the stack trace)");
      if (System.getenv("NCV_DEBUG") != null) {
        t.printStackTrace(err);
      }
      err.flush();
      return EXIT_INTERNAL_ERROR;
    });
    return cl;
  }

  /** Gives every subcommand without its own version ncv's, so {@code ncv geometry dufm --version} prints it. */
  private static void inheritVersion(CommandLine cl, String[] version) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().version().length == 0) {
        sub.getCommandSpec().version(version);
      }
      inheritVersion(sub, version);
    }
  }

  /** User errors: {@link ErrorText#isExpected} and {@link UserErrorException}. */
  static boolean isUserError(Throwable t) {
    return ErrorText.isExpected(t) || t instanceof UserErrorException;
  }

  /** {@link ErrorText#oneLine}. */
  static String oneLine(String s) {
    return ErrorText.oneLine(s);
  }

  /** Runs ncv and returns its exit code (used by tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    int code;
    try {
      code = commandLine(out, err).execute(args);
    } catch (OutOfMemoryError e) { // picocli's handler sees Exceptions only
      err.println("ncv: out of memory; give the JVM more with NCV_JAVA_OPTS=-Xmx20g");
      code = EXIT_USER_ERROR;
    } catch (StackOverflowError e) {
      err.println("ncv: " + ErrorText.of(e) + " (set NCV_DEBUG=1 for the stack trace)");
      code = EXIT_INTERNAL_ERROR;
    }
    out.flush();
    if (out.checkError()) { // PrintWriter swallows write failures: stdout is full, closed or a broken pipe
      IOException why = out instanceof OutputWriter o ? o.failure() : null;
      String reason = why == null ? "Input/output error" : oneLine(IoErrors.reason(why));
      if (!reason.equals("Broken pipe")) { // the reader went away (ncv ... | head): nothing to tell, as with SIGPIPE
        err.println("ncv: cannot write the output: " + reason);
      }
      code = EXIT_USER_ERROR;
    }
    err.flush();
    return code;
  }

  /** Runs ncv with stdout as an {@link OutputWriter}, so a failing stdout is reported (used by tests). */
  static int execute(OutputStream stdout, PrintWriter err, String... args) {
    return execute(OutputWriter.on(stdout), err, args);
  }

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(new FileOutputStream(FileDescriptor.out), err, args));
  }
}
