package ncverify.theory.metrics;

import ncverify.theory.linalg.Parallel;
import ncverify.theory.linalg.WideProducts;
import ncverify.theory.linalg.blas.Backends;
import ncverify.theory.linalg.blas.Blas;
import org.ejml.data.DMatrixRMaj;

/**
 * The two passes over the features behind every per-sample metric (docs/theory.md section 1), block by
 * block ({@link FeatureBlocks}), multithreaded over fixed chunks ({@link Parallel}: the same result
 * for any thread count), the products through the fast backend.
 *
 * <ul>
 *   <li>Pass 1, {@link #classMeans}: the class sums of every feature around a pivot (the first sample),
 *       feature rows in parallel, samples in order (the summation order of {@link ClassMeans}).
 *   <li>Pass 2, {@link #secondPass}: per block, the centered block H - Mbar Y (feature rows in
 *       parallel) gives tr Sigma_W (row sums of squares, {@link WithinClassScatter}) and the NC1
 *       projections U_r^T S_r^{-1} (H - Mbar Y) (one product, {@link Nc1}); W H (one product) gives the
 *       classifier's predictions and the fit error; Mbar^T H (one product) and the squared norms give the
 *       nearest class means exactly ({@link NearestClassMean}, samples in parallel), hence NC4.
 * </ul>
 *
 * A block holds about {@value #BLOCK_DOUBLES} doubles (d x width), whatever N is.
 */
final class MetricPasses {

  /** Doubles per block when the width is not forced: 32 MB. */
  static final int BLOCK_DOUBLES = 1 << 22;
  /** Feature rows per task. */
  private static final int ROW_CHUNK = 8;
  /** Samples per task for the nearest class means. */
  private static final int SAMPLE_CHUNK = 256;
  /** Safety factor of the error bound of the estimated distances to the class means (see nearestBlock). */
  private static final double NEAREST_GAMMA = 4.0;

  private MetricPasses() {}

  /** Samples per block: {@code forced} if positive, else about {@value #BLOCK_DOUBLES} / d; at most N. */
  static int width(FeatureBlocks src, int forced) {
    int n = src.numSamples();
    int w = forced > 0 ? forced : Math.max(WideProducts.BLOCK, BLOCK_DOUBLES / Math.max(1, src.dim()));
    return Math.max(1, Math.min(n, w));
  }

  /** n_k. */
  static int[] counts(int[] y, int k) {
    int[] c = new int[k];
    for (int label : y) {
      c[label]++;
    }
    return c;
  }

  /** Pass 1: the class means (labels already validated). */
  static ClassMeans classMeans(FeatureBlocks src, int[] y, int k, GlobalMean gm, int width, PassListener listener,
      int passes) {
    int d = src.dim();
    int n = src.numSamples();
    double[] buffer = src.inMemory() ? null : new double[d * width];
    double[] pivot = new double[d];
    double[] sums = new double[d * k];
    for (int i0 = 0; i0 < n; i0 += width) {
      int w = Math.min(width, n - i0);
      FeatureBlocks.Block b = src.block(i0, w, buffer);
      double[] data = b.data();
      if (i0 == 0) {
        for (int a = 0; a < d; a++) {
          pivot[a] = data[b.offset() + a * b.ld()];
        }
      }
      int start = i0;
      Parallel.forChunks(d, ROW_CHUNK, (a0, a1) -> {
        for (int a = a0; a < a1; a++) {
          int base = b.offset() + a * b.ld();
          int row = a * k;
          double p = pivot[a];
          for (int j = 0; j < w; j++) {
            sums[row + y[start + j]] += data[base + j] - p;
          }
        }
      });
      listener.progress(1, passes, i0 + w, n);
    }
    return ClassMeans.fromShiftedSums(pivot, sums, counts(y, k), n, gm);
  }

  /** What pass 2 computes. Null / NaN / false fields are skipped. */
  record Work(double[] nc1Rows, int nc1Rank, double traceScale, DMatrixRMaj w, double[] bias, boolean nearest) {
  }

  /**
   * Results of pass 2: the NC1 sums of squares per direction, the sum of the scaled squared deviations
   * per feature row (tr Sigma_W N scale^2 is their sum), the predictions argmax (W h_i + b), the nearest
   * class means, and the fit error ||W H - Y|| as scale sqrt(ssq).
   */
  record Second(double[] nc1SumSq, double[] traceRows, int[] predicted, int[] nearest, double fitScale,
      double fitSsq) {

    double trace() {
      double total = 0;
      for (double t : traceRows) {
        total += t;
      }
      return total;
    }

    double nc1Sum() {
      double total = 0;
      for (double s : nc1SumSq) {
        total += s;
      }
      return total;
    }

    double fitError() {
      return fitScale * Math.sqrt(fitSsq);
    }
  }

