package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.data.Dataset;
import ncverify.impl.data.GaussianMixture;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Mlp;
import ncverify.impl.model.Model;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.TrainResult;
import ncverify.impl.train.Trainer;
import ncverify.impl.train.TrajectoryPoint;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.MetricsReport;
import ncverify.theory.metrics.NcMetrics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * NC1 (within/between variability), NC2 (nc2_ortho_means: distance of the uncentred class-mean Gram
 * Mbar^T Mbar to an orthogonal frame of equal norms, the bias-free MSE geometry) and NC3
 * (nc3_uncentered: ndist(W_L^T, Mbar)) of the penultimate layer vs epoch, for a bias-free MLP (ReLU
 * block + linear head, MSE, weight decay) trained with SGD on a balanced Gaussian mixture; a
 * {@link ncverify.impl.train.TrajectoryProbe} measures the metrics of docs/theory.md section 1 at each
 * recorded point ([JSWM]: collapse emerges with training under weight decay). The metrics are plotted
 * as log10 values on a linear axis whose tick labels show the values themselves.
 */
public final class NcTrajectoryFigure {

  /** The series: epoch and the three metrics. */
  public record Data(List<Double> epochs, List<Double> nc1, List<Double> nc2, List<Double> nc3, double finalLoss) {
  }

  private NcTrajectoryFigure() {
  }

  /** Trains the MLP ({@code steps} SGD steps) and records NC1-NC3. */
  public static Data compute(int steps, long seed) {
    return compute(steps, LR, LAMBDA, seed);
  }

  /** SGD step size. */
  static final double LR = 0.01;
  /** Weight decay. */
  static final double LAMBDA = 5e-3;

  static Data compute(int steps, double lr, double lambda, long seed) {
    Dataset data = new GaussianMixture(10, 2.0, 0.5, ClassSizes.balanced(4, 16), seed).generate();
    Mlp mlp = Mlp.builder(data.x(), data.labels(), data.k()).nonlinearWidths(32).linearHiddenWidths(16)
        .normalization(Normalization.MEAN).lambda(lambda).seed(seed).build();
    TrainResult r = new Trainer(TrainConfig.sgd(lr, 0.9, 16, steps, Math.max(1, steps / 40), seed),
        NcTrajectoryFigure::probe).train(mlp);
    Data d = new Data(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), r.finalLoss());
    for (TrajectoryPoint p : r.trajectory()) {
      d.epochs().add(p.epoch());
      d.nc1().add(positive(p.probes().get("nc1")));
      d.nc2().add(positive(p.probes().get("nc2")));
      d.nc3().add(positive(p.probes().get("nc3")));
    }
    return d;
  }

  static Map<String, Double> probe(Model m) {
    MetricsReport rep = NcMetrics.measure(LabeledFeatures.of(m.penultimateFeatures(), m.labels()),
        m.weight(m.depth()), null, List.of());
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("nc1", rep.nc1());
    out.put("nc2", rep.nc2OrthoMeans());
    out.put("nc3", rep.nc3Uncentered().orElseThrow());
    return out;
  }

  /** Floor of the plotted values (log10 of 0 is undefined). */
  static final double FLOOR = 1e-12;

  private static double positive(Double v) {
    return Math.max(v, FLOOR);
  }

  /** log10 of every value. */
  static List<Double> log10(List<Double> v) {
    return v.stream().map(Math::log10).toList();
  }

  /** Tick label of the log10 value {@code t}: the value 10^t, e.g. "0.01", "0.3", "1e-05". */
  static String tickLabel(double t) {
    double v = Math.pow(10, t);
    if (Math.abs(t - Math.rint(t)) < 1e-9) {
      v = Math.pow(10, Math.rint(t));
    }
    if (v >= 1e-3 && v < 1e4) {
      return new java.text.DecimalFormat("0.####", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))
          .format(Double.parseDouble(String.format(Locale.ROOT, "%.2g", v)));
    }
    return String.format(Locale.ROOT, "%.1g", v);
  }

  public static Figure write(Path dir, boolean quick, long seed) throws IOException {
    Data d = compute(quick ? 2000 : 10000, seed);
    XYChart chart = new XYChartBuilder().width(800).height(500)
        .title("Neural collapse during training (bias-free MLP 10-32-16-4, MSE, lambda = 5e-3, K = 4)")
        .xAxisTitle("epoch").yAxisTitle("metric (log scale)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(NcTrajectoryFigure::tickLabel);
    chart.addSeries("NC1 (within/between)", d.epochs(), log10(d.nc1()));
    chart.addSeries("NC2 (means vs orthogonal frame)", d.epochs(), log10(d.nc2()));
    chart.addSeries("NC3 (W_L^T vs means)", d.epochs(), log10(d.nc3()));
    int last = d.epochs().size() - 1;
    return new Figure("nc_vs_epoch", "NC1-NC3 vs epoch",
        String.format(Locale.ROOT, "Bias-free MLP (input 10, ReLU layer of width 32, linear layer 16, linear"
            + " head 4; MSE with mean normalization, weight decay lambda = 5e-3) trained with SGD (lr 0.01, momentum"
            + " 0.9, batch 16) on a"
            + " balanced 4-class Gaussian mixture in R^10 (16 samples per class, centre separation 2, noise std"
            + " 0.5); final objective %.4g. Metrics of the penultimate (16-dim) features, docs/theory.md section 1:"
            + " NC1 = tr(Sigma_W Sigma_B^+)/K, NC2 = nc2_ortho_means (distance of the class-mean Gram to an"
            + " orthogonal frame of equal norms, the bias-free MSE geometry), NC3 = nc3_uncentered"
            + " (ndist(W_L^T, class means)). From epoch %.0f to %.0f: NC1 %.3g -> %.3g, NC2 %.3g -> %.3g, NC3"
            + " %.3g -> %.3g. [JSWM] predicts collapse once the fit and the head's balancedness are good%s.",
            d.finalLoss(), d.epochs().get(0), d.epochs().get(last), d.nc1().get(0), d.nc1().get(last),
            d.nc2().get(0), d.nc2().get(last), d.nc3().get(0), d.nc3().get(last),
            d.nc2().get(last) > 0.5 * d.nc2().get(0) ? String.format(Locale.ROOT, "; here NC2 stays near %.2f: within"
                + " this budget the class means do not approach an orthogonal frame of equal norms (NC2 is not"
                + " reached; NC1 and NC3 fall)", d.nc2().get(last)) : "")).save(chart, dir);
  }
}
