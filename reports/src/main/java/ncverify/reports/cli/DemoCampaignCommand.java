package ncverify.reports.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.StepImbalance;
import ncverify.theory.geometry.dufm.DeepUfmRegime;
import ncverify.theory.geometry.dufm.RegimeComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Stand-in for {@code ncv campaign} until the full campaign lands: evaluates the closed-form side of
 * the claims (DNC vs low rank, deep-linear minority collapse, SELI spectrum) on the papers' reference
 * settings and prints them.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
    description = "Run the verification campaign (currently: the closed-form part on the papers' reference settings).")
public final class DemoCampaignCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("[DUFM] DNC vs low-rank construction, lambda = 0.004, n = 1");
    for (int[] kl : new int[][] {{10, 2}, {10, 3}, {10, 4}, {6, 3}, {6, 4}, {2, 4}}) {
      RegimeComparison c = DeepUfmRegime.compare(kl[0], kl[1], 1, 0.004);
      var m = c.toJsonMap();
      out.printf(Locale.ROOT, "  K=%-2d L=%d  dnc_loss=%.9f  low_rank_loss=%s  dnc_optimal=%s%n", kl[0], kl[1],
          (Double) m.get("dnc_loss"), m.get("low_rank_loss"), m.get("dnc_optimal"));
    }
    out.println("[DLN] deep linear UFM optimum, sizes 200,100,50,10, M = 3, lambda = 5e-3");
    out.println("  survives = " + java.util.Arrays.toString(
        (boolean[]) DeepLinearUfmOptimum.of(new int[] {200, 100, 50, 10}, 3, 5e-3, 5e-3).toJsonMap().get("survives")));
    out.println("[SELI] (R, rho)-STEP K=4, R=10, rho=0.5, n_min=5: singular values of Zhat = "
        + java.util.Arrays.toString(new StepImbalance(4, 10, 0.5, 5).singularValues()));
    out.flush();
    return 0;
  }
}
