package ncverify.theory.geometry.seli;

import org.ejml.data.DMatrixRMaj;

/** Plain double[][] helpers for the SELI tests, independent of EJML's arithmetic. */
final class Dense {

  private Dense() {}

  static double[][] of(DMatrixRMaj a) {
    double[][] out = new double[a.numRows][a.numCols];
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        out[i][j] = a.get(i, j);
      }
    }
    return out;
  }

  static double[][] mult(double[][] a, double[][] b) {
    double[][] c = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int p = 0; p < b.length; p++) {
        for (int j = 0; j < b[0].length; j++) {
          c[i][j] += a[i][p] * b[p][j];
        }
      }
    }
    return c;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  static double frob(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  /** || a/||a|| - b/||b|| ||_F. */
  static double ndist(double[][] a, double[][] b) {
    double na = frob(a);
    double nb = frob(b);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        double d = a[i][j] / na - b[i][j] / nb;
        s += d * d;
      }
    }
    return Math.sqrt(s);
  }

  /** One-hot Y (K x N), labels sorted by class. */
  static double[][] oneHot(int[] sizes) {
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    double[][] y = new double[sizes.length][n];
    int i = 0;
    for (int c = 0; c < sizes.length; c++) {
      for (int j = 0; j < sizes[c]; j++) {
        y[c][i++] = 1;
      }
    }
    return y;
  }
}
