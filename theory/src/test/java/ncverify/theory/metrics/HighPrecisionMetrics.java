package ncverify.theory.metrics;

import java.math.BigDecimal;
import java.math.MathContext;
import org.ejml.data.DMatrixRMaj;

/**
 * Independent reference values of the metrics in {@link BigDecimal} arithmetic with 40 significant
 * digits (test-only; shares no code with the metrics under test). Every double input is converted
 * exactly ({@code new BigDecimal(double)}), so the only rounding is at 40 digits: the results are the
 * exact-arithmetic values of the formulas of docs/theory.md section 1 for the given double inputs, to far
 * better than double precision.
 *
 * <p>NC1 = tr(Sigma_W Sigma_B^+)/K is computed without an SVD, via a basis of the column space of Mc:
 * with A = the first r columns of Mc (d x r, full column rank, r = rank Mc, which the callers know),
 * Mc = A C, Sigma_B = (1/K) A G A^T with G = C C^T, and for full-column-rank A
 * (A G A^T)^+ = A (A^T A)^{-1} G^{-1} (A^T A)^{-1} A^T, so
 * NC1 = tr(A^T Sigma_W A P G^{-1} P) with P = (A^T A)^{-1}; all r x r solves.
 */
final class HighPrecisionMetrics {

  static final MathContext MC = new MathContext(40);

  private final int d;
  private final int n;
  private final int k;
  private final BigDecimal[][] mbar;
  private final BigDecimal[][] mc;
  private final int[] y;
  private final DMatrixRMaj h;

  /** Class means and centered means (sample-weighted global mean) of H (d x N). */
  HighPrecisionMetrics(DMatrixRMaj h, int[] y, int k) {
    this.h = h;
    this.y = y.clone();
    this.d = h.numRows;
    this.n = h.numCols;
    this.k = k;
    int[] counts = new int[k];
    for (int label : y) {
      counts[label]++;
    }
    mbar = new BigDecimal[d][k];
    mc = new BigDecimal[d][k];
    for (int a = 0; a < d; a++) {
      BigDecimal[] sums = new BigDecimal[k];
      java.util.Arrays.fill(sums, BigDecimal.ZERO);
      BigDecimal total = BigDecimal.ZERO;
      for (int i = 0; i < n; i++) {
        BigDecimal v = new BigDecimal(h.get(a, i));
        sums[y[i]] = sums[y[i]].add(v); // exact: no MathContext
        total = total.add(v);
      }
      BigDecimal global = total.divide(BigDecimal.valueOf(n), MC);
      for (int c = 0; c < k; c++) {
        mbar[a][c] = sums[c].divide(BigDecimal.valueOf(counts[c]), MC);
        mc[a][c] = mbar[a][c].subtract(global, MC);
      }
    }
  }

