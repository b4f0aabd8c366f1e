package ncverify.theory.geometry;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain double[][] linear algebra for tests, written independently of EJML so that checks of the
 * production code do not reuse its arithmetic.
 */
public final class Arrays2d {

  private Arrays2d() {}

  public static double[][] of(DMatrixRMaj a) {
    double[][] out = new double[a.numRows][a.numCols];
    for (int i = 0; i < a.numRows; i++) {
      for (int j = 0; j < a.numCols; j++) {
        out[i][j] = a.get(i, j);
      }
    }
    return out;
  }

  public static double[][] mult(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    int inner = b.length;
    if (a[0].length != inner) {
      throw new IllegalArgumentException("shape mismatch");
    }
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < inner; p++) {
        double aip = a[i][p];
        if (aip == 0) {
          continue;
        }
        for (int j = 0; j < m; j++) {
          c[i][j] += aip * b[p][j];
        }
      }
    }
    return c;
  }

  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  /** A^T A. */
  public static double[][] gramCols(double[][] a) {
    return mult(transpose(a), a);
  }

  /** A A^T. */
  public static double[][] gramRows(double[][] a) {
    return mult(a, transpose(a));
  }

  public static double frob(double[][] a) {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  public static double[][] scale(double[][] a, double f) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = f * a[i][j];
      }
    }
    return out;
  }

  public static double[][] add(double[][] a, double[][] b, double fb) {
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = a[i][j] + fb * b[i][j];
      }
    }
    return out;
  }

  public static double maxAbsDiff(double[][] a, double[][] b) {
    if (a.length != b.length || a[0].length != b[0].length) {
      throw new IllegalArgumentException("shape mismatch");
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return m;
  }

  /** ndist(A, B) = || A/||A|| - B/||B|| || (docs/theory.md section 0). */
  public static double ndist(double[][] a, double[][] b) {
    return frob(add(scale(a, 1 / frob(a)), scale(b, 1 / frob(b)), -1));
  }

  public static double[][] identity(int n) {
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      out[i][i] = 1;
    }
    return out;
  }

  /** I - 11^T/K. */
  public static double[][] centering(int k) {
    double[][] s = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        s[i][j] = (i == j ? 1.0 : 0.0) - 1.0 / k;
      }
    }
    return s;
  }

  /** One-hot Y (K x N) for labels sorted by class. */
  public static double[][] oneHotSorted(int[] sizes) {
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    double[][] y = new double[sizes.length][n];
    int i = 0;
    for (int k = 0; k < sizes.length; k++) {
      for (int j = 0; j < sizes[k]; j++) {
        y[k][i++] = 1;
      }
    }
    return y;
  }

  public static double[][] gaussian(int rows, int cols, double scale, java.util.Random rng) {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = scale * rng.nextGaussian();
      }
    }
    return out;
  }
}
