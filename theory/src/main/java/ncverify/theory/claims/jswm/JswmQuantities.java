package ncverify.theory.claims.jswm;

import java.util.ArrayList;
import java.util.List;
import ncverify.theory.InvalidInputException;
import ncverify.theory.claims.Measurement;
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
  /** ||P_perp W_{L-1}||_op^2, P_perp the projector onto ker W_L. */
  public static final String KERNEL_LEAK_SQ = "kernel_leak_sq";
  /** lambda_max(W_{L-1} W_{L-1}^T - W_L^T W_L)_+. */
  public static final String LAMBDA_MAX_PLUS = "lambda_max_plus";
  /** max_i |s_i(W_{l+1})^2 - s_i(W_l)^2| for the head pair with the least Weyl slack. */
  public static final String SPECTRUM_SQ_DIFF = "spectrum_sq_diff";
  /** ||D_l||_op of that same pair. */
  public static final String SPECTRUM_PAIR_D_OP = "spectrum_pair_d_op";
  /**
   * max_l |kappa_r(W_l) - kappa(A)^{1/L2}| / kappa(A)^{1/L2}, kappa_r(W) = s_1(W)/s_r(W) over the r = rank(A)
   * leading singular values: under exact balance every W_l has exactly r non-zero singular values, so
   * this is kappa(W_l); under eps2 &gt; 0 the other singular values are only bounded by sqrt(eps2)
   * (Weyl), far above the 1e-10 rank cutoff, and must not enter (reports/FINDINGS.md, F2).
   */
  public static final String KAPPA_W_REL_DEV = "kappa_w_rel_dev";
  /** kappa(A) = s_1/s_+. */
  public static final String KAPPA_A = "kappa_A";
  /** kappa(Z_{L1}) = s_1/s_+. */
  public static final String KAPPA_Z_IN = "kappa_Z_in";
  /** ||R||_op with R = A Z_{L1} - Y. */
  public static final String RESIDUAL_OP = "residual_op";
  /** ||A (I - P_Z)||_op / ||A||_op: how far row(A) is from col(Z_{L1}). */
  public static final String ROW_A_OUTSIDE_COL_Z = "rowA_outside_colZ";
  /** kappa(W_L). */
  public static final String KAPPA_WL = "kappa_W_L";
  /** s_1(W_L). */
  public static final String S1_WL = "s1_W_L";
  /** s_K(W_L). */
  public static final String SK_WL = "sK_W_L";
  /** kappa(Mbar_{L-1}) of the uncentered class means of Z_{L-1}. */
  public static final String KAPPA_MBAR_PENULT = "kappa_mbar_penult";
  /** ||W_L Mbar_{L-1} - I_K||_op. */
  public static final String MEANS_FIT_OP = "means_fit_op";
  /** ||P_perp Mbar_{L-1}||_op. */
  public static final String MEANS_LEAK_OP = "means_leak_op";
  /** ||P_perp Mbar_{L-1}||_op / ||Mbar_{L-1}||_op. */
  public static final String MEANS_LEAK_REL = "means_leak_rel";
  /** min_k cos(mu_k, w_k), mu_k class mean of Z_{L-1}, w_k row k of W_L. */
  public static final String MIN_COS_PENULT = "min_cos_penult";
  /** sum over head layers ||W_l||^2 (Frobenius). */
  public static final String HEAD_SQ_NORM = "head_sq_norm";
  /** ||Z_{L1}||_op. */
  public static final String Z_IN_OP = "z_in_op";
  /** sigma_K(Z_L). */
  public static final String SIGMA_K_OUT = "sigmaK_out";
  /** c_head = sum_head ||W_l||^2 - L2 K. */
  public static final String C_HEAD = "c_head";
  /** beta = 2K log_+(||Z_{L1}||_op / sigma_K(Z_L)). */
  public static final String BETA = "beta";
  /** delta = (c_head + beta)/L2. */
  public static final String DELTA = "delta";
  /** ||Theta||_op of the head-only empirical NTK (a lower bound on the full-network one). */
  public static final String NTK_OP = "ntk_op";
  /** ||D_l||_op for the head pair with the least critical-point slack. */
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
    return measure(head, zIn, labels, k, lambda, eta, lossScale);
  }

  /**
   * All [JSWM] quantities.
   *
   * @param head W_{L1+1}..W_L, at least two layers
   * @param zIn Z_{L1}, n_{L1} x N
   * @param labels y_i in 0..K-1, every class non-empty
   * @param k K &gt;= 2
   * @param lambda weight decay &gt;= 0
   * @param eta learning rate &gt;= 0
   * @param lossScale c in (c/2)||Z_L - Y||^2 (enters the gradients of the critical-point quantities)
   */
  public static Measurement measure(List<DMatrixRMaj> head, DMatrixRMaj zIn, int[] labels, int k,
      double lambda, double eta, double lossScale) {
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

    // forward: z.get(j) = Z_{L1 + j}
    List<DMatrixRMaj> z = forward(head, zIn);
    DMatrixRMaj zOut = z.get(l2);
    DMatrixRMaj zPenult = z.get(l2 - 1);
    DMatrixRMaj zAnte = z.get(l2 - 2);
    DMatrixRMaj a = head.get(0).copy();
    for (int j = 1; j < l2; j++) {
      a = Dense.mult(head.get(j), a);
    }
    DMatrixRMaj resid = Dense.minus(zOut, y);
    DMatrixRMaj wL = head.get(l2 - 1);
    DMatrixRMaj wPrev = head.get(l2 - 2);

    Measurement.Builder m = Measurement.builder()
        .put(K, k).put(L2, l2).put(N, n).put(N_MIN, nMin).put(N_MAX, nMax)
        .put(LAMBDA, lambda).put(ETA, eta)
        .put(EPS1, Dense.frob(resid));

    double eps2 = 0.0;
    double r = 0.0;
    double headSq = 0.0;
    for (DMatrixRMaj w : head) {
      r = Math.max(r, Dense.opNorm(w));
      headSq += Dense.frob(w) * Dense.frob(w);
    }
    double bestWeylSlack = Double.POSITIVE_INFINITY;
    double weylDiff = 0.0;
    double weylD = 0.0;
    for (int j = 0; j + 1 < l2; j++) {
      DMatrixRMaj d = Dense.balanceGap(head.get(j), head.get(j + 1));
      double dOp = Dense.opNorm(d);
      eps2 = Math.max(eps2, dOp);
      double diff = maxSquaredSpectrumDiff(head.get(j), head.get(j + 1));
      if (dOp - diff < bestWeylSlack) {
        bestWeylSlack = dOp - diff;
        weylDiff = diff;
        weylD = dOp;
      }
    }
    m.put(EPS2, eps2).put(R, r).put(HEAD_SQ_NORM, headSq)
        .put(SPECTRUM_SQ_DIFF, weylDiff).put(SPECTRUM_PAIR_D_OP, weylD);

    // Thm 3.1 NC1
    m.put(Z_PENULT_OP, Dense.opNorm(zPenult))
        .put(Z_ANTEPENULT_WITHIN, withinNorm(zAnte, labels, k))
        .put(NC1TR_PENULT, nc1Trace(zPenult, labels, k));

    // kernel lemma
    DMatrixRMaj pPerp = Dense.kernelProjector(wL);
    double leak = Dense.opNorm(Dense.mult(pPerp, wPrev));
    DMatrixRMaj gapRev = Dense.minus(Dense.multTransB(wPrev, wPrev), Dense.multTransA(wL, wL));
    m.put(KERNEL_LEAK_SQ, leak * leak).put(LAMBDA_MAX_PLUS, Math.max(0.0, Dense.lambdaMaxSym(gapRev)));

    // conditioning
    double kappaA = Dense.kappa(a, "A");
    double rootA = Math.pow(kappaA, 1.0 / l2);
    int rankA = Dense.svd(a).rank();
    double dev = 0.0;
    for (int j = 0; j < l2; j++) {
      dev = Math.max(dev, Math.abs(kappaLeading(head.get(j), rankA) - rootA) / rootA);
    }
    Dense.Svd zInSvd = Dense.svd(zIn); // once: kappa, the projector, the op norm and the NTK use it
    DMatrixRMaj pZ = Dense.columnProjector(zInSvd, zIn.numRows);
    DMatrixRMaj aOut = Dense.minus(a, Dense.mult(a, pZ));
    double[] sWl = Dense.singularValues(wL);
    double s1 = sWl[0];
    double sK = k <= sWl.length ? sWl[k - 1] : 0.0;
    m.put(KAPPA_A, kappaA).put(KAPPA_W_REL_DEV, dev)
        .put(KAPPA_Z_IN, Dense.kappa(zInSvd, "Z_L1"))
        .put(RESIDUAL_OP, Dense.opNorm(resid))
        .put(ROW_A_OUTSIDE_COL_Z, Dense.opNorm(aOut) / Dense.opNorm(a))
        .put(KAPPA_WL, Dense.kappa(wL, "W_L")).put(S1_WL, s1).put(SK_WL, sK);

    // NC2 / NC3 of the penultimate layer
    DMatrixRMaj means = classMeans(zPenult, labels, k);
    DMatrixRMaj fit = Dense.mult(wL, means);
    for (int i = 0; i < k; i++) {
      fit.add(i, i, -1.0);
    }
    double meansLeak = Dense.opNorm(Dense.mult(pPerp, means));
    double meansOp = Dense.opNorm(means);
    m.put(KAPPA_MBAR_PENULT, Dense.kappa(means, "Mbar_{L-1}"))
        .put(MEANS_FIT_OP, Dense.opNorm(fit)).put(MEANS_LEAK_OP, meansLeak)
        .put(MEANS_LEAK_REL, meansOp == 0.0 ? 0.0 : meansLeak / meansOp)
        .put(MIN_COS_PENULT, minCosine(means, wL));

    // Thm 5.2 mechanism
    double zInOp = zInSvd.s().length == 0 ? 0.0 : zInSvd.s()[0];
    double sigmaKOut = Dense.sigma(zOut, k);
    double cHead = headSq - l2 * (double) k;
    double beta = sigmaKOut == 0.0 ? Double.POSITIVE_INFINITY
        : 2.0 * k * Math.max(0.0, Math.log(zInOp / sigmaKOut));
    m.put(Z_IN_OP, zInOp).put(SIGMA_K_OUT, sigmaKOut).put(C_HEAD, cHead).put(BETA, beta)
        .put(DELTA, (cHead + beta) / l2);

    // Prop 5.3 mechanism
    m.put(NTK_OP, HeadNtk.opNormFromFactor(head, HeadNtk.factor(zInSvd), k));

    // critical points
    criticalPoint(head, z, y, lambda, lossScale, m);
    return m.build();
  }

  /** s_1(W)/s_r(W), the condition number over the r leading singular values (infinite if s_r = 0). */
  static double kappaLeading(DMatrixRMaj w, int r) {
    double[] sv = Dense.singularValues(w);
    if (r < 1 || r > sv.length || sv[r - 1] == 0.0) {
      return Double.POSITIVE_INFINITY;
    }
    return sv[0] / sv[r - 1];
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
    checkFinite(zIn, "Z_L1");
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
    for (int i = 0; i < m.getNumElements(); i++) {
      if (!Double.isFinite(m.data[i])) {
        throw InvalidInputException.of("%s has a non-finite entry at flat index %d", name, i);
      }
    }
  }

  static DMatrixRMaj oneHot(int[] labels, int k) {
    DMatrixRMaj y = new DMatrixRMaj(k, labels.length);
    for (int i = 0; i < labels.length; i++) {
      y.set(labels[i], i, 1.0);
    }
    return y;
  }

  /** Uncentered class means [mu_1..mu_K] (d x K). */
  static DMatrixRMaj classMeans(DMatrixRMaj h, int[] labels, int k) {
    DMatrixRMaj means = new DMatrixRMaj(h.numRows, k);
    int[] count = new int[k];
    for (int label : labels) {
      count[label]++;
    }
    int n = h.numCols;
    for (int r = 0; r < h.numRows; r++) { // row by row (contiguous); per entry the same sum as column by column
      int row = r * n;
      int mrow = r * k;
      for (int i = 0; i < labels.length; i++) {
        means.data[mrow + labels[i]] += h.data[row + i];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int r = 0; r < h.numRows; r++) {
        means.set(r, c, means.get(r, c) / count[c]);
      }
    }
    return means;
  }

  /**
   * ||H (I - Pi)|| (Frobenius: each column minus its class mean) without forming H (I - Pi): the scaled
   * sums of {@link Dense#frob} over the deviations, in two passes over H.
   */
  static double withinNorm(DMatrixRMaj h, int[] labels, int k) {
    DMatrixRMaj means = classMeans(h, labels, k);
    int n = h.numCols;
    double scale = 0.0;
    for (int r = 0; r < h.numRows; r++) {
      for (int i = 0; i < n; i++) {
        scale = Math.max(scale, Math.abs(h.data[r * n + i] - means.data[r * k + labels[i]]));
      }
    }
    if (scale == 0.0) {
      return 0.0;
    }
    double sum = 0.0;
    for (int r = 0; r < h.numRows; r++) {
      for (int i = 0; i < n; i++) {
        double v = (h.data[r * n + i] - means.data[r * k + labels[i]]) / scale;
        sum += v * v;
      }
    }
    return scale * Math.sqrt(sum);
  }

  /** NC1tr = tr Sigma_W / tr Sigma_B = ((1/N)||H(I - Pi)||^2) / ((1/K)||Mbar - mu_G 1^T||^2). */
  static double nc1Trace(DMatrixRMaj h, int[] labels, int k) {
    int n = labels.length;
    double within = withinNorm(h, labels, k);
    DMatrixRMaj means = classMeans(h, labels, k);
    double[] global = new double[h.numRows];
    for (int r = 0; r < h.numRows; r++) {
      int row = r * h.numCols;
      double acc = 0.0;
      for (int i = 0; i < n; i++) {
        acc += h.data[row + i] / n;
      }
      global[r] = acc;
    }
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

  /** max_i |s_i(W_{l+1})^2 - s_i(W_l)^2|, both spectra padded with zeros to n_l. */
  private static double maxSquaredSpectrumDiff(DMatrixRMaj wl, DMatrixRMaj wNext) {
    double[] a = Dense.singularValues(wNext);
    double[] b = Dense.singularValues(wl);
    int len = wl.numRows;
    double max = 0.0;
    for (int i = 0; i < len; i++) {
      double x = i < a.length ? a[i] * a[i] : 0.0;
      double y = i < b.length ? b[i] * b[i] : 0.0;
      max = Math.max(max, Math.abs(x - y));
    }
    return max;
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

  /** Z_{L1}, Z_{L1+1}, ..., Z_L: the forward pass of the linear head. */
  static List<DMatrixRMaj> forward(List<DMatrixRMaj> head, DMatrixRMaj zIn) {
    List<DMatrixRMaj> z = new ArrayList<>();
    z.add(zIn);
    for (DMatrixRMaj w : head) {
      z.add(Dense.mult(w, z.get(z.size() - 1)));
    }
    return z;
  }

  /** Head gradients G_l of (c/2)||Z_L - Y||^2 (unregularized), first head layer first. */
  static List<DMatrixRMaj> headGradients(List<DMatrixRMaj> head, List<DMatrixRMaj> z, DMatrixRMaj y,
      double lossScale) {
    int l2 = head.size();
    DMatrixRMaj back = Dense.minus(z.get(l2), y);
    CommonOps_DDRM.scale(lossScale, back);
    DMatrixRMaj[] g = new DMatrixRMaj[l2];
    for (int j = l2 - 1; j >= 0; j--) {
      g[j] = Dense.multTransB(back, z.get(j));
      back = Dense.multTransA(head.get(j), back);
    }
    return List.of(g);
  }

  private static void criticalPoint(List<DMatrixRMaj> head, List<DMatrixRMaj> z, DMatrixRMaj y, double lambda,
      double lossScale, Measurement.Builder m) {
    List<DMatrixRMaj> g = headGradients(head, z, y, lossScale);
    List<DMatrixRMaj> full = new ArrayList<>();
    for (int j = 0; j < head.size(); j++) {
      DMatrixRMaj rj = head.get(j).copy();
      CommonOps_DDRM.scale(lambda, rj);
      CommonOps_DDRM.addEquals(rj, g.get(j));
      full.add(rj);
    }
    double bestSlack = Double.POSITIVE_INFINITY;
    double dOpAt = 0.0;
    double boundAt = 0.0;
    double residual = 0.0;
    double scale = 0.0;
    for (int j = 0; j + 1 < head.size(); j++) {
      DMatrixRMaj wl = head.get(j);
      DMatrixRMaj wn = head.get(j + 1);
      DMatrixRMaj d = Dense.balanceGap(wl, wn);
      DMatrixRMaj left = Dense.multTransA(wn, full.get(j + 1));
      DMatrixRMaj right = Dense.multTransB(full.get(j), wl);
      DMatrixRMaj lamD = d.copy();
      CommonOps_DDRM.scale(lambda, lamD);
      residual = Math.max(residual, Dense.frob(Dense.minus(lamD, Dense.minus(left, right))));
      double grams = Dense.frob(Dense.multTransA(wn, wn)) + Dense.frob(Dense.multTransB(wl, wl));
      scale = Math.max(scale, lambda * grams + Dense.frob(left) + Dense.frob(right));
      double dOp = Dense.opNorm(d);
      double bound = lambda == 0.0 ? Double.POSITIVE_INFINITY
          : (Dense.opNorm(wn) * Dense.opNorm(full.get(j + 1)) + Dense.opNorm(full.get(j)) * Dense.opNorm(wl))
              / lambda;
      if (j == 0 || bound - dOp < bestSlack) {
        bestSlack = bound - dOp;
        dOpAt = dOp;
        boundAt = bound;
      }
    }
    m.put(CRIT_D_OP, dOpAt).put(CRIT_BOUND, boundAt)
        .put(CRIT_IDENTITY_RESIDUAL, residual).put(CRIT_IDENTITY_SCALE, scale);
  }
}
