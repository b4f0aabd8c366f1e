package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.reports.campaign.CampaignResult;
import ncverify.reports.campaign.LedgerEntry;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * Tightness per claim (docs/theory.md section 6): the closest approach to the bound over the generated
 * tries and after the targeted search, as a ratio (measured/bound for upper bounds, bound/measured for
 * lower bounds), on a log axis with the bound at 1. A bar near 1 is a claim tested close to its limit;
 * far below 1, the generated cases never came near it. Claims whose tightness is undefined are listed
 * in the caption.
 */
public final class TightnessFigure {

  /** Smallest ratio drawn (log axis); smaller ratios are drawn at it. */
  static final double FLOOR = 1e-16;

  private TightnessFigure() {
  }

  public static Figure write(CampaignResult r, Path dir) throws IOException {
    List<String> ids = new ArrayList<>();
    List<Double> generated = new ArrayList<>();
    List<Double> best = new ArrayList<>();
    List<String> undefined = new ArrayList<>();
    for (LedgerEntry e : r.entries()) {
      LedgerEntry.Tightness t = e.tightness();
      if (t.best() == null) {
        undefined.add(e.claimId());
        continue;
      }
      ids.add(e.claimId() + (e.kind() == ncverify.theory.claims.ClaimKind.IDENTITY ? " (identity)" : ""));
      generated.add(Math.max(FLOOR, t.generationBest() == null ? FLOOR : t.generationBest()));
      best.add(Math.max(FLOOR, t.best()));
    }
    double smallest = 1;
    for (int i = 0; i < best.size(); i++) {
      smallest = Math.min(smallest, Math.min(generated.get(i), best.get(i)));
    }
    if (ids.isEmpty()) {
      ids.add("(no claim with a defined tightness)");
      generated.add(FLOOR);
      best.add(FLOOR);
    }
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(560 + 10 * ids.size())
        .title("Tightness per claim (closest approach to the bound; 1 = at the bound)").xAxisTitle("claim")
        .yAxisTitle("measured / bound (upper) or bound / measured (lower)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setYAxisLogarithmic(true);
    double axisMin = Math.max(FLOOR, Math.pow(10, Math.floor(Math.log10(smallest)) - 1));
    chart.getStyler().setYAxisMin(axisMin);
    chart.getStyler().setYAxisMax(Math.max(2.0, best.stream().mapToDouble(Double::doubleValue).max().orElse(1) * 2));
    chart.addSeries("generated tries", ids, generated);
    chart.addSeries("after targeted search", ids, best);
    List<Double> ones = new ArrayList<>();
    ids.forEach(id -> ones.add(1.0));
    chart.addSeries("bound (ratio 1)", ids, ones).setChartCategorySeriesRenderStyle(
        CategorySeries.CategorySeriesRenderStyle.Line);
    String caption = "Per claim: the largest ratio measured/bound (upper bounds) or bound/measured (lower bounds)"
        + " over the generated tries, and over every try once the targeted search has climbed each claim's ratio"
        + " from its closest generated case; 1 is the bound, above 1 a violation (or roundoff within the claim's"
        + " tolerance). Bars far below 1 mark claims the generated cases never pushed near their limit.";
    if (!undefined.isEmpty()) {
      caption += String.format(Locale.ROOT, " Tightness undefined (never applicable, or a bound of 0 compared"
          + " through the margin): %s.", String.join(", ", undefined));
    }
    return new Figure("tightness", "Tightness per claim", caption).save(chart, dir);
  }
}
