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
 *       classifier's predictions and the fit error; the nearest class means ({@link NearestClassMean},
 *       samples in parallel) give NC4.
 * </ul>
 *
 * A block holds about {@value #BLOCK_DOUBLES} doubles (d x width), whatever N is.
 */
final class MetricPasses {

  /** Doubles per block when the width is not forced: 32 MB. */
  static final int BLOCK_DOUBLES = 1 << 22;
  /** Feature rows per task. */
  private static final int ROW_CHUNK = 8;
  /** Samples per task for the nearest class means and the predictions. */
  private static final int SAMPLE_CHUNK = 256;

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
    double[] logits = w == null ? null : new double[w.numRows * width];
    double[] sumSq = new double[nc1 ? r : 0];
    double[] traceRows = new double[trace ? d : 0];
    int[] predicted = w == null ? null : new int[n];
    int[] nearest = work.nearest() ? new int[n] : null;
    double[] fit = {1.0, 0.0};
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
      if (w != null) {
        int kw = w.numRows;
        blas.dgemm(false, false, kw, bw, d, 1.0, w.data, 0, d, data, b.offset(), b.ld(), 0.0, logits, 0, bw);
        int[] pred = Logits.argmax(DMatrixRMaj.wrap(kw, bw, logits), work.bias());
        System.arraycopy(pred, 0, predicted, i0, bw);
        if (y != null) {
          accumulateFit(logits, kw, bw, y, start, fit);
        }
      }
      if (nearest != null) {
        Parallel.forChunks(bw, SAMPLE_CHUNK, (j0, j1) -> {
          int cw = j1 - j0;
          double[] dist = new double[k * cw];
          WideProducts.squaredDistancesBlock(data, b.offset() + j0, b.ld(), d, mbar, cw, dist);
          for (int t = 0; t < cw; t++) {
            int best = 0;
            double bestDist = dist[t];
            for (int c = 1; c < k; c++) {
              if (dist[c * cw + t] < bestDist) {
                bestDist = dist[c * cw + t];
                best = c;
              }
            }
            nearest[start + j0 + t] = best;
          }
        });
      }
      listener.progress(pass, passes, i0 + bw, n);
    }
    return new Second(sumSq, traceRows, predicted, nearest, fit[0], fit[1]);
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
