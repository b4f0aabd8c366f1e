package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * NC1, NC2 (distance of the centred class means to a simplex ETF) and NC3 (alignment of W_L with the
 * class means) of the penultimate layer vs epoch, for an MLP (ReLU block + linear head, MSE, weight
 * decay) trained with SGD on a balanced Gaussian mixture; a {@link ncverify.impl.train.TrajectoryProbe}
 * measures the metrics of THEORY.md section 1 at each recorded point ([JSWM]: collapse emerges with
 * training under weight decay).
 */
public final class NcTrajectoryFigure {

  /** The series: epoch and the three metrics. */
  public record Data(List<Double> epochs, List<Double> nc1, List<Double> nc2, List<Double> nc3, double finalLoss) {
  }

  private NcTrajectoryFigure() {
  }

  /** Trains the MLP ({@code steps} SGD steps) and records NC1-NC3. */
  public static Data compute(int steps, long seed) {
    Dataset data = new GaussianMixture(10, 2.0, 0.5, ClassSizes.balanced(4, 16), seed).generate();
    Mlp mlp = Mlp.builder(data.x(), data.labels(), data.k()).nonlinearWidths(32).linearHiddenWidths(16)
        .normalization(Normalization.MEAN).lambda(5e-3).seed(seed).build();
    TrainResult r = new Trainer(TrainConfig.sgd(0.01, 0.9, 16, steps, Math.max(1, steps / 40), seed),
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
    out.put("nc2", rep.nc2EtfMeans());
    out.put("nc3", rep.nc3().orElseThrow());
    return out;
  }

  private static double positive(Double v) {
    return Math.max(v, 1e-12);
  }

  public static Figure write(Path dir, boolean quick, long seed) throws IOException {
    Data d = compute(quick ? 400 : 1500, seed);
    XYChart chart = new XYChartBuilder().width(800).height(500).title("Neural collapse during training (MLP)")
        .xAxisTitle("epoch").yAxisTitle("metric (log scale)").build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(3);
    chart.addSeries("NC1 (within/between)", d.epochs(), d.nc1());
    chart.addSeries("NC2 (ETF distance of means)", d.epochs(), d.nc2());
    chart.addSeries("NC3 (W vs means)", d.epochs(), d.nc3());
    return new Figure("nc_vs_epoch", "NC1-NC3 vs epoch",
        String.format(java.util.Locale.ROOT, "MLP (ReLU 32, linear 16-4, MSE, lambda 5e-3) trained with SGD on a"
            + " balanced 4-class Gaussian mixture (final objective %.4g). The metrics of the penultimate layer fall"
            + " as training proceeds; [JSWM] predicts collapse once the fit and the head's balancedness are good.",
            d.finalLoss())).save(chart, dir);
  }
}
