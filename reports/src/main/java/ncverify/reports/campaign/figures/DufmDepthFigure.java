package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.impl.model.DeepUfm;
import ncverify.impl.train.DivergenceException;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.Trainer;
import ncverify.theory.geometry.dufm.DeepUfmRegime;
import ncverify.theory.geometry.dufm.DufmParameters;
import ncverify.theory.geometry.dufm.RegimeComparison;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * [DUFM] (docs/theory.md section 4): the L-DUFM loss of deep neural collapse (DNC) and of the best low-rank
 * construction vs depth L ({@link DeepUfmRegime}), with the objective reached by GD on a small
 * {@link DeepUfm} overlaid. Theory: DNC is optimal for L &lt;= 2 (and K = 2), the low-rank construction
 * beats it for larger L when L_DNC &lt; 1/2. On a right axis, what {@code dufm.lambda_window} judges: the
 * construction's loss at the lambda where DNC collapses to the zero solution (loss 1/2).
 */
public final class DufmDepthFigure {

  /**
   * Per depth: DNC loss, low-rank loss (NaN-free: null when no construction), the GD objective, and the
   * low-rank loss at the DNC collapse lambda_c(L) (null when no construction).
   */
  public record Data(List<Integer> depths, List<Double> dnc, List<Double> lowRank, List<Double> gd,
      List<Double> lowRankAtCollapse) {
  }

  static final int K = 6;
  static final int N_PER_CLASS = 1;
  static final double LAMBDA = 2e-3;
  /** The window series is evaluated just past the DNC collapse, as {@code dufm.regime} judges it. */
  static final double PAST_COLLAPSE = 1 + 1e-9;

  private DufmDepthFigure() {
  }

  public static Data compute(int maxDepth, int gdMaxDepth, int steps, long seed) {
    Data d = new Data(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int l = 1; l <= maxDepth; l++) {
      RegimeComparison c = DeepUfmRegime.compare(K, l, N_PER_CLASS, LAMBDA);
      d.depths().add(l);
      d.dnc().add(c.dncLoss());
      d.lowRank().add(c.lowRankLoss().isPresent() ? c.lowRankLoss().getAsDouble() : null);
      RegimeComparison atCollapse = DeepUfmRegime.compare(K, l, N_PER_CLASS,
          PAST_COLLAPSE * DeepUfmRegime.dncCollapseLambda(K, l, N_PER_CLASS));
      d.lowRankAtCollapse().add(atCollapse.lowRankLoss().isPresent() ? atCollapse.lowRankLoss().getAsDouble() : null);
      if (l <= gdMaxDepth) {
        DufmParameters p = DufmParameters.uniform(K, l, N_PER_CLASS, LAMBDA);
        Double best = null;
        for (int restart = 0; restart < 3; restart++) { // best of 3 inits: GD can stall at the origin
          DeepUfm m = DeepUfm.builder(2 * K, l, p.labels(), K).lambda(LAMBDA).lambdaH(LAMBDA)
              .initStd(Math.sqrt(0.3 / (2 * K))).seed(seed + restart).build();
          Double loss = trainOrNull(m, steps, seed + restart);
          best = loss == null ? best : best == null ? loss : Math.min(best, loss);
        }
        d.gd().add(best);
      } else {
        d.gd().add(null);
      }
    }
    return d;
  }

  /** The objective GD reaches, or null when it diverges (the point is then left out of the plot). */
  private static Double trainOrNull(DeepUfm m, int steps, long seed) {
    try {
      return new Trainer(TrainConfig.gd(0.5, steps, 0, seed)).train(m).finalLoss();
    } catch (DivergenceException e) {
      return null;
    }
  }

