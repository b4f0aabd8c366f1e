package ncverify.theory.claims.ufm;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Measurement;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.geometry.StepImbalance;
import ncverify.theory.geometry.seli.ClassLogitGeometry;
import ncverify.theory.geometry.seli.NuclearNormCeOptimum;
import ncverify.theory.geometry.seli.NuclearNormCeOptimum.Observable;
import ncverify.theory.geometry.seli.SeliSecondOrder;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.Svd;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Everything the [SELI] limit claims ({@link SeliLimitClaim} and its subclasses) read, measured on a ridge
 * path of a trained cross-entropy UFM (docs/theory.md section 2, docs/derivations/seli.md). For each ridge
 * lambda_i the caller gives the trained W (K x d), H (d x N), the labels, the run's relative stationarity
 * r_i = ||grad F|| / (lambda ||(W, H)||) and whether the run was certified; this class solves the
 * reduced convex problem at lambda_i ({@link NuclearNormCeOptimum}, warm-started along the path; an
 * uncertified reference makes every claim not applicable instead of failing the try),
 * evaluates the second-order expansion ({@link SeliSecondOrder}) and measures, for the classifier Gram
 * ({@code w}), logits ({@code logits}), feature Gram ({@code feature}), class-mean Gram ({@code class_mean})
 * and spectrum ({@code spectrum}), the distances to the certified optimum, to SELI and of the
 * prediction to SELI, plus the condition numbers and within-class terms of the certificate tolerance.
 * Products are K x N or smaller (the N x N feature Gram is never formed: ||H^T H|| = ||H H^T|| and
 * &lt;H^T H, Y^T B Y&gt; = &lt;C^T C, B&gt; with C = H Y^T the class sums).
 */
public final class SeliMeasurement {

  /**
   * One trained point of the path.
   *
   * @param lambda ridge
   * @param w classifier K x d
   * @param h features d x N
   * @param relativeGradient ||grad F|| / (lambda ||(W, H)||)
   * @param certified whether the run passed its stationarity and dual-certificate checks
   */
  public record Point(double lambda, DMatrixRMaj w, DMatrixRMaj h, double relativeGradient, boolean certified) {
  }

  /** Object prefixes in the order of {@link #OBJECTS}. */
  public static final List<String> OBJECTS = List.of(SeliConvergenceClaim.OBJECT, SeliLogitsClaim.OBJECT,
      SeliFeatureGramClaim.OBJECT, SeliClassMeanGramClaim.OBJECT, SeliStepSpectrumClaim.OBJECT);

  private final Measurement measurement;
  private final Map<String, double[]> series = new LinkedHashMap<>();

