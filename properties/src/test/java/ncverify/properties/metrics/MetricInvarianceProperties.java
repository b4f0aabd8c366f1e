package ncverify.properties.metrics;

import static ncverify.properties.engine.PropertyContext.cover;
import static ncverify.properties.engine.PropertyContext.label;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import ncverify.properties.engine.Gen;
import ncverify.properties.engine.junit.ForAll;
import ncverify.properties.engine.junit.Property;
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
 * sections 1-3), on the property engine with generated K, d, class sizes and seeds: every NC metric
 * is unchanged under a rotation of feature space (H -&gt; Q H, W -&gt; W Q^T) and a global scaling
 * (H -&gt; c H, W -&gt; W / c); the fast NC1 equals the direct d x d formula tr(Sigma_W Sigma_B^+)/K;
 * a simplex ETF has NC2 = 0 for every K and d &gt;= K-1; the SELI realization factors Zhat
 * ([SELI]); the [DLN] realization attains the closed-form optimal loss by direct evaluation.
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
   * differ only for singular values in (1e-10, 1e-5) s_max, which generated data never has).
   */
  static final double EIG_CUTOFF = 1e-10;

  static final List<String> INVARIANT = List.of("nc1", "nc1_trace_ratio", "nc2_etf_means",
      "nc2_etf_weights", "nc2_ortho_means", "nc2_diag_means", "cond_class_means", "nc3",
      "nc3_uncentered", "nc3_cosine", "equinorm_means", "equiangularity_means");

  /**
   * Labeled features: K classes with the given sizes in R^d around random means (noise level), a
   * random classifier, the global-mean convention and the seed of every random number.
   */
  record Data(int k, int d, List<Integer> sizes, double noise, boolean classMeansGlobal, long seed) {

    int[] labels() {
      int n = sizes.stream().mapToInt(Integer::intValue).sum();
      int[] y = new int[n];
      int p = 0;
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < sizes.get(c); i++) {
          y[p++] = c;
        }
      }
      SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = y[i];
        y[i] = y[j];
        y[j] = t;
      }
      return y;
    }

    LabeledFeatures features() {
      SplittableRandom r = new SplittableRandom(seed);
      DMatrixRMaj means = gaussian(d, k, r);
      int[] y = labels();
      DMatrixRMaj h = new DMatrixRMaj(d, y.length);
      for (int i = 0; i < y.length; i++) {
        for (int a = 0; a < d; a++) {
          h.set(a, i, means.get(a, y[i]) + noise * r.nextGaussian());
        }
      }
      return new LabeledFeatures(h, y, k);
    }

    DMatrixRMaj classifier() {
      return gaussian(k, d, new SplittableRandom(seed + 1));
    }

    GlobalMean globalMean() {
      return classMeansGlobal ? GlobalMean.CLASS_MEANS : GlobalMean.SAMPLE;
    }
  }

  /** K in 2..8 (edge 2, 3), d in K-1..K+8 (at least 2), sizes 1..12 per class. */
  Gen<Data> data() {
    return Gen.integers(2, 8).withEdgeCases(2, 3).flatMap(k -> s -> {
      int d = Math.max(2, k - 1 + Gen.integers(0, 9).generate(s));
      List<Integer> sizes = Gen.listsOf(Gen.integers(2, 12).withEdgeCases(2), k).generate(s);
      double noise = Gen.logDoubles(1e-3, 2).generate(s);
      boolean cm = Gen.booleans().generate(s);
      long seed = Gen.longs(0, Long.MAX_VALUE).generate(s);
      return new Data(k, d, sizes, noise, cm, seed);
    });
  }

  @Property(tries = 150, threadSafe = true)
  void metricsAreInvariantUnderRotationAndScaling(@ForAll("data") Data data) {
    LabeledFeatures f = data.features();
    DMatrixRMaj w = data.classifier();
    GlobalMean gm = data.globalMean();
    cover(data.d() < data.k(), 0.05, "d = K - 1");
    Map<String, Object> base = NcMetrics.measure(f, w, null, List.of(), gm).toMap();

    DMatrixRMaj q = randomOrthogonal(data.d(), new SplittableRandom(data.seed() + 2));
    LabeledFeatures rotated = new LabeledFeatures(mult(q, f.features()), f.labels(), data.k());
    DMatrixRMaj wRot = new DMatrixRMaj(w.numRows, w.numCols);
    CommonOps_DDRM.multTransB(w, q, wRot);
    Map<String, Object> rot = NcMetrics.measure(rotated, wRot, null, List.of(), gm).toMap();

    double c = Math.exp(4 * new SplittableRandom(data.seed() + 3).nextDouble() - 2);
    DMatrixRMaj hs = f.features();
    CommonOps_DDRM.scale(c, hs);
    DMatrixRMaj ws = w.copy();
    CommonOps_DDRM.scale(1 / c, ws);
    Map<String, Object> sc =
        NcMetrics.measure(new LabeledFeatures(hs, f.labels(), data.k()), ws, null, List.of(), gm).toMap();

    for (String key : INVARIANT) {
      double v = (Double) base.get(key);
      assertThat(relOrAbs(v, (Double) rot.get(key))).as("rotation, %s", key).isLessThan(INVARIANCE_TOL);
      assertThat(relOrAbs(v, (Double) sc.get(key))).as("scaling by %s, %s", c, key).isLessThan(INVARIANCE_TOL);
    }
    assertThat(rot.get("train_error")).isEqualTo(base.get("train_error"));
  }

  @Property(tries = 150, threadSafe = true)
  void fastNc1EqualsTheDirectFormula(@ForAll("data") Data data) {
    LabeledFeatures f = data.features();
    GlobalMean gm = data.globalMean();
    label(gm.name());
    double fast = Nc1.of(f, ClassMeans.of(f, gm));
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

  /** tr(Sigma_W Sigma_B^+)/K with d x d matrices formed explicitly and Sigma_B^+ by eigendecomposition. */
  static double directNc1(DMatrixRMaj h, int[] y, int k, GlobalMean gm) {
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

  static DMatrixRMaj gaussian(int rows, int cols, SplittableRandom r) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = r.nextGaussian();
    }
    return m;
  }

  /** A random orthogonal matrix: modified Gram-Schmidt (twice) on a Gaussian matrix. */
  static DMatrixRMaj randomOrthogonal(int n, SplittableRandom r) {
    DMatrixRMaj a = gaussian(n, n, r);
    for (int pass = 0; pass < 2; pass++) {
      for (int j = 0; j < n; j++) {
        for (int p = 0; p < j; p++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += a.get(i, j) * a.get(i, p);
          }
          for (int i = 0; i < n; i++) {
            a.set(i, j, a.get(i, j) - dot * a.get(i, p));
          }
        }
        double norm = 0;
        for (int i = 0; i < n; i++) {
          norm += a.get(i, j) * a.get(i, j);
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
          a.set(i, j, a.get(i, j) / norm);
        }
      }
    }
    return a;
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
