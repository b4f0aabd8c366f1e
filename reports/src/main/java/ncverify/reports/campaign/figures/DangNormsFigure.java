package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.model.DeepLinearUfm;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.Trainer;
import ncverify.theory.geometry.DeepLinearScalarProblem;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * [DLN] Thm 3.1 (docs/theory.md section 3): class-mean norms ||hbar_k|| of the free features vs class size
 * n_k at the global optimum of the deep linear UFM ({@link DeepLinearUfmOptimum}) and after GD on
 * {@link DeepLinearUfm}; class k collapses (hbar_k = 0) iff b/n_k &gt;= c*(M) =
 * {@link DeepLinearScalarProblem#collapseThreshold}, i.e. n_k &lt;= n* = b/c*(M), marked on the plot.
 */
public final class DangNormsFigure {

  /** Class sizes, theory and trained norms, and the threshold n*. */
  public record Data(int[] sizes, double[] theory, double[] trained, double threshold, int depth) {
  }

  /** Class sizes of the figure: a long tail of 6 classes. */
  static final int[] SIZES = {24, 16, 10, 6, 3, 1};
  static final int DEPTH = 2;
  static final double LAMBDA_W = 1.5e-2;
  static final double LAMBDA_H = 1.5e-2;

  private DangNormsFigure() {
  }

  public static Data compute(int steps, long seed) {
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(SIZES, DEPTH, LAMBDA_W, LAMBDA_H);
    int k = SIZES.length;
    DeepLinearUfm model = DeepLinearUfm.builder(k + 2, DEPTH, ClassSizes.of(SIZES).sortedLabels(), k)
        .lambdaW(LAMBDA_W).lambdaH(LAMBDA_H).initStd(0.3).seed(seed).build();
    new Trainer(TrainConfig.gd(1.0, steps, 0, seed)).train(model);
    DMatrixRMaj h = model.featuresEntering(1);
    int[] y = model.labels();
    double[] trained = new double[k];
    for (int c = 0; c < k; c++) {
      double[] mean = new double[h.numRows];
      int n = 0;
      for (int i = 0; i < y.length; i++) {
        if (y[i] == c) {
          n++;
          for (int r = 0; r < h.numRows; r++) {
            mean[r] += h.get(r, i);
          }
        }
      }
      double sq = 0;
      for (double v : mean) {
        sq += (v / n) * (v / n);
      }
      trained[c] = Math.sqrt(sq);
    }
    return new Data(SIZES.clone(), opt.classMeanNorms(), trained,
        opt.b() / DeepLinearScalarProblem.collapseThreshold(DEPTH), DEPTH);
  }

  public static Figure write(Path dir, boolean quick, long seed) throws IOException {
    Data d = compute(quick ? 3000 : 10000, seed);
    List<Double> n = new ArrayList<>();
    List<Double> th = new ArrayList<>();
    List<Double> tr = new ArrayList<>();
    double max = 0;
    for (int c = 0; c < d.sizes().length; c++) {
      n.add((double) d.sizes()[c]);
      th.add(d.theory()[c]);
      tr.add(d.trained()[c]);
      max = Math.max(max, Math.max(d.theory()[c], d.trained()[c]));
    }
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title(String.format(Locale.ROOT, "Minority collapse, deep linear UFM (K = %d, M = %d, lambda = %.1e)", d.sizes().length, d.depth(), LAMBDA_W))
        .xAxisTitle("class size n_k").yAxisTitle("||class mean of H||").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setMarkerSize(11);
    chart.addSeries("theory (global optimum)", n, th).setMarker(SeriesMarkers.CIRCLE);
    XYSeries s = chart.addSeries("trained (GD)", n, tr);
    s.setMarker(SeriesMarkers.CROSS);
    s.setMarkerColor(java.awt.Color.RED);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.addSeries(String.format(Locale.ROOT, "collapse threshold n* = %.2f", d.threshold()),
        List.of(d.threshold(), d.threshold()), List.of(0.0, max * 1.1)).setMarker(SeriesMarkers.NONE);
    return new Figure("dang_norms", "Minority collapse: class-mean norms vs class size",
        String.format(Locale.ROOT, "Deep linear UFM, M = %d layers, lambda_W = lambda_H = %.1e, class sizes %s."
            + " [DLN] Thm 3.1: classes with n_k <= n* = b/c*(M) collapse to a zero class mean; larger classes"
            + " have ||hbar_k|| = sigma_k/(sigma_k^2 + N lambda_H). Markers: GD from a random start.", d.depth(),
            LAMBDA_W, java.util.Arrays.toString(d.sizes()))).save(chart, dir);
  }
}
