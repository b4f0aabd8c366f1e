package ncverify.theory.geometry.dufm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Shared tolerances, seeded random points and an independent per-sample loss for the tests. */
final class DufmTestSupport {

  /** Agreement of two evaluations of the same closed form. */
  static final double CLOSED_FORM_REL = 1e-10;
  /** Reference numbers of docs/theory.md section 4 are given to 9 digits. */
  static final double REFERENCE_ABS = 1e-8;

  private DufmTestSupport() {
  }

  static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.getNumElements(); i++) {
      m.data[i] = scale * rng.nextGaussian();
    }
    return m;
  }

  static DeepUfmPoint randomPoint(int[] widths, int numSamples, Random rng) {
    DMatrixRMaj h1 = gaussian(widths[0], numSamples, 1.0, rng);
    List<DMatrixRMaj> ws = new ArrayList<>();
    for (int l = 1; l < widths.length; l++) {
      ws.add(gaussian(widths[l], widths[l - 1], 0.7, rng));
    }
    return new DeepUfmPoint(h1, ws);
  }

  /**
   * The L-DUFM objective computed sample by sample with plain loops (independent of
   * DeepUfmObjective): (1/(2N)) sum_i ||z_i - e_{y_i}||^2 + sum_l lambda_l/2 ||W_l||^2
   * + lambda_H/2 ||H_1||^2.
   */
  static double perSampleLoss(DeepUfmPoint p, int[] labels, double[] lambdas, double lambdaH) {
    DMatrixRMaj h1 = p.h1();
    List<DMatrixRMaj> ws = p.weights();
    int n = h1.numCols;
    double fit = 0;
    for (int i = 0; i < n; i++) {
      double[] x = new double[h1.numRows];
      for (int r = 0; r < x.length; r++) {
        x[r] = h1.get(r, i);
      }
      for (int l = 0; l < ws.size(); l++) {
        DMatrixRMaj w = ws.get(l);
        double[] y = new double[w.numRows];
        for (int r = 0; r < w.numRows; r++) {
          double s = 0;
          for (int c = 0; c < w.numCols; c++) {
            s += w.get(r, c) * x[c];
          }
          y[r] = (l < ws.size() - 1) ? Math.max(0, s) : s;
        }
        x = y;
      }
      for (int k = 0; k < x.length; k++) {
        double d = x[k] - (labels[i] == k ? 1 : 0);
        fit += d * d;
      }
    }
    double reg = 0;
    for (int l = 0; l < ws.size(); l++) {
      reg += lambdas[l] / 2 * frob2(ws.get(l));
    }
    reg += lambdaH / 2 * frob2(h1);
    return fit / (2.0 * n) + reg;
  }

  static double frob2(DMatrixRMaj m) {
    double s = 0;
    for (double v : m.data) {
      s += v * v;
    }
    return s;
  }

  /** The point with every matrix perturbed by eps times a standard Gaussian. */
  static DeepUfmPoint perturb(DeepUfmPoint p, double eps, Random rng) {
    DMatrixRMaj h = p.h1();
    addNoise(h, eps, rng);
    List<DMatrixRMaj> ws = p.weights();
    for (DMatrixRMaj w : ws) {
      addNoise(w, eps, rng);
    }
    return new DeepUfmPoint(h, ws);
  }

  private static void addNoise(DMatrixRMaj m, double eps, Random rng) {
    for (int i = 0; i < m.getNumElements(); i++) {
      m.data[i] += eps * rng.nextGaussian();
    }
  }
}