  private SeliMeasurement(int[] sizes, int[] labels, List<Point> points) {
    int k = sizes.length;
    int m = points.size();
    if (m < 1) {
      throw new InvalidInputException("a SELI path needs at least one ridge");
    }
    boolean balanced = Arrays.stream(sizes).distinct().count() == 1;
    boolean step = Arrays.stream(sizes).distinct().count() == 2;
    SeliSecondOrder so = SeliSecondOrder.of(sizes);
    ClassLogitGeometry seli = ClassLogitGeometry.seli(sizes);
    double[] seliSpectrum = step ? stepSpectrum(sizes) : seli.spectrum();
    DMatrixRMaj etf = SimplexEtf.gram(k);
    double delta = k >= 3 ? Norms.ndist(seli.gramW(), etf) : 0.0;
    Measurement.Builder b = Measurement.builder().put(SeliLimitClaim.POINTS, m).put(SeliLimitClaim.K, k)
        .flag(SeliLimitClaim.IMBALANCED, !balanced).put(SeliLimitClaim.MIN_MULTIPLIER, so.minMultiplier())
        .flag(SeliStepSpectrumClaim.STEP, step).put(SeliConvergenceClaim.DELTA, delta);
    boolean converged = true;
    boolean referenceCertified = true;
    NuclearNormCeOptimum warm = null;
    for (String o : OBJECTS) {
      for (String kind : List.of("dist", "pred", "cert_dist", "tau", "kappa")) {
        series.put(o + "_" + kind, new double[m]);
      }
    }
    series.put("w_etf_dist", new double[m]);
    series.put("minority_norm_ratio", new double[m]);
    for (int i = 0; i < m; i++) {
      Point p = points.get(i);
      int idx = i + 1;
      converged &= p.certified();
      NuclearNormCeOptimum opt = NuclearNormCeOptimum.attempt(sizes, p.lambda(), warm);
      warm = opt;
      referenceCertified &= opt.certified();
      ClassLogitGeometry star = opt.geometry();
      ClassLogitGeometry pred = so.exists() && p.lambda() < 1 ? ClassLogitGeometry.of(sizes, so.classLogits(p.lambda()))
          : star;
      Trained t = new Trained(p.w(), p.h(), labels, sizes);
      b.put(SeliLimitClaim.lambdaName(idx), p.lambda()).put(SeliLimitClaim.relGradName(idx), p.relativeGradient());

      // classifier Gram
      put(b, SeliConvergenceClaim.OBJECT, idx, Norms.ndist(t.gramW, star.gramW()), Norms.ndist(t.gramW, seli.gramW()),
          Norms.ndist(pred.gramW(), seli.gramW()), opt.kappa(Observable.GRAM_W), 0.0);
      double etfDist = Norms.ndist(t.gramW, etf);
      b.put(SeliConvergenceClaim.etfDistName(idx), etfDist);
      series.get("w_etf_dist")[i] = etfDist;
      // logits, represented by class logit matrices M (X = M Y)
      put(b, SeliLogitsClaim.OBJECT, idx, t.logitDistance(opt.classLogits()), t.logitDistance(centering(k)),
          Norms.ndist(pred.weightedLogits(), seli.weightedLogits()), opt.kappa(Observable.LOGITS),
          2 * Norms.op(p.w()) * t.withinNorm / t.logitNorm);
      // feature Gram, through Y^T G_M Y
      put(b, SeliFeatureGramClaim.OBJECT, idx, t.featureGramDistance(star.classMeanGram()),
          t.featureGramDistance(seli.classMeanGram()),
          Norms.ndist(pred.weightedFeatureGram(), seli.weightedFeatureGram()), opt.kappa(Observable.FEATURE_GRAM),
          2 * (2 * t.collapsedOp * t.withinNorm + t.withinNorm * t.withinNorm) / t.featureGramNorm);
      // class-mean Gram
      put(b, SeliClassMeanGramClaim.OBJECT, idx, Norms.ndist(t.classMeanGram, star.classMeanGram()),
          Norms.ndist(t.classMeanGram, seli.classMeanGram()),
          Norms.ndist(pred.classMeanGram(), seli.classMeanGram()), opt.kappa(Observable.CLASS_MEAN_GRAM), 0.0);
      double ratio = minorityNormRatio(t.classMeanGram, sizes);
      b.put(SeliClassMeanGramClaim.normRatioName(idx), ratio);
      series.get("minority_norm_ratio")[i] = ratio;
      // spectrum of W W^T (tolerance: the classifier Gram's, see SeliStepSpectrumClaim)
      double[] spectrum = eigenvaluesDescending(t.gramW);
      put(b, SeliStepSpectrumClaim.OBJECT, idx, vectorDistance(spectrum, star.spectrum()),
          vectorDistance(spectrum, seliSpectrum), vectorDistance(pred.spectrum(), seliSpectrum),
          opt.kappa(Observable.GRAM_W), 0.0);
    }
    b.flag(SeliLimitClaim.CONVERGED, converged).flag(SeliLimitClaim.REFERENCE_CERTIFIED, referenceCertified);
    this.measurement = b.build();
    for (String o : OBJECTS) {
      SeliLimitClaim claim = claimFor(o);
      for (int i = 0; i < m; i++) {
        series.get(o + "_tau")[i] = claim.tau(measurement, i + 1);
      }
    }
  }

