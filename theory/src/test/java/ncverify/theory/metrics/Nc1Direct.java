package ncverify.theory.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The direct d x d formula NC1 = tr(Sigma_W Sigma_B^+)/K, written independently of {@link Nc1}: class
 * means by column loops, Sigma_W and Sigma_B formed explicitly, Sigma_B^+ from a symmetric
 * eigendecomposition with eigenvalues {@code <= 1e-10 lambda_max} dropped.
 */
final class Nc1Direct {

  private Nc1Direct() {}

  static double of(DMatrixRMaj h, int[] y, int k, GlobalMean globalMean) {
    int d = h.numRows;
    int n = h.numCols;
    double[][] mu = new double[k][d];
    int[] count = new int[k];
    for (int i = 0; i < n; i++) {
      count[y[i]]++;
      for (int a = 0; a < d; a++) {
        mu[y[i]][a] += h.get(a, i);
      }
    }
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        mu[c][a] /= count[c];
      }
    }
    double[] g = new double[d];
    if (globalMean == GlobalMean.SAMPLE) {
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < d; a++) {
          g[a] += h.get(a, i) / n;
        }
      }
    } else {
      for (int c = 0; c < k; c++) {
        for (int a = 0; a < d; a++) {
          g[a] += mu[c][a] / k;
        }
      }
    }
    DMatrixRMaj sw = new DMatrixRMaj(d, d);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          sw.add(a, b, (h.get(a, i) - mu[y[i]][a]) * (h.get(b, i) - mu[y[i]][b]) / n);
        }
      }
    }
    DMatrixRMaj sb = new DMatrixRMaj(d, d);
    for (int c = 0; c < k; c++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          sb.add(a, b, (mu[c][a] - g[a]) * (mu[c][b] - g[b]) / k);
        }
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(sb.copy())) {
      throw new IllegalStateException("eig failed");
    }
    double max = 0;
    for (int j = 0; j < d; j++) {
      max = Math.max(max, eig.getEigenvalue(j).getReal());
    }
    DMatrixRMaj pinv = new DMatrixRMaj(d, d);
    for (int j = 0; j < d; j++) {
      double lambda = eig.getEigenvalue(j).getReal();
      if (lambda <= 1e-10 * max) {
        continue;
      }
      DMatrixRMaj v = eig.getEigenVector(j);
      double vv = 0;
      for (int a = 0; a < d; a++) {
        vv += v.get(a) * v.get(a);
      }
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          pinv.add(a, b, v.get(a) * v.get(b) / (vv * lambda));
        }
      }
    }
    double trace = 0;
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        trace += sw.get(a, b) * pinv.get(b, a);
      }
    }
    return trace / k;
  }
}