  /** tr Sigma_W = (1/N) sum_i ||h_i - mu_{y_i}||^2. */
  BigDecimal traceWithin() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int a = 0; a < d; a++) {
      for (int i = 0; i < n; i++) {
        BigDecimal diff = new BigDecimal(h.get(a, i)).subtract(mbar[a][y[i]], MC);
        sum = sum.add(diff.multiply(diff, MC), MC);
      }
    }
    return sum.divide(BigDecimal.valueOf(n), MC);
  }

  /** ||Mc||_F^2. */
  BigDecimal mcNormSquared() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int a = 0; a < d; a++) {
      for (int c = 0; c < k; c++) {
        sum = sum.add(mc[a][c].multiply(mc[a][c], MC), MC);
      }
    }
    return sum;
  }

  /** nc1_trace_ratio = tr Sigma_W / (||Mc||^2 / K). */
  double nc1TraceRatio() {
    return traceWithin().multiply(BigDecimal.valueOf(k), MC).divide(mcNormSquared(), MC).doubleValue();
  }

  /** Mc as doubles (rounded once from the high-precision value). */
  DMatrixRMaj mcRounded() {
    DMatrixRMaj out = new DMatrixRMaj(d, k);
    for (int a = 0; a < d; a++) {
      for (int c = 0; c < k; c++) {
        out.set(a, c, mc[a][c].doubleValue());
      }
    }
    return out;
  }

  /** Relative error (in the Frobenius norm) of {@code approx} as an approximation of Mc. */
  double mcRelativeError(DMatrixRMaj approx) {
    BigDecimal err = BigDecimal.ZERO;
    for (int a = 0; a < d; a++) {
      for (int c = 0; c < k; c++) {
        BigDecimal e = new BigDecimal(approx.get(a, c)).subtract(mc[a][c], MC);
        err = err.add(e.multiply(e, MC), MC);
      }
    }
    return Math.sqrt(err.divide(mcNormSquared(), MC).doubleValue());
  }

  /**
   * NC1 = tr(Sigma_W Sigma_B^+)/K when Mc has rank {@code rank} and its first {@code rank} columns
   * are linearly independent (true for generic means; balanced or sample-weighted centering gives
   * rank min(d, K-1)).
   */
  double nc1(int rank) {
    int r = rank;
    // A = first r columns of Mc (d x r) -- or, when r = d, the identity is simpler and equivalent.
    BigDecimal[][] a = new BigDecimal[d][r];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < r; j++) {
        a[i][j] = r == d ? (i == j ? BigDecimal.ONE : BigDecimal.ZERO) : mc[i][j];
      }
    }
    BigDecimal[][] ata = mult(transpose(a), a);
    BigDecimal[][] p = inverse(ata);
    // C = P A^T Mc (r x K); G = C C^T.
    BigDecimal[][] c = mult(p, mult(transpose(a), mc));
    BigDecimal[][] g = mult(c, transpose(c));
    // A^T Sigma_W A = (1/N) sum_i (A^T e_i)(A^T e_i)^T with e_i = h_i - mu_{y_i}.
    BigDecimal[][] s = new BigDecimal[r][r];
    for (BigDecimal[] row : s) {
      java.util.Arrays.fill(row, BigDecimal.ZERO);
    }
    BigDecimal[] proj = new BigDecimal[r];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < r; j++) {
        BigDecimal acc = BigDecimal.ZERO;
        for (int q = 0; q < d; q++) {
          BigDecimal e = new BigDecimal(h.get(q, i)).subtract(mbar[q][y[i]], MC);
          acc = acc.add(a[q][j].multiply(e, MC), MC);
        }
        proj[j] = acc;
      }
      for (int j = 0; j < r; j++) {
        for (int l = 0; l < r; l++) {
          s[j][l] = s[j][l].add(proj[j].multiply(proj[l], MC), MC);
        }
      }
    }
    BigDecimal[][] m = mult(mult(mult(s, p), inverse(g)), p);
    BigDecimal tr = BigDecimal.ZERO;
    for (int j = 0; j < r; j++) {
      tr = tr.add(m[j][j], MC);
    }
    // tr(Sigma_W Sigma_B^+)/K = tr((1/N) S P G^{-1} P) * K / K.
    return tr.divide(BigDecimal.valueOf(n), MC).doubleValue();
  }

  private static BigDecimal[][] transpose(BigDecimal[][] a) {
    BigDecimal[][] t = new BigDecimal[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }

  private static BigDecimal[][] mult(BigDecimal[][] a, BigDecimal[][] b) {
    BigDecimal[][] c = new BigDecimal[a.length][b[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        BigDecimal s = BigDecimal.ZERO;
        for (int p = 0; p < b.length; p++) {
          s = s.add(a[i][p].multiply(b[p][j], MC), MC);
        }
        c[i][j] = s;
      }
    }
    return c;
  }

  /** Inverse by Gauss-Jordan elimination with partial pivoting. */
  private static BigDecimal[][] inverse(BigDecimal[][] m) {
    int r = m.length;
    BigDecimal[][] a = new BigDecimal[r][2 * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        a[i][j] = m[i][j];
        a[i][r + j] = i == j ? BigDecimal.ONE : BigDecimal.ZERO;
      }
    }
    for (int col = 0; col < r; col++) {
      int piv = col;
      for (int i = col + 1; i < r; i++) {
        if (a[i][col].abs().compareTo(a[piv][col].abs()) > 0) {
          piv = i;
        }
      }
      BigDecimal[] tmp = a[col];
      a[col] = a[piv];
      a[piv] = tmp;
      BigDecimal pivot = a[col][col];
      if (pivot.signum() == 0) {
        throw new ArithmeticException("singular matrix in the reference computation");
      }
      for (int j = 0; j < 2 * r; j++) {
        a[col][j] = a[col][j].divide(pivot, MC);
      }
      for (int i = 0; i < r; i++) {
        if (i != col && a[i][col].signum() != 0) {
          BigDecimal f = a[i][col];
          for (int j = 0; j < 2 * r; j++) {
            a[i][j] = a[i][j].subtract(f.multiply(a[col][j], MC), MC);
          }
        }
      }
    }
    BigDecimal[][] inv = new BigDecimal[r][r];
    for (int i = 0; i < r; i++) {
      System.arraycopy(a[i], r, inv[i], 0, r);
    }
    return inv;
  }
}