  /** Measures a path; {@code labels} gives the class of each column of every H. */
  public static SeliMeasurement of(int[] classSizes, int[] labels, List<Point> points) {
    return new SeliMeasurement(classSizes, labels, points);
  }

  /** The measurement every SELI limit claim reads. */
  public Measurement measurement() {
    return measurement;
  }

  /**
   * Per-ridge series for observations and plots: {@code <o>_dist}, {@code <o>_pred}, {@code <o>_cert_dist},
   * {@code <o>_tau}, {@code <o>_kappa} for each object of {@link #OBJECTS}, {@code w_etf_dist},
   * {@code minority_norm_ratio}.
   */
  public double[] series(String name) {
    double[] s = series.get(name);
    if (s == null) {
      throw InvalidInputException.of("no SELI series '%s' (have: %s)", name, series.keySet());
    }
    return s.clone();
  }

  /** The SELI claim whose object prefix is {@code object}. */
  static SeliLimitClaim claimFor(String object) {
    switch (object) {
      case SeliConvergenceClaim.OBJECT: return new SeliConvergenceClaim();
      case SeliLogitsClaim.OBJECT: return new SeliLogitsClaim();
      case SeliFeatureGramClaim.OBJECT: return new SeliFeatureGramClaim();
      case SeliClassMeanGramClaim.OBJECT: return new SeliClassMeanGramClaim();
      case SeliStepSpectrumClaim.OBJECT: return new SeliStepSpectrumClaim();
      default: throw InvalidInputException.of("unknown SELI object '%s'", object);
    }
  }

  private void put(Measurement.Builder b, String o, int idx, double certDist, double dist, double pred, double kappa,
      double within) {
    b.put(SeliLimitClaim.certDistName(o, idx), certDist).put(SeliLimitClaim.distName(o, idx), dist)
        .put(SeliLimitClaim.predName(o, idx), pred).put(SeliLimitClaim.kappaName(o, idx), kappa)
        .put(SeliLimitClaim.withinName(o, idx), within);
    series.get(o + "_cert_dist")[idx - 1] = certDist;
    series.get(o + "_dist")[idx - 1] = dist;
    series.get(o + "_pred")[idx - 1] = pred;
    series.get(o + "_kappa")[idx - 1] = kappa;
  }

  /** The closed-form (R, rho)-STEP singular values for sizes with exactly two distinct values. */
  static double[] stepSpectrum(int[] sizes) {
    int min = Arrays.stream(sizes).min().getAsInt();
    int max = Arrays.stream(sizes).max().getAsInt();
    long minority = Arrays.stream(sizes).filter(s -> s == min).count();
    return new StepImbalance(sizes.length, (double) max / min, (double) minority / sizes.length, min).singularValues();
  }

  private static DMatrixRMaj centering(int k) {
    DMatrixRMaj s = CommonOps_DDRM.identity(k);
    CommonOps_DDRM.add(s, -1.0 / k);
    return s;
  }

  /** min over pairs n_k &lt; n_j of ||mu_k|| / ||mu_j|| (infinite when every size is equal). */
  private static double minorityNormRatio(DMatrixRMaj classMeanGram, int[] sizes) {
    double min = Double.POSITIVE_INFINITY;
    for (int a = 0; a < sizes.length; a++) {
      for (int c = 0; c < sizes.length; c++) {
        if (sizes[a] < sizes[c]) {
          min = Math.min(min, Math.sqrt(classMeanGram.get(a, a) / classMeanGram.get(c, c)));
        }
      }
    }
    return min;
  }

  private static double[] eigenvaluesDescending(DMatrixRMaj sym) {
    return Svd.singularValues(sym); // symmetric PSD: singular values = eigenvalues
  }

  /** || a/||a|| - b/||b|| ||_2 of two vectors of equal length. */
  private static double vectorDistance(double[] a, double[] b) {
    return Norms.ndist(new DMatrixRMaj(a.length, 1, true, a), new DMatrixRMaj(b.length, 1, true, b));
  }