  public static Figure write(Path dir, boolean quick, long seed) throws IOException {
    Data d = compute(6, quick ? 4 : 5, quick ? 2500 : 6000, seed);
    XYChart chart = new XYChartBuilder().width(800).height(560)
        .title(String.format(Locale.ROOT, "Deep UFM: DNC vs low-rank loss vs depth (K = %d, n = %d, lambda = %.0e)",
            K, N_PER_CLASS, LAMBDA))
        .xAxisTitle("depth L").yAxisTitle("L-DUFM objective").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setYAxisDecimalPattern("0.000");
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.getStyler().setMarkerSize(9);
    chart.addSeries("DNC (closed form)", d.depths(), d.dnc()).setMarker(SeriesMarkers.CIRCLE);
    List<Integer> lx = new ArrayList<>();
    List<Double> ly = new ArrayList<>();
    List<Integer> gx = new ArrayList<>();
    List<Double> gy = new ArrayList<>();
    for (int i = 0; i < d.depths().size(); i++) {
      if (d.lowRank().get(i) != null) {
        lx.add(d.depths().get(i));
        ly.add(d.lowRank().get(i));
      }
      if (d.gd().get(i) != null) {
        gx.add(d.depths().get(i));
        gy.add(d.gd().get(i));
      }
    }
    if (!lx.isEmpty()) {
      chart.addSeries("low-rank construction", lx, ly).setMarker(SeriesMarkers.SQUARE);
    }
    XYSeries g = chart.addSeries("GD (trained DeepUfm)", gx, gy);
    g.setMarker(SeriesMarkers.DIAMOND);
    g.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    addWindowSeries(chart, d);
    return new Figure("dufm_depth", "DNC vs low-rank loss vs depth",
        String.format(Locale.ROOT, "L-DUFM with K = %d, n = %d per class, lambda = %.0e for every layer and H_1."
            + " [DUFM]: no construction of this family beats DNC for L <= 2; for deeper models the low-rank"
            + " (T(4)/Kneser) construction can reach a lower loss (an upper bound on the optimum, not the optimum)."
            + " Here it is below DNC at L = %s. Markers: best objective reached by GD from 3 random starts (a"
            + " local method may stop above the global optimum). Values (L: DNC / low-rank / GD): %s."
            + " Right axis (dufm.lambda_window): at the lambda where DNC collapses to the zero solution (loss 1/2,"
            + " dashed) the construction is still below 1/2 at L = %s, so a window of lambdas exists where DNC"
            + " is trivial and the low-rank solution is not; values %s. At L = 2 no construction of the family"
            + " beats DNC here (T(4) only ties); for K >= 10 it does once C_DNC/C*(2) > 0.74, the boundary of"
            + " dufm.l2_dnc_unbeaten (reports/FINDINGS.md). For K = 2 DNC is the optimum with the DNC1-3"
            + " structure (dufm.binary_dnc1..3, study dufm.binary).",
            K, N_PER_CLASS, LAMBDA, belowDnc(d), values(d), windowDepths(d), windowValues(d))).save(chart, dir);
  }

  /** The construction at the DNC collapse and the DNC loss 1/2 there, on a right axis. */
  private static void addWindowSeries(XYChart chart, Data d) {
    List<Integer> wx = new ArrayList<>();
    List<Double> wy = new ArrayList<>();
    for (int i = 0; i < d.depths().size(); i++) {
      if (d.lowRankAtCollapse().get(i) != null) {
        wx.add(d.depths().get(i));
        wy.add(d.lowRankAtCollapse().get(i));
      }
    }
    if (wx.isEmpty()) {
      return;
    }
    XYSeries half = chart.addSeries("DNC at its collapse lambda_c(L): 1/2 (right axis)", d.depths(),
        d.depths().stream().map(x -> 0.5).toList());
    half.setYAxisGroup(1);
    half.setMarker(SeriesMarkers.NONE);
    half.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 4f}, 0f));
    XYSeries w = chart.addSeries("low-rank at lambda_c(L) (right axis)", wx, wy);
    w.setYAxisGroup(1);
    w.setMarker(SeriesMarkers.TRIANGLE_UP);
    chart.setYAxisGroupTitle(1, "objective at lambda = lambda_c(L)");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    double top = Math.max(0.5, wy.stream().mapToDouble(Double::doubleValue).max().orElse(0.5));
    chart.getStyler().setYAxisMax(1, top + 0.01);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
  }

  /** The depths at which the construction at the DNC collapse is below 1/2, e.g. "4, 5, 6" (or "no depth"). */
  static String windowDepths(Data d) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.depths().size(); i++) {
      Double w = d.lowRankAtCollapse().get(i);
      if (w != null && w < 0.5) {
        out.add(String.valueOf(d.depths().get(i)));
      }
    }
    return out.isEmpty() ? "no depth" : String.join(", ", out);
  }

  private static String windowValues(Data d) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.depths().size(); i++) {
      out.add(String.format(Locale.ROOT, "%d: %s", d.depths().get(i), num(d.lowRankAtCollapse().get(i))));
    }
    return String.join("; ", out);
  }

  /** The depths at which the construction is strictly below DNC, e.g. "4, 5, 6" (or "no depth"). */
  static String belowDnc(Data d) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.depths().size(); i++) {
      if (d.lowRank().get(i) != null && d.lowRank().get(i) < d.dnc().get(i)) {
        out.add(String.valueOf(d.depths().get(i)));
      }
    }
    return out.isEmpty() ? "no depth" : String.join(", ", out);
  }

  private static String values(Data d) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.depths().size(); i++) {
      out.add(String.format(Locale.ROOT, "%d: %s / %s / %s", d.depths().get(i), num(d.dnc().get(i)),
          num(d.lowRank().get(i)), num(d.gd().get(i))));
    }
    return String.join("; ", out);
  }

  private static String num(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