  /** Pass 2 over the blocks; {@code y} may be null when only the nearest class means are asked for. */
  static Second secondPass(FeatureBlocks src, int[] y, DMatrixRMaj mbar, Work work, int width,
      PassListener listener, int pass, int passes) {
    int d = src.dim();
    int n = src.numSamples();
    int k = mbar.numCols;
    boolean nc1 = work.nc1Rows() != null && work.nc1Rank() > 0;
    boolean trace = !Double.isNaN(work.traceScale());
    boolean centered = nc1 || trace;
    DMatrixRMaj w = work.w();
    Blas blas = Backends.best();
    double[] buffer = src.inMemory() ? null : new double[d * width];
    double[] hc = centered ? new double[d * width] : null;
    int r = work.nc1Rank();
    double[] proj = nc1 ? new double[r * width] : null;
    double[] sumSq = new double[nc1 ? r : 0];
    double[] traceRows = new double[trace ? d : 0];
    int[] predicted = w == null ? null : new int[n];
    int[] nearest = work.nearest() ? new int[n] : null;
    double[] fit = {1.0, 0.0};
    double[] meanSq = work.nearest() ? squaredNorms(mbar) : null;
    // one product per block gives W h (rows 0 .. K_W - 1) and Mbar^T h (the next K rows): the block is read once
    int kw = w == null ? 0 : w.numRows;
    int rows = kw + (work.nearest() ? k : 0);
    double[] stacked = rows == 0 ? null : stack(w, work.nearest() ? mbar : null, d);
    double[] products = rows == 0 ? null : new double[rows * width];
    double[] md = mbar.data;
    for (int i0 = 0; i0 < n; i0 += width) {
      int bw = Math.min(width, n - i0);
      FeatureBlocks.Block b = src.block(i0, bw, buffer);
      double[] data = b.data();
      int start = i0;
      if (centered) {
        double scale = work.traceScale();
        Parallel.forChunks(d, ROW_CHUNK, (a0, a1) -> {
          for (int a = a0; a < a1; a++) {
            int base = b.offset() + a * b.ld();
            int out = a * bw;
            int mrow = a * k;
            double acc = 0;
            for (int j = 0; j < bw; j++) {
              double diff = data[base + j] - md[mrow + y[start + j]];
              hc[out + j] = diff;
              if (trace) {
                double s = diff * scale;
                acc += s * s;
              }
            }
            if (trace) {
              traceRows[a] += acc;
            }
          }
        });
      }
      if (nc1) {
        blas.dgemm(false, false, r, bw, d, 1.0, work.nc1Rows(), 0, d, hc, 0, bw, 0.0, proj, 0, bw);
        for (int j = 0; j < r; j++) {
          double acc = 0;
          int o = j * bw;
          for (int t = 0; t < bw; t++) {
            acc += proj[o + t] * proj[o + t];
          }
          sumSq[j] += acc;
        }
      }
      if (stacked != null) {
        blas.dgemm(false, false, rows, bw, d, 1.0, stacked, 0, d, data, b.offset(), b.ld(), 0.0, products, 0, bw);
      }
      if (w != null) {
        int[] pred = Logits.argmax(DMatrixRMaj.wrap(kw, bw, products), work.bias());
        System.arraycopy(pred, 0, predicted, i0, bw);
        if (y != null) {
          accumulateFit(products, kw, bw, y, start, fit);
        }
      }
      if (nearest != null) {
        nearestBlock(b, bw, mbar, meanSq, products, kw * bw, nearest, start);
      }
      listener.progress(pass, passes, i0 + bw, n);
    }
    return new Second(sumSq, traceRows, predicted, nearest, fit[0], fit[1]);
  }

