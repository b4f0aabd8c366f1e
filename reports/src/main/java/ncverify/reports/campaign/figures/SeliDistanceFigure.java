package ncverify.reports.campaign.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ncverify.theory.linalg.blas.Backends;
import ncverify.impl.data.ClassSizes;
import ncverify.properties.seli.CeUfmSolver;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.geometry.seli.ClassLogitGeometry;
import ncverify.theory.geometry.seli.SeliSecondOrder;
import ncverify.theory.linalg.Norms;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Distance to the SELI geometry, and to the simplex ETF, vs lambda for several imbalance ratios R ([SELI],
 * docs/theory.md section 2):
 * the bias-free CE UFM min CE(W H) + (lambda/2)(||W||^2 + ||H||^2) on (R, rho)-STEP classes is solved
 * along a decreasing ridge path by {@link CeUfmSolver} (each lambda warm-started from the previous
 * solution, certified stationary), and the plotted distance is ndist(W W^T, G_W) =
 * || W W^T/||W W^T||_F - G_W/||G_W||_F ||_F with G_W = {@link SeliGeometry#gramW()}, next to ndist(W W^T,
 * ETF) ({@link SimplexEtf#gram(int)}) and the second-order prediction of {@link SeliSecondOrder}. SELI is the
 * lambda -&gt; 0 limit, approached only like ~1/log(1/lambda); balanced classes (R = 1) give the
 * simplex ETF, at distance exactly 0 for every lambda. The x axis carries log10(lambda), labelled by lambda.
 */
public final class SeliDistanceFigure {

  /**
   * One ratio: lambdas, ndist(W W^T, SELI), ndist(W W^T, simplex ETF), the second-order prediction of the
   * distance to SELI, whether every point was certified stationary.
   */
  public record Curve(double ratio, List<Double> lambdas, List<Double> distances, List<Double> etfDistances,
      List<Double> predicted, boolean converged) {
  }

  /** Number of classes (docs/theory.md's reference case). */
  public static final int K = 4;
  /** Feature dimension (docs/theory.md's reference case). */
  public static final int D = 16;
  /** Minority fraction rho of the STEP imbalance. */
  public static final double RHO = 0.5;
  /** Minority class size n_min. */
  public static final int N_MIN = 5;
  /** Init std of W and H at the first lambda (as in the SELI study). */
  static final double INIT_STD = 0.1;
  /** Ratios plotted. */
  static final double[] RATIOS = {2, 5, 10};

  private SeliDistanceFigure() {
  }

  /** The solver of the figure: 500-step chunks, 400k steps per lambda, relative stationarity 1e-4. */
  static CeUfmSolver solver() {
    return new CeUfmSolver(500, 400_000, CeUfmSolver.DEFAULT_REL_TOL, Backends.best());
  }

  /** Solves the ridge path {@code lambdas} (decreasing) for ratio {@code r} and measures ndist(W W^T, G_W). */
  public static Curve curve(double r, double[] lambdas, long seed) {
    int[] sizes = ClassSizes.step(K, r, RHO, N_MIN).toArray();
    SeliGeometry geometry = SeliGeometry.of(sizes);
    int[] labels = geometry.selMatrix().labels();
    DMatrixRMaj gram = geometry.gramW();
    DMatrixRMaj etf = SimplexEtf.gram(K);
    SeliSecondOrder second = SeliSecondOrder.of(sizes);
    CeUfmSolver solver = solver();
    List<Double> ls = new ArrayList<>();
    List<Double> ds = new ArrayList<>();
    List<Double> es = new ArrayList<>();
    List<Double> ps = new ArrayList<>();
    boolean converged = true;
    CeUfmSolver.Solution s = null;
    for (double lambda : lambdas) {
      s = solver.solve(D, labels, K, lambda, s, INIT_STD, seed);
      DMatrixRMaj wwt = new DMatrixRMaj(K, K);
      CommonOps_DDRM.multTransB(s.w(), s.w(), wwt);
      ls.add(lambda);
      ds.add(Norms.ndist(wwt, gram, "W W^T", "G_W"));
      es.add(Norms.ndist(wwt, etf, "W W^T", "ETF"));
      ps.add(Norms.ndist(ClassLogitGeometry.of(sizes, second.classLogits(lambda)).gramW(), gram));
      converged &= s.converged();
    }
    return new Curve(r, List.copyOf(ls), List.copyOf(ds), List.copyOf(es), List.copyOf(ps), converged);
  }

  /** One curve per ratio. */
  public static List<Curve> compute(double[] ratios, double[] lambdas, long seed) {
    List<Curve> out = new ArrayList<>();
    for (double r : ratios) {
      out.add(curve(r, lambdas, seed));
    }
    return out;
  }

  /** The ridge path 1e-1..1e-5 (docs/theory.md's reference range): decades (quick) or half decades. */
  static double[] lambdas(boolean quick) {
    return quick ? new double[] {1e-1, 1e-2, 1e-3, 1e-4, 1e-5}
        : new double[] {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5};
  }

  public static Figure write(Path dir, boolean quick, long seed) throws IOException {
    double[] lambdas = lambdas(quick);
    List<Curve> curves = compute(RATIOS, lambdas, seed);
    XYChart chart = new XYChartBuilder().width(800).height(560)
        .title("W W^T to SELI and to the simplex ETF vs lambda (CE UFM, K = 4, STEP, n_min = 5)")
        .xAxisTitle("weight decay lambda (log scale)").yAxisTitle("ndist(W W^T, .)").build();
    XYStyler st = chart.getStyler();
    st.setxAxisTickLabelsFormattingFunction(SeliDistanceFigure::lambdaLabel);
    st.setYAxisDecimalPattern("0.00");
    st.setYAxisMin(0.0);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setMarkerSize(7);
    boolean allConverged = true;
    StringBuilder values = new StringBuilder();
    Color[] colors = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};
    int ci = 0;
    for (Curve c : curves) {
      Color color = colors[ci++ % colors.length];
      List<Double> x = c.lambdas().stream().map(Math::log10).toList();
      XYSeries seli = chart.addSeries(String.format(Locale.ROOT, "R = %.0f: to SELI", c.ratio()), x, c.distances());
      seli.setMarker(SeriesMarkers.CIRCLE);
      seli.setLineColor(color);
      seli.setMarkerColor(color);
      XYSeries etf = chart.addSeries(String.format(Locale.ROOT, "R = %.0f: to ETF", c.ratio()), x, c.etfDistances());
      etf.setMarker(SeriesMarkers.DIAMOND);
      etf.setLineStyle(SeriesLines.DASH_DASH);
      etf.setLineColor(color);
      etf.setMarkerColor(color);
      XYSeries pred = chart.addSeries(String.format(Locale.ROOT, "R = %.0f: second-order rate", c.ratio()), x,
          c.predicted());
      pred.setMarker(SeriesMarkers.NONE);
      pred.setLineStyle(SeriesLines.DOT_DOT);
      pred.setLineColor(color);
      allConverged &= c.converged();
      int last = c.distances().size() - 1;
      values.append(String.format(Locale.ROOT, "%sR = %.0f: SELI %.3f -> %.3f (predicted %.3f), ETF %.3f -> %.3f",
          values.length() == 0 ? "" : "; ", c.ratio(), c.distances().get(0), c.distances().get(last),
          c.predicted().get(last), c.etfDistances().get(0), c.etfDistances().get(last)));
    }
    st.setYAxisMax(Math.ceil(maxDistance(curves) * 1.1 / 0.05) * 0.05);
    return new Figure("seli_distance", "Distance to SELI vs lambda",
        String.format(Locale.ROOT, "Cross-entropy UFM (K = 4, d = 16, bias-free) on (R, 1/2)-STEP classes with"
            + " n_min = 5, solved along decreasing weight decay lambda = %s..%s (each lambda warm-started from the"
            + " previous solution and run to relative stationarity 1e-4%s). Plotted: normalized Frobenius"
            + " distance of W W^T to the SELI Gram G_W (solid), to the simplex ETF of balanced neural collapse"
            + " (dashed), and the second-order prediction of the distance to SELI (dotted, docs/theory.md section 2;"
            + " %s). [SELI]: the regularized solutions approach SELI as lambda -> 0, but only like"
            + " ~1/log(1/lambda), and more slowly for larger R, while they stay away from the ETF. Balanced classes"
            + " (R = 1) give the simplex ETF = SELI at every lambda: distance exactly 0, not drawn.",
            fmt(lambdas[0]), fmt(lambdas[lambdas.length - 1]),
            allConverged ? ", reached at every point" : "; NOT reached at some points", values)).save(chart, dir);
  }

  private static double maxDistance(List<Curve> curves) {
    double m = 0;
    for (Curve c : curves) {
      for (double v : c.etfDistances()) {
        m = Math.max(m, v);
      }
      for (double v : c.distances()) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  /**
   * Tick label at t = log10(lambda) (the x axis carries log10 lambda, XChart's log axis cannot format
   * small decades): "0.1", "0.01", "0.001", then "1e-4", "1e-5"; blank between decades.
   */
  static String lambdaLabel(double t) {
    if (Math.abs(t - Math.rint(t)) > 1e-6) {
      return "";
    }
    double v = Math.pow(10, Math.rint(t));
    if (v >= 1e-3) {
      return new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v);
    }
    String[] parts = String.format(Locale.ROOT, "%.0e", v).split("e");
    return parts[0] + "e" + Integer.parseInt(parts[1]);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0e", v);
  }
}
