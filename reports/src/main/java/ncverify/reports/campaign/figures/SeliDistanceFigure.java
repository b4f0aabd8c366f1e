package ncverify.reports.campaign.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.impl.data.ClassSizes;
import ncverify.impl.loss.Loss;
import ncverify.impl.loss.Normalization;
import ncverify.impl.model.Ufm;
import ncverify.impl.train.TrainConfig;
import ncverify.impl.train.Trainer;
import ncverify.reports.check.ModelCheck;
import ncverify.theory.geometry.SeliGeometry;
import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Distance to the SELI geometry vs lambda for several imbalance ratios R ([SELI], THEORY.md section 2):
 * a UFM with cross-entropy is trained by GD along decreasing lambdas, each run warm-started from
 * the previous one; the distance is
 * || W W^T/||W W^T||_F - G_W/||G_W||_F ||_F with G_W = {@link SeliGeometry#gramW()} of the (R, 1/2)-STEP
 * class sizes. SELI is the limit lambda -> 0 of the regularized solutions, so the distance should fall
 * with lambda (at a fixed training budget, the smallest lambdas are not fully converged).
 */
public final class SeliDistanceFigure {

  /** One curve: ratio R, lambdas, distances. */
  public record Curve(double ratio, List<Double> lambdas, List<Double> distances) {
  }

  private static final int K = 4;
  private static final int D = 8;

  private SeliDistanceFigure() {
  }

  /** Normalized Frobenius distance between W W^T and the SELI Gram matrix ({@link ModelCheck#distanceToSeli}). */
  public static double distance(DMatrixRMaj w, DMatrixRMaj gramW) {
    return ModelCheck.distanceToSeli(w, gramW);
  }

  public static List<Curve> compute(double[] ratios, double[] lambdas, int steps, long seed) {
    List<Curve> out = new ArrayList<>();
    for (double r : ratios) {
      ClassSizes sizes = ClassSizes.step(K, r, 0.5, 2);
      DMatrixRMaj gram = SeliGeometry.of(sizes.toArray()).gramW();
      Curve c = new Curve(r, new ArrayList<>(), new ArrayList<>());
      Ufm previous = null;
      for (double lambda : lambdas) {
        Ufm ufm = Ufm.builder(D, sizes.sortedLabels(), K).loss(Loss.crossEntropy()).normalization(Normalization.MEAN)
            .lambda(lambda).initStd(0.3).seed(seed).build();
        if (previous != null) {
          warmStart(ufm, previous);
        }
        new Trainer(TrainConfig.gd(0.5, steps, 0, seed)).train(ufm);
        previous = ufm;
        c.lambdas().add(lambda);
        c.distances().add(Math.max(1e-6, distance(ufm.weight(1), gram)));
      }
      out.add(c);
    }
    return out;
  }

  /** Starts {@code to} from the parameters of {@code from} (the previous, larger lambda on the path). */
  private static void warmStart(Ufm to, Ufm from) {
    for (int i = 0; i < to.parameters().size(); i++) {
      double[] src = from.parameters().get(i).value();
      System.arraycopy(src, 0, to.parameters().get(i).value(), 0, src.length);
    }
  }

  public static Figure write(Path dir, boolean quick, long seed) throws IOException {
    double[] lambdas = quick ? new double[] {1e-1, 1e-2, 1e-3} : new double[] {1e-1, 3e-2, 1e-2, 3e-3, 1e-3};
    List<Curve> curves = compute(new double[] {1, 5, 10}, lambdas, quick ? 1500 : 4000, seed);
    XYChart chart = new XYChartBuilder().width(800).height(500).title("Distance to SELI vs lambda (UFM, CE)")
        .xAxisTitle("lambda").yAxisTitle("||WW^T - G_W|| (normalized)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    for (Curve c : curves) {
      chart.addSeries(String.format(Locale.ROOT, "R = %.0f", c.ratio()), c.lambdas(), c.distances());
    }
    return new Figure("seli_distance", "Distance to SELI vs lambda",
        "UFM (K = 4, d = 8, cross-entropy) trained by GD on (R, 1/2)-STEP imbalanced classes with n_min = 2,"
            + " along decreasing weight decay lambda (each run warm-started from the previous one). [SELI]: the"
            + " regularized solutions approach the SELI geometry as lambda -> 0 (R = 1 is the simplex ETF, reached"
            + " at every lambda). Distances below 1e-6 are drawn at 1e-6; at a fixed step budget the largest"
            + " ratios are not fully converged at the smallest lambdas.").save(chart, dir);
  }
}
