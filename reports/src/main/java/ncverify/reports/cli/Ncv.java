package ncverify.reports.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ncv} command line. */
@Command(name = "ncv", mixinStandardHelpOptions = true, version = "ncv 0.1.0",
    description = "ncverify: neural-collapse theory as executable, property-tested claims.",
    subcommands = {CommandLine.HelpCommand.class, ClaimsCommand.class})
public final class Ncv implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Ncv()).execute(args));
  }
}