  /**
   * The nearest class means of the samples of block {@code b} into {@code nearest[start ..]}: exactly the
   * argmin (lowest index on ties) of the direct sums of squared differences of {@link
   * WideProducts#squaredDistancesBlock}, at the cost of one product. Each ||h - mu_k||^2 is first estimated
   * as ||h||^2 - 2 mu_k^T h + ||mu_k||^2 (mu_k^T h for all k from the block's product, at {@code dots[dotsOff ..]}); the error of the
   * estimate and of the direct sum are both below e_k = {@value #NEAREST_GAMMA} (d + 4) eps (||h|| +
   * ||mu_k||)^2 (eps = 2^-52; plus (3 d + 8) times the smallest subnormal for gradual underflow), so
   * the direct argmin is among the candidates k whose estimate minus e_k is at most the best estimate plus
   * its e. The candidates' distances are then summed directly, feature by feature in the
   * direct method's order (bit for bit its values); usually the best is the only candidate.
   */
  private static void nearestBlock(FeatureBlocks.Block b, int bw, DMatrixRMaj mbar, double[] meanSq,
      double[] dots, int dotsOff, int[] nearest, int start) {
    int d = mbar.numRows;
    int k = mbar.numCols;
    double[] data = b.data();
    double gamma = NEAREST_GAMMA * (d + 4) * Math.ulp(1.0);
    double underflow = (3.0 * d + 8) * Double.MIN_VALUE; // absolute error of operations on subnormal numbers
    double[] md = mbar.data;
    Parallel.forChunks(bw, SAMPLE_CHUNK, (j0, j1) -> {
      int cw = j1 - j0;
      double[] hs = new double[cw];
      for (int a = 0; a < d; a++) {
        int row = b.offset() + a * b.ld() + j0;
        for (int t = 0; t < cw; t++) {
          double v = data[row + t];
          hs[t] += v * v;
        }
      }
      int[] cand = new int[k];
      for (int t = 0; t < cw; t++) {
        int j = j0 + t;
        double hn = hs[t];
        int best = 0;
        double bestEst = Double.POSITIVE_INFINITY;
        double bestErr = 0;
        for (int c = 0; c < k; c++) {
          double est = hn - 2 * dots[dotsOff + c * bw + j] + meanSq[c];
          if (est < bestEst) {
            bestEst = est;
            best = c;
            bestErr = gamma * sq(Math.sqrt(hn) + Math.sqrt(meanSq[c])) + underflow;
          }
        }
        double limit = bestEst + bestErr;
        int m = 0;
        for (int c = 0; c < k; c++) {
          double est = hn - 2 * dots[dotsOff + c * bw + j] + meanSq[c];
          if (est - gamma * sq(Math.sqrt(hn) + Math.sqrt(meanSq[c])) - underflow <= limit) {
            cand[m++] = c;
          }
        }
        if (m == 1 && cand[0] == best && Double.isFinite(limit)) {
          nearest[start + j] = best;
          continue;
        }
        if (m == 0 || !Double.isFinite(limit)) { // overflow of the estimates: every class, directly
          for (int c = 0; c < k; c++) {
            cand[c] = c;
          }
          m = k;
        }
        int chosen = -1;
        double chosenDist = Double.POSITIVE_INFINITY;
        for (int q = 0; q < m; q++) {
          int c = cand[q];
          double dist = 0;
          int col = b.offset() + j;
          for (int a = 0; a < d; a++) {
            double diff = data[col + a * b.ld()] - md[a * k + c];
            dist += diff * diff;
          }
          if (chosen < 0 || dist < chosenDist) {
            chosenDist = dist;
            chosen = c;
          }
        }
        nearest[start + j] = chosen;
      }
    });
  }

  private static double sq(double x) {
    return x * x;
  }

  /** The rows of W (K_W x d, may be null) followed by those of Mbar^T (K x d, if mbar is not null). */
  private static double[] stack(DMatrixRMaj w, DMatrixRMaj mbar, int d) {
    int kw = w == null ? 0 : w.numRows;
    int k = mbar == null ? 0 : mbar.numCols;
    double[] out = new double[(kw + k) * d];
    if (w != null) {
      System.arraycopy(w.data, 0, out, 0, kw * d);
    }
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        out[(kw + c) * d + a] = mbar.data[a * k + c];
      }
    }
    return out;
  }

  /** ||mu_k||^2 of the columns of Mbar (d x K). */
  private static double[] squaredNorms(DMatrixRMaj mbar) {
    int k = mbar.numCols;
    double[] out = new double[k];
    for (int a = 0; a < mbar.numRows; a++) {
      for (int c = 0; c < k; c++) {
        double v = mbar.data[a * k + c];
        out[c] += v * v;
      }
    }
    return out;
  }

  /**
   * Adds the block's ((z - y)/scale)^2 to the running sum of squares {@code fit = {scale, ssq}}, raising
   * the scale to max(1, max |z|) first (ssq rescaled), as in {@link FitError}.
   */
  private static void accumulateFit(double[] z, int kw, int bw, int[] y, int start, double[] fit) {
    double max = fit[0];
    for (int i = 0; i < kw * bw; i++) {
      max = Math.max(max, Math.abs(z[i]));
    }
    if (max > fit[0]) {
      double ratio = fit[0] / max;
      fit[1] *= ratio * ratio;
      fit[0] = max;
    }
    double scale = fit[0];
    double sum = 0;
    for (int c = 0; c < kw; c++) {
      int row = c * bw;
      for (int t = 0; t < bw; t++) {
        double res = (z[row + t] - (y[start + t] == c ? 1.0 : 0.0)) / scale;
        sum += res * res;
      }
    }
    fit[1] += sum;
  }
}