  /** The trained point's Grams and the pieces of the within-class terms. */
  private static final class Trained {
    final DMatrixRMaj gramW;
    final DMatrixRMaj classMeanGram;
    final DMatrixRMaj logits;
    final DMatrixRMaj classSums;
    final double logitNorm;
    final double withinNorm;
    final double collapsedOp;
    final double featureGramNorm;
    final int[] labels;
    final int[] sizes;

    Trained(DMatrixRMaj w, DMatrixRMaj h, int[] labels, int[] sizes) {
      int k = sizes.length;
      int d = h.numRows;
      int n = h.numCols;
      if (w.numRows != k || w.numCols != d || labels.length != n) {
        throw InvalidInputException.of("SELI point: W %dx%d, H %dx%d and %d labels do not fit K = %d", w.numRows,
            w.numCols, d, n, labels.length, k);
      }
      this.labels = labels.clone();
      this.sizes = sizes.clone();
      gramW = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransB(w, w, gramW);
      logits = new DMatrixRMaj(k, n);
      CommonOps_DDRM.mult(w, h, logits);
      logitNorm = Norms.frobenius(logits);
      classSums = new DMatrixRMaj(d, k);
      for (int i = 0; i < n; i++) {
        for (int r = 0; r < d; r++) {
          classSums.add(r, labels[i], h.get(r, i));
        }
      }
      DMatrixRMaj means = classSums.copy();
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < k; c++) {
          means.set(r, c, means.get(r, c) / sizes[c]);
        }
      }
      classMeanGram = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(means, means, classMeanGram);
      double within = 0;
      for (int i = 0; i < n; i++) {
        for (int r = 0; r < d; r++) {
          double e = h.get(r, i) - means.get(r, labels[i]);
          within += e * e;
        }
      }
      withinNorm = Math.sqrt(within);
      DMatrixRMaj meansRoot = means.copy(); // Hbar Y has the singular values of Mbar D^{1/2}
      for (int r = 0; r < d; r++) {
        for (int c = 0; c < k; c++) {
          meansRoot.set(r, c, meansRoot.get(r, c) * Math.sqrt(sizes[c]));
        }
      }
      collapsedOp = Norms.op(meansRoot);
      DMatrixRMaj hht = new DMatrixRMaj(d, d);
      CommonOps_DDRM.multTransB(h, h, hht);
      featureGramNorm = Norms.frobenius(hht);
    }

    /** ndist(W H, M Y). */
    double logitDistance(DMatrixRMaj classLogits) {
      int k = sizes.length;
      double refNorm2 = 0;
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          refNorm2 += sizes[c] * classLogits.get(r, c) * classLogits.get(r, c);
        }
      }
      double refNorm = Math.sqrt(refNorm2);
      double sum = 0;
      for (int i = 0; i < labels.length; i++) {
        for (int r = 0; r < k; r++) {
          double dd = logits.get(r, i) / logitNorm - classLogits.get(r, labels[i]) / refNorm;
          sum += dd * dd;
        }
      }
      return Math.sqrt(sum);
    }

    /** ndist(H^T H, Y^T B Y) from K x K and d x d pieces (sqrt(2 - 2 cos), exact to ~5e-8). */
    double featureGramDistance(DMatrixRMaj classGram) {
      int k = sizes.length;
      DMatrixRMaj ctc = new DMatrixRMaj(k, k);
      CommonOps_DDRM.multTransA(classSums, classSums, ctc);
      double inner = 0;
      double refNorm2 = 0;
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          inner += ctc.get(r, c) * classGram.get(r, c);
          refNorm2 += sizes[r] * (double) sizes[c] * classGram.get(r, c) * classGram.get(r, c);
        }
      }
      double cos = inner / (featureGramNorm * Math.sqrt(refNorm2));
      return Math.sqrt(Math.max(0, 2 - 2 * cos));
    }
  }
}
