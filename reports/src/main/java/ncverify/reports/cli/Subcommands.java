package ncverify.reports.cli;

import java.util.List;

/** The registered subcommands of {@code ncv}, in the order {@code ncv --help} lists them. */
final class Subcommands {

  private Subcommands() {
  }

  static List<Object> all() {
    return List.of(new DemoCampaignCommand(), new MetricsCommand(), new TrainCommand(), new GeometryCommand(),
        new ClaimsCommand(), new BenchCommand());
  }
}
