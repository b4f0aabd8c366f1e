package ncverify.properties.metrics;

import static ncverify.properties.engine.PropertyContext.assume;
import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ncverify.properties.engine.ChoiceSource;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.Matrices;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
import ncverify.theory.InvalidInputException;
import ncverify.theory.geometry.DeepLinearUfmOptimum;
import ncverify.theory.geometry.SeliGeometry;
import ncverify.theory.geometry.SimplexEtf;
import ncverify.theory.metrics.ClassMeans;
import ncverify.theory.metrics.GlobalMean;
import ncverify.theory.metrics.LabeledFeatures;
import ncverify.theory.metrics.Nc1;
import ncverify.theory.metrics.Nc2EtfMeans;
import ncverify.theory.metrics.Nc2EtfWeights;
import ncverify.theory.metrics.NcMetrics;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Randomized invariances and closed-form self-consistency of the metrics and geometries (docs/theory.md
 * sections 1-3), on the property engine with generated K, d, class sizes, class means, noise, classifier
 * and rotation: every NC metric is unchanged under a rotation of feature space (H -&gt; Q H, W -&gt; W Q^T)
 * and a global scaling (H -&gt; c H, W -&gt; W / c); the fast NC1 equals the direct d x d formula
 * tr(Sigma_W Sigma_B^+)/K; a simplex ETF has NC2 = 0 for every K and d &gt;= K-1; the SELI realization
 * factors Zhat ([SELI]); the [DLN] realization attains the closed-form optimal loss by direct evaluation.
 *
 * <p>Every matrix of {@link Data} and the rotation Q are drawn on the choice sequence, entry by entry
 * ({@link Matrices#entrywise}; Q as a product of Householder reflections), never filled from one
 * generated seed: a counterexample shrinks toward fewer dimensions, zero noise, mostly zero means and a
 * single reflection (MetricShrinkingTest shows it on a planted bug).
 */
class MetricInvarianceProperties {

  /** Agreement of a metric before and after an exact invariance (relative, or absolute below 1). */
  static final double INVARIANCE_TOL = 1e-8;
  /** Agreement of two computations of the same quantity (relative). */
  static final double TOL = 1e-9;
  /** A quantity that is zero in exact arithmetic, on O(1)-scaled data. */
  static final double ZERO_TOL = 1e-10;
  /**
   * Eigenvalues of the explicitly formed Sigma_B at most this fraction of the largest are numerical
   * zeros and dropped (the fast path cuts singular values of Mc at 1e-10 s_max; the two conventions
   * differ only for singular values in (1e-10, 1e-5) s_max, which generated data never has: random
   * entries give O(1) singular values, edge-case entries (0, +-1, +-3, the smallest normal and
   * subnormal) give exact zeros or O(1) or below 1e-300).
   */
  static final double EIG_CUTOFF = 1e-10;
  /**
   * Largest condition number kappa(Mbar) of the class means on which invariance is checked to
   * {@link #INVARIANCE_TOL}: a metric's relative roundoff grows like kappa times the machine epsilon
   * (1e-16), so 1e6 leaves two digits of margin; an exactly singular Mbar (edge-case entries) has an
   * undefined, roundoff-driven kappa and is discarded.
   */
  static final double MAX_COND = 1e6;
  /**
   * Largest ratio of the largest to the smallest non-zero |entry| of H on which the direct d x d NC1
   * formula is a valid reference: its products of two entries then stay above 1e-300 of the largest
   * product, clear of underflow (after the power-of-two scaling of {@link #directNc1}).
   */
  static final double MAX_DYNAMIC_RANGE = 1e150;
  /**
   * Logits closer than this (relative to the largest) count as tied: W Q^T Q h equals W h only up to
   * roundoff (a few 1e-16), so the argmax, and the train error, of a near-tie may change.
   */
  static final double TIE_TOL = 1e-12;

  static final List<String> INVARIANT = List.of("nc1", "nc1_trace_ratio", "nc2_etf_means",
      "nc2_etf_weights", "nc2_ortho_means", "nc2_diag_means", "cond_class_means", "nc3",
      "nc3_uncentered", "nc3_cosine", "equinorm_means", "equiangularity_means");

  /** Entries of the class means and the classifier. */
  static final Gen<Double> ENTRY = Gen.doubles(-3, 3);
  /** Entries of the noise directions (scaled by the noise level). */
  static final Gen<Double> NOISE_ENTRY = Gen.doubles(-1, 1);

  /**
   * Labeled features: K classes with the given sizes in R^d, sample i at means[:, y_i] + noise *
   * directions[:, i], a classifier and the global-mean convention; d = means.numRows.
   *
   * @param k K
   * @param means the class means, d x K
   * @param sizes class sizes n_c
   * @param labels y, a permutation of the sorted labels
   * @param noise the noise level
   * @param directions the noise directions, d x N
   * @param classifier W, K x d
   * @param classMeansGlobal whether the global mean is the mean of the class means
   */
  record Data(int k, DMatrixRMaj means, List<Integer> sizes, int[] labels, double noise, DMatrixRMaj directions,
      DMatrixRMaj classifier, boolean classMeansGlobal) {

    int d() {
      return means.numRows;
    }

    LabeledFeatures features() {
      DMatrixRMaj h = new DMatrixRMaj(d(), labels.length);
      for (int i = 0; i < labels.length; i++) {
        for (int a = 0; a < d(); a++) {
          h.set(a, i, means.get(a, labels[i]) + noise * directions.get(a, i));
        }
      }
      return new LabeledFeatures(h, labels.clone(), k);
    }

    GlobalMean globalMean() {
      return classMeansGlobal ? GlobalMean.CLASS_MEANS : GlobalMean.SAMPLE;
    }

    /** Non-zero entries of the means, the noise directions and the classifier. */
    int nonZeros() {
      return means.getNumElements() - Matrices.zeros(means) + directions.getNumElements()
          - Matrices.zeros(directions) + classifier.getNumElements() - Matrices.zeros(classifier);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "Data[K=%d, d=%d, sizes=%s, labels=%s, noise=%s, %s, means=%s, "
          + "directions=%s, W=%s]", k, d(), sizes, Arrays.toString(labels), noise, globalMean(), rows(means),
          rows(directions), rows(classifier));
    }
  }

  /** Data with a rotation Q (a product of {@code reflections} Householder reflections) and a scale c. */
  record Transformed(Data data, DMatrixRMaj q, int reflections, double c) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s, Q=%s (%d reflections), c=%s", data, rows(q), reflections, c);
    }
  }

  /**
   * K in 2..8 (edge 2, 3), d in max(2, K-1)..K+8 (the rows of the means), sizes 2..12 per class, labels
   * in a generated order, noise level in [1e-3, 2], every entry on the choice sequence.
   */
  Gen<Data> data() {
    return Gen.integers(2, 8).withEdgeCases(2, 3).flatMap(k -> s -> {
      DMatrixRMaj means = Matrices.entrywise(Math.max(2, k - 1), k + 8, k, k, ENTRY).generate(s);
      int d = means.numRows;
      List<Integer> sizes = Gen.listsOf(Gen.integers(2, 12).withEdgeCases(2), k).generate(s);
      int[] labels = shuffledLabels(sizes, s);
      double noise = Gen.logDoubles(1e-3, 2).generate(s);
      DMatrixRMaj directions = Matrices.entrywise(d, d, labels.length, labels.length, NOISE_ENTRY).generate(s);
      DMatrixRMaj w = Matrices.entrywise(k, k, d, d, ENTRY).generate(s);
      boolean cm = Gen.booleans().generate(s);
      return new Data(k, means, sizes, labels, noise, directions, w, cm);
    });
  }

  /** Data, then a rotation of its feature space and a scale c in [e^-2, e^2]. */
  Gen<Transformed> transformed() {
    return data().flatMap(data -> s -> {
      List<List<Double>> vs = Gen.lists(Gen.listsOf(NOISE_ENTRY, data.d()), 1, data.d()).generate(s);
      double c = Gen.logDoubles(Math.exp(-2), Math.exp(2)).generate(s);
      return new Transformed(data, householderProduct(vs, data.d()), vs.size(), c);
    });
  }

  /**
   * Labels sorted by class, then a Fisher-Yates shuffle whose swap offsets are choices (offset 0 keeps
   * the sample in place, so the order shrinks to the sorted one).
   */
  static int[] shuffledLabels(List<Integer> sizes, ChoiceSource s) {
    int n = sizes.stream().mapToInt(Integer::intValue).sum();
    int[] y = new int[n];
    int p = 0;
    for (int c = 0; c < sizes.size(); c++) {
      for (int i = 0; i < sizes.get(c); i++) {
        y[p++] = c;
      }
    }
    for (int i = n - 1; i > 0; i--) {
      int j = i - Gen.integers(0, i).generate(s);
      int t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    return y;
  }

  @Property(tries = 150, threadSafe = true)
  void metricsAreInvariantUnderRotationAndScaling(@ForAll("transformed") Transformed t) {
    checkInvariance(t, MetricInvarianceProperties::measure);
  }

  /** Measures every metric of docs/theory.md section 1 on features H and classifier W. */
  interface Measure {
    Map<String, Object> of(LabeledFeatures features, DMatrixRMaj w, GlobalMean gm);
  }

  static Map<String, Object> measure(LabeledFeatures features, DMatrixRMaj w, GlobalMean gm) {
    return NcMetrics.measure(features, w, null, List.of(), gm).toMap();
  }

  /**
   * The invariance property with the metrics computed by {@code measure}: discards data on which a
   * metric is undefined or the class means are worse conditioned than {@link #MAX_COND}; asserts every
   * {@link #INVARIANT} metric unchanged under H -&gt; Q H, W -&gt; W Q^T and under H -&gt; c H, W -&gt; W / c.
   */
  static void checkInvariance(Transformed t, Measure measure) {
    Data data = t.data();
    LabeledFeatures f = data.features();
    DMatrixRMaj w = data.classifier();
    GlobalMean gm = data.globalMean();
    Map<String, Object> base;
    try {
      base = measure.of(f, w, gm);
    } catch (InvalidInputException undefined) {
      assume(false); // e.g. all class means coincide, a zero classifier row: the metric is undefined
      return;
    }
    assume((Double) base.get("cond_class_means") <= MAX_COND);
    cover(data.d() < data.k(), 0.05, "d = K - 1");
    cover(t.q().getNumElements() - Matrices.zeros(t.q()) > data.d(), 0.5, "Q mixes coordinates");

    LabeledFeatures rotated = new LabeledFeatures(mult(t.q(), f.features()), f.labels(), data.k());
    DMatrixRMaj wRot = new DMatrixRMaj(w.numRows, w.numCols);
    CommonOps_DDRM.multTransB(w, t.q(), wRot);
    Map<String, Object> rot = measure.of(rotated, wRot, gm);

    DMatrixRMaj hs = f.features().copy();
    CommonOps_DDRM.scale(t.c(), hs);
    DMatrixRMaj ws = w.copy();
    CommonOps_DDRM.scale(1 / t.c(), ws);
    Map<String, Object> sc = measure.of(new LabeledFeatures(hs, f.labels(), data.k()), ws, gm);

    for (String key : INVARIANT) {
      double v = (Double) base.get(key);
      assertThat(relOrAbs(v, (Double) rot.get(key))).as("rotation, %s", key).isLessThan(INVARIANCE_TOL);
      assertThat(relOrAbs(v, (Double) sc.get(key))).as("scaling by %s, %s", t.c(), key).isLessThan(INVARIANCE_TOL);
    }
    boolean noTies = minTopTwoGap(w, f.features()) > TIE_TOL;
    cover(noTies, 0.5, "no tied logits");
    if (noTies) { // a tie within roundoff may go either way after the rotation
      assertThat(rot.get("train_error")).isEqualTo(base.get("train_error"));
    }
  }

  /** Largest |h| over the smallest non-zero |h| of the entries of H (1 for a zero H). */
  static double dynamicRange(DMatrixRMaj h) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (double x : h.data) {
      if (x != 0) {
        min = Math.min(min, Math.abs(x));
        max = Math.max(max, Math.abs(x));
      }
    }
    return max == 0 ? 1 : max / min;
  }

  /**
   * Smallest gap between the largest and second largest logit of W h_i over the samples, relative to the
   * largest logit magnitude (0 for a zero W H).
   */
  static double minTopTwoGap(DMatrixRMaj w, DMatrixRMaj h) {
    DMatrixRMaj z = mult(w, h);
    double scale = CommonOps_DDRM.elementMaxAbs(z);
    if (scale == 0) {
      return 0;
    }
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < z.numCols; i++) {
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < z.numRows; c++) {
        double v = z.get(c, i);
        if (v > first) {
          second = first;
          first = v;
        } else if (v > second) {
          second = v;
        }
      }
      gap = Math.min(gap, (first - second) / scale);
    }
    return gap;
  }

  @Property(tries = 150, threadSafe = true)
  void fastNc1EqualsTheDirectFormula(@ForAll("data") Data data) {
    LabeledFeatures f = data.features();
    GlobalMean gm = data.globalMean();
    label(gm.name());
    double fast;
    try {
      fast = Nc1.of(f, ClassMeans.of(f, gm));
    } catch (InvalidInputException allMeansCoincide) {
      assume(false); // NC1 undefined (Sigma_B = 0), e.g. all-zero means of an edge-case try
      return;
    }
    // the direct formula squares the features: entries more than 1e150 below the largest would underflow
    // in Sigma_W and Sigma_B (edge-case entries such as the smallest normal next to 1), while the fast path,
    // which never squares H, is right there
    assume(dynamicRange(f.features()) <= MAX_DYNAMIC_RANGE);
    double direct = directNc1(f.features(), f.labels(), data.k(), gm);
    assertThat(Math.abs(fast - direct)).isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(direct)));
  }

  /** (K, d, seed, scale) with d >= K - 1. */
  record EtfCase(int k, int d, long seed, double scale) {}

  Gen<EtfCase> etfCases() {
    return Gen.integers(2, 12).withEdgeCases(2, 3).flatMap(k -> s -> new EtfCase(k,
        k - 1 + Gen.integers(0, 6).generate(s), Gen.longs(0, Long.MAX_VALUE).generate(s),
        Gen.logDoubles(1e-2, 1e2).generate(s)));
  }

  @Property(tries = 150, threadSafe = true)
  void simplexEtfHasZeroNc2(@ForAll("etfCases") EtfCase e) {
    DMatrixRMaj m = SimplexEtf.of(e.k(), e.d(), e.seed()).matrix();
    CommonOps_DDRM.scale(e.scale(), m);
    cover(e.d() == e.k() - 1, 0.05, "d = K - 1");
    int[] y = new int[e.k()];
    for (int c = 0; c < e.k(); c++) {
      y[c] = c;
    }
    LabeledFeatures f = new LabeledFeatures(m, y, e.k());
    assertThat(Nc2EtfMeans.of(ClassMeans.of(f, GlobalMean.CLASS_MEANS))).isLessThan(ZERO_TOL);
    assertThat(Nc2EtfWeights.of(CommonOps_DDRM.transpose(m, null))).isLessThan(ZERO_TOL);
  }

  /** Class sizes, a width d >= K and a seed. */
  record SizesCase(List<Integer> sizes, int d, long seed) {
    int[] array() {
      return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  Gen<SizesCase> sizesCases() {
    return Gen.integers(2, 6).withEdgeCases(2, 3).flatMap(k -> s -> new SizesCase(
        Gen.listsOf(Gen.integers(1, 20).withEdgeCases(1), k).generate(s), k + Gen.integers(0, 4).generate(s),
        Gen.longs(0, Long.MAX_VALUE).generate(s)));
  }

  @Property(tries = 100, threadSafe = true)
  void seliRealizationFactorsZhat(@ForAll("sizesCases") SizesCase c) {
    SeliGeometry g = SeliGeometry.of(c.array());
    SeliGeometry.Realization r = g.realize(c.d(), c.seed());
    DMatrixRMaj wh = new DMatrixRMaj(g.selMatrix().numClasses(), g.selMatrix().numSamples());
    CommonOps_DDRM.mult(r.w(), r.h(), wh);
    DMatrixRMaj zhat = g.selMatrix().zhat();
    DMatrixRMaj diff = new DMatrixRMaj(wh.numRows, wh.numCols);
    CommonOps_DDRM.subtract(wh, zhat, diff);
    assertThat(CommonOps_DDRM.elementMaxAbs(diff)).isLessThan(TOL * Math.max(1, CommonOps_DDRM.elementMaxAbs(zhat)));
  }

  /** Sizes, depth M, lambda_W, lambda_H, width and seed of a [DLN] instance. */
  record DlnCase(SizesCase sizes, int depth, double lambdaW, double lambdaH) {}

  Gen<DlnCase> dlnCases() {
    return s -> new DlnCase(sizesCases().generate(s), Gen.integers(1, 4).generate(s),
        Gen.logDoubles(1e-4, 1e-1).generate(s), Gen.logDoubles(1e-4, 1e-1).generate(s));
  }

  @Property(tries = 100, threadSafe = true)
  void dlnRealizationAttainsTheOptimalLoss(@ForAll("dlnCases") DlnCase c) {
    int[] sizes = c.sizes().array();
    DeepLinearUfmOptimum opt = DeepLinearUfmOptimum.of(sizes, c.depth(), c.lambdaW(), c.lambdaH());
    boolean anySurvives = false;
    for (boolean b : opt.survives()) {
      anySurvives |= b;
    }
    cover(anySurvives, 0.5, "some class survives");
    DeepLinearUfmOptimum.Realization r = opt.realize(c.sizes().d(), c.sizes().seed());
    double direct = directDlnLoss(r, sizes, c.lambdaW(), c.lambdaH());
    assertThat(Math.abs(direct - opt.optimalLoss())).isLessThanOrEqualTo(TOL * Math.max(1e-3, opt.optimalLoss()));
  }

  // ---- independent helpers ------------------------------------------------------------------------

  /** (1/(2N))||W_M...W_1 H - Y||^2 + (lambda_W/2) sum ||W_m||^2 + (lambda_H/2)||H||^2, labels sorted. */
  static double directDlnLoss(DeepLinearUfmOptimum.Realization r, int[] sizes, double lw, double lh) {
    DMatrixRMaj z = r.h();
    double reg = 0.5 * lh * CommonOps_DDRM.elementSum(elementSquare(z));
    for (DMatrixRMaj w : r.weights()) {
      DMatrixRMaj next = new DMatrixRMaj(w.numRows, z.numCols);
      CommonOps_DDRM.mult(w, z, next);
      z = next;
      reg += 0.5 * lw * CommonOps_DDRM.elementSum(elementSquare(w));
    }
    int n = z.numCols;
    double fit = 0;
    int col = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int i = 0; i < sizes[c]; i++, col++) {
        for (int row = 0; row < z.numRows; row++) {
          double e = z.get(row, col) - (row == c ? 1 : 0);
          fit += e * e;
        }
      }
    }
    return fit / (2.0 * n) + reg;
  }

  static DMatrixRMaj elementSquare(DMatrixRMaj a) {
    DMatrixRMaj out = a.copy();
    CommonOps_DDRM.elementMult(out, a);
    return out;
  }

  /**
   * tr(Sigma_W Sigma_B^+)/K with d x d matrices formed explicitly and Sigma_B^+ by eigendecomposition,
   * on H first scaled by the power of two that brings its largest entry into [1, 2): NC1 is invariant
   * under H -&gt; c H and a power-of-two scaling is exact, so the reference also covers features whose
   * second moments would underflow (subnormal entries) or overflow.
   */
  static double directNc1(DMatrixRMaj unscaled, int[] y, int k, GlobalMean gm) {
    DMatrixRMaj h = unscaled.copy();
    double largest = CommonOps_DDRM.elementMaxAbs(h);
    if (largest > 0) {
      int e = largest < Double.MIN_NORMAL ? Math.getExponent(Math.scalb(largest, 64)) - 64
          : Math.getExponent(largest);
      for (int i = 0; i < h.data.length; i++) {
        h.data[i] = Math.scalb(h.data[i], -e);
      }
    }
    int d = h.numRows;
    int n = h.numCols;
    DMatrixRMaj mu = new DMatrixRMaj(d, k);
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      count[y[i]]++;
      for (int a = 0; a < d; a++) {
        mu.add(a, y[i], h.get(a, i));
      }
    }
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        mu.set(a, c, mu.get(a, c) / count[c]);
      }
    }
    double[] g = new double[d];
    for (int a = 0; a < d; a++) {
      double s = 0;
      if (gm == GlobalMean.SAMPLE) {
        for (int i = 0; i < n; i++) {
          s += h.get(a, i);
        }
        g[a] = s / n;
      } else {
        for (int c = 0; c < k; c++) {
          s += mu.get(a, c);
        }
        g[a] = s / k;
      }
    }
    DMatrixRMaj sw = new DMatrixRMaj(d, d);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          sw.add(a, b, (h.get(a, i) - mu.get(a, y[i])) * (h.get(b, i) - mu.get(b, y[i])) / n);
        }
      }
    }
    DMatrixRMaj sb = new DMatrixRMaj(d, d);
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          sb.add(a, b, (mu.get(a, c) - g[a]) * (mu.get(b, c) - g[b]) / k);
        }
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(sb.copy())) {
      throw new IllegalStateException("eigendecomposition failed");
    }
    double max = 0;
    for (int j = 0; j < d; j++) {
      max = Math.max(max, eig.getEigenvalue(j).getReal());
    }
    double trace = 0;
    for (int j = 0; j < d; j++) {
      double lambda = eig.getEigenvalue(j).getReal();
      if (lambda <= EIG_CUTOFF * max) {
        continue;
      }
      DMatrixRMaj v = eig.getEigenVector(j);
      double vv = 0;
      for (int a = 0; a < d; a++) {
        vv += v.get(a) * v.get(a);
      }
      // v^T Sigma_W v / (|v|^2 lambda)
      double q = 0;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          q += v.get(a) * sw.get(a, b) * v.get(b);
        }
      }
      trace += q / (vv * lambda);
    }
    return trace / k;
  }

  /**
   * Q = H_1 ... H_m with H_j = I - 2 v_j v_j^T / |v_j|^2 (orthogonal; every orthogonal d x d matrix is a
   * product of at most d of them, Cartan-Dieudonne); a zero v_j stands for e_1 (a sign flip of the first
   * coordinate). Each v_j is scaled by its largest entry first, so |v_j|^2 cannot underflow.
   */
  static DMatrixRMaj householderProduct(List<List<Double>> vs, int d) {
    DMatrixRMaj q = CommonOps_DDRM.identity(d);
    for (List<Double> raw : vs) {
      double[] v = new double[d];
      double max = 0;
      for (int a = 0; a < d; a++) {
        max = Math.max(max, Math.abs(raw.get(a)));
      }
      double norm2 = 0;
      for (int a = 0; a < d; a++) {
        v[a] = max == 0 ? (a == 0 ? 1 : 0) : raw.get(a) / max;
        norm2 += v[a] * v[a];
      }
      // Q <- Q H: Q - (2 / |v|^2) (Q v) v^T
      for (int i = 0; i < d; i++) {
        double qv = 0;
        for (int a = 0; a < d; a++) {
          qv += q.get(i, a) * v[a];
        }
        for (int a = 0; a < d; a++) {
          q.add(i, a, -2 * qv * v[a] / norm2);
        }
      }
    }
    return q;
  }

  /** The rows of {@code m} as nested lists, for counterexample reports. */
  static String rows(DMatrixRMaj m) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < m.numRows; i++) {
      double[] row = new double[m.numCols];
      for (int j = 0; j < m.numCols; j++) {
        row[j] = m.get(i, j);
      }
      b.append(i == 0 ? "" : ", ").append(Arrays.toString(row));
    }
    return b.append(']').toString();
  }

  static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
    DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
    CommonOps_DDRM.mult(a, b, c);
    return c;
  }

  static double relOrAbs(double a, double b) {
    return Math.abs(a - b) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
  }
}
