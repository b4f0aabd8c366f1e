package ncverify.theory.claims.jswm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Measurement;
import ncverify.theory.linalg.Finite;
import ncverify.theory.linalg.Norms;
import ncverify.theory.linalg.Parallel;
import ncverify.theory.linalg.WideSvd;
import ncverify.theory.linalg.blas.Backends;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Computes every quantity the [JSWM] claims need (docs/theory.md section 5) from explicit matrices: the
 * linear head W_{L1+1}..W_L (W_l is n_l x n_{l-1}, L2 = number of head layers &gt;= 2), the features
 * Z_{L1} entering the head (n_{L1} x N, columns = samples), labels in 0..K-1, lambda, eta and the loss
 * scale c of the MSE term (c/2)||Z_L - Y||^2 (1 for the paper's normalization). The outputs are
 * Z_L = A Z_{L1} with A = W_L ... W_{L1+1}; Y is one-hot (K x N); Pi replaces each column by its
 * class mean. Names of the quantities are the constants of this class.
 */
public final class JswmQuantities {

  /** Number of classes K. */
  public static final String K = "K";
  /** Number of head layers L2. */
  public static final String L2 = "L2";
  /** Number of samples N. */
  public static final String N = "N";
  /** Smallest class size. */
  public static final String N_MIN = "n_min";
  /** Largest class size. */
  public static final String N_MAX = "n_max";
  /** Weight decay lambda. */
  public static final String LAMBDA = "lambda";
  /** Learning rate eta. */
  public static final String ETA = "eta";
  /** The loss scale c of the MSE term (c/2)||Z_L - Y||^2 (1 for the paper's normalization, 1/N for a mean). */
  public static final String LOSS_SCALE = "loss_scale";
  /** eps1 = ||Z_L - Y|| (Frobenius). */
  public static final String EPS1 = "eps1";
  /** eps2 = max over head pairs ||W_{l+1}^T W_{l+1} - W_l W_l^T||_op. */
  public static final String EPS2 = "eps2";
  /** r = max over head layers ||W_l||_op. */
  public static final String R = "r";
  /** ||Z_{L-1}||_op. */
  public static final String Z_PENULT_OP = "z_penult_op";
  /** ||Z_{L-2}(I - Pi)|| (Frobenius). */
  public static final String Z_ANTEPENULT_WITHIN = "z_antepenult_within";
  /** NC1tr(Z_{L-1}) = tr Sigma_W / tr Sigma_B. */
  public static final String NC1TR_PENULT = "nc1tr_penult";
  /** kappa(A) = s_1/s_+ (reported; no claim reads it as an input). */
  public static final String KAPPA_A = "kappa_A";
  /** kappa(Z_{L1}) = s_1/s_+ (non-zero singular values, docs/theory.md section 0). */
  public static final String KAPPA_Z_IN = "kappa_Z_in";
  /** ||Z_{L1}||_op. */
  public static final String Z_IN_OP = "z_in_op";
  /**
   * The leak ||A (I - P_Z)||_op, P_Z the orthogonal projector onto col Z_{L1}: the part of the head that
   * acts outside the features (0 when Z_{L1} has full row rank, and at every critical point with
   * lambda &gt; 0).
   */
  public static final String LEAK_OP = "leak_op";
  /** kappa(W_L) = s_1/s_+. */
  public static final String KAPPA_WL = "kappa_W_L";
  /** s_1(W_L). */
  public static final String S1_WL = "s1_W_L";
  /** s_K(W_L). */
  public static final String SK_WL = "sK_W_L";
  /**
   * kappa(Mbar_{L-1}) = s_1/s_K of the uncentered class means of Z_{L-1} (d x K), +Infinity when s_K = 0: the
   * K-th singular value, not the smallest non-zero one, so that a rank-deficient set of means is never
   * reported as well conditioned.
   */
  public static final String KAPPA_MBAR_PENULT = "kappa_mbar_penult";
  /** min_k cos(mu_k, w_k), mu_k class mean of Z_{L-1}, w_k row k of W_L. */
  public static final String MIN_COS_PENULT = "min_cos_penult";
  /** sigma_K(Z_L). */
  public static final String SIGMA_K_OUT = "sigmaK_out";
  /** ||Theta||_op of the head-only empirical NTK (a lower bound on the full-network one). */
  public static final String NTK_OP = "ntk_op";
  /** ||D_l||_op for the head pair with the least critical-point slack ({@link #criticalPoint}). */
  public static final String CRIT_D_OP = "crit_d_op";
  /** (||W_{l+1}||_op ||R_{l+1}||_op + ||R_l||_op ||W_l||_op)/lambda for that pair. */
  public static final String CRIT_BOUND = "crit_bound";
  /** max over pairs ||lambda D_l - (W_{l+1}^T R_{l+1} - R_l W_l^T)|| (Frobenius). */
  public static final String CRIT_IDENTITY_RESIDUAL = "crit_identity_residual";
  /**
   * max over pairs of lambda (||W_{l+1}^T W_{l+1}|| + ||W_l W_l^T||) + ||W_{l+1}^T R_{l+1}|| + ||R_l W_l^T||: the
   * identity's scale, the size of the terms whose differences it compares (roundoff of D_l is relative to
   * the Grams, not to D_l itself, which vanishes at a balanced critical point; reports/FINDINGS.md).
   */
  public static final String CRIT_IDENTITY_SCALE = "crit_identity_scale";
  /**
   * max over pairs of lambda ||D_l|| (Frobenius): the size of the left side of the critical-point identity,
   * which a wrong factor on lambda D_l moves by ({@link CriticalBalancednessClaim#strengthened}).
   */
  public static final String CRIT_LAMBDA_D = "crit_lambda_d";

  private JswmQuantities() {
  }

  /** {@link #measure(List, DMatrixRMaj, int[], int, double, double, double)} with loss scale 1. */
  public static Measurement measure(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k,
      double lambda, double eta) {
    return measure(head, zIn, labels, k, lambda, eta, 1.0);
  }

  /** Relative tolerance for caller-supplied outputs: ||Z_L - A Z_{L1}|| &lt;= this x max(1, ||Z_L||). */
  public static final double OUTPUT_CONSISTENCY_REL = 1e-6;

  /**
   * As {@link #measure(List, DMatrixRMaj, int[], int, double, double, double)}, first checking that the
   * caller's outputs Z_L (K x N, e.g. from the training engine) are the head applied to Z_{L1} up to
   * {@link #OUTPUT_CONSISTENCY_REL}; the quantities are then computed from the matrices themselves.
   */
  public static Measurement measure(List<DMatrixRMaj> head, DMatrixRMaj zIn, DMatrixRMaj outputs, int[] labels,
      int k, double lambda, double eta, double lossScale) {
    validate(head, zIn, labels, k, lambda, eta, lossScale);
    List<DMatrixRMaj> z = forward(head, zIn);
    DMatrixRMaj zOut = z.get(z.size() - 1);
    if (outputs.numRows != zOut.numRows || outputs.numCols != zOut.numCols) {
      throw InvalidInputException.of("outputs are %dx%d, expected %dx%d (K x N)", outputs.numRows, outputs.numCols,
          zOut.numRows, zOut.numCols);
    }
    checkFinite(outputs, "outputs");
    double gap = Dense.frob(Dense.minus(outputs, zOut));
    double scale = Math.max(1.0, Dense.frob(outputs));
    if (gap > OUTPUT_CONSISTENCY_REL * scale) {
      throw InvalidInputException.of("outputs differ from W_L ... W_{L1+1} Z_L1 by %.3g (relative %.3g): the head"
          + " is not linear or the matrices do not belong together", gap, gap / scale);
    }
    return measure(head, zIn, () -> z, labels, k, lambda, eta, lossScale);
  }

  /**
   * All [JSWM] quantities but the critical-point ones ({@link #criticalPoint}, which need the trainer's
   * gradients).
   *
   * @param head W_{L1+1}..W_L, at least two layers
   * @param zIn Z_{L1}, n_{L1} x N
   * @param labels y_i in 0..K-1, every class non-empty
   * @param k K &gt;= 2
   * @param lambda weight decay &gt;= 0
   * @param eta learning rate &gt;= 0
   * @param lossScale c in (c/2)||Z_L - Y||^2 (scales the NTK in the stability condition of Prop 5.3)
   */
  public static Measurement measure(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k,
      double lambda, double eta, double lossScale) {
    return measure(head, zIn, () -> forward(head, zIn), labels, k, lambda, eta, lossScale);
  }

  /**
   * As {@link #measure(List, DMatrixRMaj, int[], int, double, double, double)}, with the forward pass
   * Z_{L1}, W_{L1+1} Z_{L1}, ..., Z_L from the caller, who computed it for its own use (e.g. the head's
   * stationarity): asked for once, after the inputs are validated. It must be the head applied layer by
   * layer to {@code zIn} (its shapes are checked, not its values).
   */
  public static Measurement measure(List<DMatrixRMaj> head, DMatrixRMaj zIn, Supplier<List<DMatrixRMaj>> forward,
      int[] labels, int k, double lambda, double eta, double lossScale) {
    validate(head, zIn, labels, k, lambda, eta, lossScale);
    int l2 = head.size();
    int n = zIn.numCols;
    DMatrixRMaj y = oneHot(labels, k);
    int[] sizes = new int[k];
    for (int lab : labels) {
      sizes[lab]++;
    }
    int nMin = Integer.MAX_VALUE;
    int nMax = 0;
    for (int s : sizes) {
      nMin = Math.min(nMin, s);
      nMax = Math.max(nMax, s);
    }

    Measurement.Builder m = Measurement.builder()
        .put(K, k).put(L2, l2).put(N, n).put(N_MIN, nMin).put(N_MAX, nMax)
        .put(LAMBDA, lambda).put(ETA, eta).put(LOSS_SCALE, lossScale);
    // The SVD of Z_L1 (its Gram, EJML decompositions: the longest chain of the work) starts at once, next to the
    // forward pass, eps1, eps2 and the Thm 3.1 NC1 passes over Z_{L-1} and Z_{L-2}: independent, so computed at
    // the same time (failures read as in this order: the passes first)
    Parallel.Pair<Passes, WideSvd.Factorization> passesAndSvd = Parallel.both(
        () -> Passes.of(head, zIn, forward, labels, k, y, m), () -> Dense.factored(zIn, "Z_L1"));
    Passes p = passesAndSvd.first();
    List<DMatrixRMaj> z = p.z();
    DMatrixRMaj zOut = z.get(l2);
    DMatrixRMaj means = p.means();
    DMatrixRMaj a = product(head);
    DMatrixRMaj wL = head.get(l2 - 1);
    WideSvd.Factorization svdZ = passesAndSvd.second();
    // Z_L1 = F Q^T (Q orthonormal columns), so ||Z_{L-1}||_op = ||W_{L-1} ... W_{L1+1} F||_op: no pass over the
    // samples
    DMatrixRMaj factor = svdZ.factor();
    m.put(Z_PENULT_OP, Dense.opNorm(Dense.mult(product(head.subList(0, l2 - 1)), factor)))
        .put(Z_ANTEPENULT_WITHIN, p.within()).put(NC1TR_PENULT, p.nc1tr());

    // inputs of the assembled NC2/NC3 bounds: ||Z_L1||_op, kappa(Z_L1), ||A (I - P_Z)||_op
    double[] sZ = svdZ.s();
    int rankZ = Dense.rank(sZ);
    if (rankZ == 0) {
      throw new InvalidInputException("the features Z_L1 entering the head are zero");
    }
    // P_Z = I when Z_L1 has full row rank (the leak is then exactly 0); otherwise U_r U_r^T from the SVD of F,
    // whose column space is that of Z_L1
    double leak = rankZ == zIn.numRows ? 0.0
        : Dense.opNorm(Dense.minus(a, Dense.mult(a, Dense.columnProjector(Dense.svd(factor), zIn.numRows))));
    m.put(Z_IN_OP, sZ[0]).put(KAPPA_Z_IN, sZ[0] / sZ[rankZ - 1])
        .put(LEAK_OP, leak)
        .put(KAPPA_A, Dense.kappa(a, "A"));

    // conclusions of NC2/NC3 and the last layer
    double[] sWl = Dense.singularValues(wL);
    double[] sM = Dense.singularValues(means);
    double sKm = k <= sM.length ? sM[k - 1] : 0.0;
    m.put(KAPPA_WL, Dense.kappa(wL, "W_L")).put(S1_WL, sWl[0]).put(SK_WL, k <= sWl.length ? sWl[k - 1] : 0.0)
        .put(KAPPA_MBAR_PENULT, sKm > 0.0 ? sM[0] / sKm : Double.POSITIVE_INFINITY)
        .put(MIN_COS_PENULT, minCosine(means, wL))
        .put(SIGMA_K_OUT, Dense.sigma(zOut, k));

    // Prop 5.3 mechanism
    m.put(NTK_OP, HeadNtk.opNormFromFactor(head, factor, k));
    return m.build();
  }

  /**
   * The passes over the samples besides the SVD of Z_L1: the forward pass z (Z_{L1}, ..., Z_L), eps1, eps2 and r
   * (put into the measurement), the class means of Z_{L-1}, ||Z_{L-2}(I - Pi)|| and NC1tr(Z_{L-1}).
   */
  private record Passes(List<DMatrixRMaj> z, DMatrixRMaj means, double within, double nc1tr) {

    static Passes of(List<DMatrixRMaj> head, DMatrixRMaj zIn, Supplier<List<DMatrixRMaj>> forward, int[] labels,
        int k, DMatrixRMaj y, Measurement.Builder m) {
      int l2 = head.size();
      // forward: z.get(j) = Z_{L1 + j}
      List<DMatrixRMaj> z = forward.get();
      requireForward(head, zIn, z);
      double eps1 = Dense.frob(Dense.minus(z.get(l2), y));
      if (!Double.isFinite(eps1)) { // a non-finite entry of a wide Z_L1 (not scanned by validate) is named here
        checkFinite(zIn, "Z_L1");
      }
      m.put(EPS1, eps1);
      double eps2 = 0.0;
      double r = 0.0;
      for (DMatrixRMaj w : head) {
        r = Math.max(r, Dense.opNorm(w));
      }
      for (int j = 0; j + 1 < l2; j++) {
        eps2 = Math.max(eps2, Dense.opNorm(Dense.balanceGap(head.get(j), head.get(j + 1))));
      }
      m.put(EPS2, eps2).put(R, r);
      DMatrixRMaj zPenult = z.get(l2 - 1);
      DMatrixRMaj means = classMeans(zPenult, y, labels);
      DMatrixRMaj zAnte = z.get(l2 - 2);
      double within = withinNorm(zAnte, labels, classMeans(zAnte, y, labels));
      return new Passes(z, means, within, JswmQuantities.nc1Trace(zPenult, labels, means));
    }
  }

  /** A = W_L ... W_{L1+1}. */
  static DMatrixRMaj product(List<DMatrixRMaj> head) {
    DMatrixRMaj a = head.get(0).copy();
    for (int j = 1; j < head.size(); j++) {
      a = Dense.mult(head.get(j), a);
    }
    return a;
  }

  private static void validate(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k, double lambda,
      double eta, double lossScale) {
    if (head.size() < 2) {
      throw InvalidInputException.of("the [JSWM] head needs L2 >= 2 linear layers, got %d", head.size());
    }
    if (k < 2) {
      throw InvalidInputException.of("K = %d: need at least 2 classes", k);
    }
    if (!(lambda >= 0) || !(eta >= 0) || !(lossScale > 0) || !Double.isFinite(lambda)
        || !Double.isFinite(eta) || !Double.isFinite(lossScale)) {
      throw InvalidInputException.of("need finite lambda >= 0, eta >= 0, loss scale > 0; got %s, %s, %s",
          lambda, eta, lossScale);
    }
    if (labels.length != zIn.numCols) {
      throw InvalidInputException.of("%d labels for %d samples (columns of Z_L1)", labels.length, zIn.numCols);
    }
    int rows = zIn.numRows;
    for (int j = 0; j < head.size(); j++) {
      DMatrixRMaj w = head.get(j);
      if (w.numCols != rows) {
        throw InvalidInputException.of("head layer %d is %dx%d but its input has %d rows", j + 1, w.numRows,
            w.numCols, rows);
      }
      checkFinite(w, "head layer " + (j + 1));
      rows = w.numRows;
    }
    if (rows != k) {
      throw InvalidInputException.of("the last head layer has %d rows, expected K = %d", rows, k);
    }
    if (!WideSvd.isWide(zIn)) { // a wide Z_L1 is checked by its factorization (Dense#factored), no extra pass
      checkFinite(zIn, "Z_L1");
    }
    boolean[] seen = new boolean[k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw InvalidInputException.of("label %d at index %d is outside 0..%d", labels[i], i, k - 1);
      }
      seen[labels[i]] = true;
    }
    for (int c = 0; c < k; c++) {
      if (!seen[c]) {
        throw InvalidInputException.of("class %d has no sample", c);
      }
    }
  }

  private static void checkFinite(DMatrixRMaj m, String name) {
    long bad = Finite.firstNonFinite(m.data, m.getNumElements());
    if (bad >= 0) {
      throw InvalidInputException.of("%s has a non-finite entry at flat index %d", name, bad);
    }
  }

  static DMatrixRMaj oneHot(int[] labels, int k) {
    DMatrixRMaj y = new DMatrixRMaj(k, labels.length);
    for (int i = 0; i < labels.length; i++) {
      y.set(labels[i], i, 1.0);
    }
    return y;
  }

  /** A plain sum of squares above this lost nothing to underflow that matters ({@link Norms#PLAIN_SUM_MIN}). */
  private static final double PLAIN_SUM_MIN = Norms.PLAIN_SUM_MIN;

  /** Feature rows per parallel task of the passes over Z (fixed: the same sums for any thread count). */
  private static final int ROW_CHUNK = 8;

  /** Uncentered class means [mu_1..mu_K] (d x K) ({@link #classMeans(DMatrixRMaj, DMatrixRMaj, int[])}). */
  static DMatrixRMaj classMeans(DMatrixRMaj h, int[] labels, int k) {
    return classMeans(h, oneHot(labels, k), labels);
  }

  /**
   * Uncentered class means [mu_1..mu_K] (d x K): the class sums H Y^T (Y the one-hot K x N labels) through the fast
   * backend, each divided by its class size.
   */
  static DMatrixRMaj classMeans(DMatrixRMaj h, DMatrixRMaj y, int[] labels) {
    int k = y.numRows;
    int n = h.numCols;
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, k);
    Backends.best().dgemm(false, true, h.numRows, k, n, 1.0, h.data, 0, n, y.data, 0, n, 0.0, means.data, 0, k);
    int[] count = new int[k];
    for (int label : labels) {
      count[label]++;
    }
    for (int r = 0; r < h.numRows; r++) {
      for (int c = 0; c < k; c++) {
        means.data[r * k + c] /= count[c];
      }
    }
    return means;
  }

  /**
   * ||H (I - Pi)|| (Frobenius: each column minus its class mean) without forming H (I - Pi): one pass over H
   * after the class means ({@link #withinNorm(DMatrixRMaj, int[], DMatrixRMaj)}).
   */
  static double withinNorm(DMatrixRMaj h, int[] labels, int k) {
    return withinNorm(h, labels, classMeans(h, labels, k));
  }

  /**
   * {@link #withinNorm(DMatrixRMaj, int[], int)} given the class means, in one pass: the plain sum of the squared
   * deviations h_ri - mu_r,y_i over feature rows in parallel chunks of {@value #ROW_CHUNK} (two interleaved partial
   * sums per chunk: independent chains of additions), the chunks' sums added in order, so the same value for any
   * thread count. When the plain sum could have overflowed or underflowed (not finite, or below
   * {@value #PLAIN_SUM_MIN}: deviations beyond 1e154 or below 1e-154), the scaled sums of {@link Dense#frob}
   * instead, in two passes (a matrix of at most {@value #ROW_CHUNK} rows then gives {@link Dense#frob} of the
   * deviations exactly).
   */
  static double withinNorm(DMatrixRMaj h, int[] labels, DMatrixRMaj means) {
    int n = h.numCols;
    int k = means.numCols;
    int chunks = (h.numRows + ROW_CHUNK - 1) / ROW_CHUNK;
    double[] plain = new double[chunks];
    Parallel.forChunks(h.numRows, ROW_CHUNK, (r0, r1) -> {
      double s0 = 0.0;
      double s1 = 0.0;
      for (int r = r0; r < r1; r++) {
        int row = r * n;
        int mrow = r * k;
        int i = 0;
        for (; i + 1 < n; i += 2) {
          double v0 = h.data[row + i] - means.data[mrow + labels[i]];
          double v1 = h.data[row + i + 1] - means.data[mrow + labels[i + 1]];
          s0 += v0 * v0;
          s1 += v1 * v1;
        }
        if (i < n) {
          double v = h.data[row + i] - means.data[mrow + labels[i]];
          s0 += v * v;
        }
      }
      plain[r0 / ROW_CHUNK] = s0 + s1;
    });
    double total = 0.0;
    for (double p : plain) {
      total += p;
    }
    if (Double.isFinite(total) && total > PLAIN_SUM_MIN) {
      return Math.sqrt(total);
    }
    double[] part = new double[chunks];
    Parallel.forChunks(h.numRows, ROW_CHUNK, (r0, r1) -> {
      double scale = 0.0;
      for (int r = r0; r < r1; r++) {
        for (int i = 0; i < n; i++) {
          scale = Math.max(scale, Math.abs(h.data[r * n + i] - means.data[r * k + labels[i]]));
        }
      }
      part[r0 / ROW_CHUNK] = scale;
    });
    double scale = 0.0;
    for (double p : part) {
      scale = Math.max(scale, p);
    }
    if (scale == 0.0) {
      return 0.0;
    }
    double s = scale;
    Parallel.forChunks(h.numRows, ROW_CHUNK, (r0, r1) -> {
      double sum = 0.0;
      for (int r = r0; r < r1; r++) {
        for (int i = 0; i < n; i++) {
          double v = (h.data[r * n + i] - means.data[r * k + labels[i]]) / s;
          sum += v * v;
        }
      }
      part[r0 / ROW_CHUNK] = sum;
    });
    double sum = 0.0;
    for (double p : part) {
      sum += p;
    }
    return scale * Math.sqrt(sum);
  }

  /** NC1tr = tr Sigma_W / tr Sigma_B = ((1/N)||H(I - Pi)||^2) / ((1/K)||Mbar - mu_G 1^T||^2). */
  static double nc1Trace(DMatrixRMaj h, int[] labels, int k) {
    DMatrixRMaj y = oneHot(labels, k);
    return nc1Trace(h, labels, classMeans(h, y, labels));
  }

  /** {@link #nc1Trace(DMatrixRMaj, int[], int)} given the class means. */
  static double nc1Trace(DMatrixRMaj h, int[] labels, DMatrixRMaj means) {
    int n = labels.length;
    int k = means.numCols;
    double within = withinNorm(h, labels, means);
    double[] global = new double[h.numRows];
    Parallel.forChunks(h.numRows, ROW_CHUNK, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        int row = r * h.numCols;
        double acc = 0.0;
        for (int i = 0; i < n; i++) {
          acc += h.data[row + i] / n;
        }
        global[r] = acc;
      }
    });
    double between = 0.0;
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < h.numRows; r++) {
        double d = means.get(r, c) - global[r];
        between += d * d;
      }
    }
    if (between == 0.0) {
      throw new InvalidInputException("NC1tr is undefined: the class means of Z_{L-1} coincide");
    }
    return (within * within / n) / (between / k);
  }

  private static double minCosine(DMatrixRMaj means, DMatrixRMaj wL) {
    double min = Double.POSITIVE_INFINITY;
    for (int c = 0; c < wL.numRows; c++) {
      double dot = 0;
      double nm = 0;
      double nw = 0;
      for (int r = 0; r < wL.numCols; r++) {
        dot += means.get(r, c) * wL.get(c, r);
        nm += means.get(r, c) * means.get(r, c);
        nw += wL.get(c, r) * wL.get(c, r);
      }
      if (nm == 0.0 || nw == 0.0) {
        throw InvalidInputException.of("cos(mu_%d, w_%d) is undefined: a zero vector", c, c);
      }
      min = Math.min(min, dot / Math.sqrt(nm * nw));
    }
    return min;
  }

  /**
   * ||Theta||_op of the head-only NTK Theta(E) = sum_l A_{>l} A_{>l}^T E Z_{l-1}^T Z_{l-1} on K x N
   * matrices (A_{>l} = W_L ... W_{l+1}), computed exactly on the range of Z_{L1} ({@link HeadNtk}).
   *
   * @param z the forward pass Z_{L1}, ..., Z_L ({@link #forward})
   */
  static double headNtkOpNorm(List<DMatrixRMaj> head, List<DMatrixRMaj> z, int k) {
    return HeadNtk.opNorm(head, z.get(0), k);
  }

  /**
   * As {@link #headNtkOpNorm(List, List, int)}; with {@code explicit} the K N x K N matrix
   * sum_l (Z_{l-1}^T Z_{l-1}) kron (A_{>l} A_{>l}^T) is formed and eigensolved (small cases only: the
   * reference the exact restricted computation is checked against).
   */
  static double headNtkOpNorm(List<DMatrixRMaj> head, List<DMatrixRMaj> z, int k, boolean explicit) {
    if (!explicit) {
      return headNtkOpNorm(head, z, k);
    }
    int l2 = head.size();
    int n = z.get(0).numCols;
    int dim = k * n;
    DMatrixRMaj theta = new DMatrixRMaj(dim, dim);
    for (int j = 0; j < l2; j++) {
      DMatrixRMaj after = CommonOps_DDRM.identity(k);
      for (int t = l2 - 1; t > j; t--) {
        after = Dense.mult(after, head.get(t));
      }
      DMatrixRMaj pj = Dense.multTransB(after, after);
      DMatrixRMaj q = Dense.multTransA(z.get(j), z.get(j));
      for (int c1 = 0; c1 < n; c1++) {
        for (int c2 = 0; c2 < n; c2++) {
          double qv = q.get(c1, c2);
          for (int r1 = 0; r1 < k; r1++) {
            for (int r2 = 0; r2 < k; r2++) {
              theta.add(c1 * k + r1, c2 * k + r2, qv * pj.get(r1, r2));
            }
          }
        }
      }
    }
    return Dense.lambdaMaxSym(theta);
  }

  /** A supplied forward pass has one matrix per layer after zIn itself, each of the layer's shape. */
  private static void requireForward(List<DMatrixRMaj> head, DMatrixRMaj zIn, List<DMatrixRMaj> z) {
    if (z.size() != head.size() + 1 || z.get(0) != zIn) {
      throw new IllegalArgumentException("the forward pass must start at Z_L1 and have one output per head layer");
    }
    for (int j = 0; j < head.size(); j++) {
      if (z.get(j + 1).numRows != head.get(j).numRows || z.get(j + 1).numCols != zIn.numCols) {
        throw new IllegalArgumentException("forward output " + (j + 1) + " does not have the shape of W_l Z_{l-1}");
      }
    }
  }

  /** Z_{L1}, Z_{L1+1}, ..., Z_L: the forward pass of the linear head. */
  static List<DMatrixRMaj> forward(List<DMatrixRMaj> head, DMatrixRMaj zIn) {
    List<DMatrixRMaj> z = new ArrayList<>();
    z.add(zIn);
    for (DMatrixRMaj w : head) {
      z.add(Dense.mult(w, z.get(z.size() - 1)));
    }
    return z;
  }

  /**
   * The critical-point quantities of [JSWM] (docs/theory.md section 5), from the full gradients
   * R_l = G_l + lambda W_l that the trainer computed (its own backprop, weight decay included), so that
   * {@link CriticalBalancednessClaim} cross-checks the trainer against the identity
   * lambda D_l = W_{l+1}^T R_{l+1} - R_l W_l^T. Per linear head pair: the identity residual and its
   * scale (largest over the pairs), lambda ||D_l||, and ||D_l||_op with its bound
   * (||W_{l+1}||_op ||R_{l+1}||_op + ||R_l||_op ||W_l||_op)/lambda for the pair with the least slack.
   *
   * @param head W_{L1+1}..W_L, at least two layers
   * @param fullGradients R_{L1+1}..R_L, same shapes
   * @param lambda the weight decay the trainer applied to the head
   */
  public static Measurement criticalPoint(List<DMatrixRMaj> head, List<DMatrixRMaj> fullGradients, double lambda) {
    if (head.size() < 2 || fullGradients.size() != head.size()) {
      throw InvalidInputException.of("critical point: need L2 >= 2 head layers and one gradient per layer, got %d"
          + " and %d", head.size(), fullGradients.size());
    }
    if (!(lambda >= 0) || !Double.isFinite(lambda)) {
      throw InvalidInputException.of("critical point: lambda must be finite and >= 0, got %s", lambda);
    }
    for (int j = 0; j < head.size(); j++) {
      DMatrixRMaj w = head.get(j);
      DMatrixRMaj g = fullGradients.get(j);
      if (w.numRows != g.numRows || w.numCols != g.numCols) {
        throw InvalidInputException.of("critical point: gradient %d is %dx%d but its layer is %dx%d", j + 1,
            g.numRows, g.numCols, w.numRows, w.numCols);
      }
      checkFinite(g, "gradient " + (j + 1));
      checkFinite(w, "head layer " + (j + 1));
    }
    double bestSlack = Double.POSITIVE_INFINITY;
    double dOpAt = 0.0;
    double boundAt = 0.0;
    double residual = 0.0;
    double scale = 0.0;
    double lambdaD = 0.0;
    for (int j = 0; j + 1 < head.size(); j++) {
      DMatrixRMaj wl = head.get(j);
      DMatrixRMaj wn = head.get(j + 1);
      DMatrixRMaj d = Dense.balanceGap(wl, wn);
      DMatrixRMaj left = Dense.multTransA(wn, fullGradients.get(j + 1));
      DMatrixRMaj right = Dense.multTransB(fullGradients.get(j), wl);
      DMatrixRMaj lamD = d.copy();
      CommonOps_DDRM.scale(lambda, lamD);
      residual = Math.max(residual, Dense.frob(Dense.minus(lamD, Dense.minus(left, right))));
      lambdaD = Math.max(lambdaD, Dense.frob(lamD));
      double grams = Dense.frob(Dense.multTransA(wn, wn)) + Dense.frob(Dense.multTransB(wl, wl));
      scale = Math.max(scale, lambda * grams + Dense.frob(left) + Dense.frob(right));
      double dOp = Dense.opNorm(d);
      double bound = lambda == 0.0 ? Double.POSITIVE_INFINITY
          : (Dense.opNorm(wn) * Dense.opNorm(fullGradients.get(j + 1))
              + Dense.opNorm(fullGradients.get(j)) * Dense.opNorm(wl)) / lambda;
      if (j == 0 || bound - dOp < bestSlack) {
        bestSlack = bound - dOp;
        dOpAt = dOp;
        boundAt = bound;
      }
    }
    return Measurement.builder().put(L2, head.size()).put(LAMBDA, lambda)
        .put(CRIT_D_OP, dOpAt).put(CRIT_BOUND, boundAt)
        .put(CRIT_IDENTITY_RESIDUAL, residual).put(CRIT_IDENTITY_SCALE, scale).put(CRIT_LAMBDA_D, lambdaD).build();
  }
}
