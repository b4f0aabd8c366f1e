package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.LedgerEntry;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Coverage of the assumption space tried: per claim, the fraction of tries in which every assumption
 * held (HOLDS + VIOLATED over judged tries) and the fraction violated. A claim at 0 was never tested.
 */
public final class CoverageFigure {

  private CoverageFigure() {
  }

  public static Figure write(CampaignResult r, Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    List<Double> applicable = new ArrayList<>();
    List<Double> violated = new ArrayList<>();
    for (LedgerEntry e : r.entries()) {
      ids.add(e.claimId());
      applicable.add(e.applicableFraction());
      violated.add(e.judged() == 0 ? 0.0 : (double) e.violated() / e.judged());
    }
    if (ids.isEmpty()) {
      ids.add("(no claims run)");
      applicable.add(0.0);
      violated.add(0.0);
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560 + 8 * ids.size())
        .title(String.format(java.util.Locale.ROOT, "Assumption coverage per claim (%d studies, %d tries)", r.studies().size(), r.triesRun())).xAxisTitle("claim").yAxisTitle("fraction of tries").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setYAxisMax(1.0);
    chart.getStyler().setYAxisMin(0.0);
    chart.addSeries("assumptions held (fraction of all tries)", ids, applicable);
    chart.addSeries("violated (fraction of tested tries)", ids, violated);
    return new Figure("coverage", "Coverage of the assumption space",
        "Per claim: fraction of tries in which all its assumptions held (the claim was tested) and fraction in"
            + " which it was violated. A claim with no coverage was never tested by the generated cases.")
        .save(chart, dir);
  }
}
